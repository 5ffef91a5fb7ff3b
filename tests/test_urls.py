"""URL rules: relative links between pages and to files, as the browser resolves them."""

import pytest
from newsarchive.urls import relative


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
