"""URL rules: relative links between pages and to files, as the browser resolves them."""

import pytest
from newsarchive.urls import Address, relative


@pytest.mark.parametrize(
    ("from_url", "to_url", "link"),
    [
        ("2024/03/12/", "companies/xiaomi/", "../../../companies/xiaomi/"),
        ("", "companies/", "companies/"),
        ("companies/", "companies/", "./"),
        ("2024/03/12/", "2024/03/12/#story", "#story"),
        ("2024/03/12/", "", "../../../"),
        ("", "2024/03/12/#a", "2024/03/12/#a"),
        ("companies/x/", "companies/x/2023/", "2023/"),
        ("2024/03/12/evening/", "images/2024/a.svg", "../../../../images/2024/a.svg"),
        ("", "feed.xml", "feed.xml"),
    ],
)
def test_relative(from_url, to_url, link):
    assert relative(from_url, to_url) == link


@pytest.mark.parametrize(("source", "url", "file", "path"), [
    ("index.md", "", "index.html", "/"),
    ("2024/03/12/index.md", "2024/03/12/", "2024/03/12/index.html", "/2024/03/12/"),
    ("about.md", "about/", "about/index.html", "/about/"),
    ("docs/README.md", "docs/", "docs/index.html", "/docs/"),
    ("notes.markdown", "notes/", "notes/index.html", "/notes/"),
    ("notes/README.mkd", "notes/", "notes/index.html", "/notes/"),
    ("feed.xml", "feed.xml", "feed.xml", "/feed.xml"),
    ("companies/xiaomi/feed.json", "companies/xiaomi/feed.json", "companies/xiaomi/feed.json",
     "/companies/xiaomi/feed.json"),
])
def test_an_address_knows_its_source_file_and_path_as_mkdocs_publishes_it(source, url, file, path):
    address = Address.of_source(source)
    assert (address.url, address.file, address.path) == (url, file, path)
    assert Address.of_file(file) == Address.of_path(path) == address
    assert Address.of_source(address.source) == address, "an address's own source publishes at it"
    assert address.is_page == (url == "" or url.endswith("/"))
