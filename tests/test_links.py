"""Addresses with a user name or password before the host are refused wherever a URL is judged:
``https://www.mi.com@evil.example/`` reads as Xiaomi's site and leads elsewhere."""

from __future__ import annotations

from pathlib import Path

import pytest
from newsarchive import links
from newsarchive.render.markup import render_markdown
from newsarchive.settings import Settings
from newsarchive.site import load

from tests.conftest import COMPANIES, roundup_text

PATH = "roundups/2024/2024-03-12.md"
HINT = "write the site's own address; a published link carries no user name or password"


def problems(root: Path) -> list[str]:
    return [str(p) for p in load(Settings.read(root)).problems]


@pytest.mark.parametrize(("url", "user", "host"), [
    ("https://www.mi.com@evil.example/", "www.mi.com", "evil.example"),
    ("https://editor:secret@www.mi.com/", "editor:secret", "www.mi.com"),
    ("HTTPS://www.mi.com@evil.example", "www.mi.com", "evil.example"),
    ("https:www.mi.com@evil.example/", "www.mi.com", "evil.example"),         # a browser reads a host here too
    ("https:\\\\www.mi.com@evil.example/", "www.mi.com", "evil.example"),     # and '\' as '/'
    ("//www.mi.com@evil.example/", "www.mi.com", "evil.example"),             # on the page's own scheme
    ("https://www.mi.com&#64;evil.example/", "www.mi.com", "evil.example"),   # '@' as a character reference
    ("https://a@b@evil.example/", "a@b", "evil.example"),
])
def test_an_address_with_a_user_part_is_a_disguise(url: str, user: str, host: str) -> None:
    assert links.disguise(url) == (user, host)
    assert links.refused(url) and links.refused(url, links.EMBEDDED)
    assert not links.is_web_url(url)


@pytest.mark.parametrize("url", [
    "https://www.mi.com/", "https://www.mi.com/@xiaomi", "https://www.mi.com/?by=a@b", "https://www.mi.com/#a@b",
    "https://www.mi.com\\@evil.example/",  # a browser reads the '\' as '/': the host is www.mi.com
    "mailto:press@mi.com", "press@mi.com", "images/2024/a@2x.jpg",
])
def test_an_address_without_a_user_part_is_none(url: str) -> None:
    assert links.disguise(url) is None


def test_a_registry_url_with_a_user_part_is_an_error(content) -> None:
    content("roundups/companies.yml", COMPANIES.replace("url: https://www.mi.com/",
                                                        "url: https://www.mi.com@evil.example/"))
    assert problems(content.root) == [
        "roundups/companies.yml:7: error: xiaomi.url: 'https://www.mi.com@evil.example/' leads to evil.example: "
        f"'www.mi.com@' before it is a user name, not the site — {HINT}",
    ]


def test_a_source_url_with_a_password_is_an_error(content) -> None:
    content(PATH, roundup_text(extra="source:\n  name: Caixin\n  url: https://reader:pw@www.caixinglobal.com/\n"))
    assert problems(content.root) == [
        f"{PATH}:7: error: source.url: 'https://reader:pw@www.caixinglobal.com/' leads to www.caixinglobal.com: "
        f"'reader:pw@' before it is a user name, not the site — {HINT}",
    ]


@pytest.mark.parametrize("markdown", [
    "See [Xiaomi's site](https://www.mi.com@evil.example/).",
    "See ![the car](https://www.mi.com@evil.example/su7.jpg).",
    "See <https://www.mi.com@evil.example/>.",
])
def test_a_story_link_with_a_user_part_is_reported_and_shown_as_text(content, markdown: str) -> None:
    content(PATH, roundup_text(body=f"## Xiaomi sets a date\n\nTags: xiaomi, ev\n\n{markdown}\n"))
    url = markdown.split("(")[-1].split(")")[0] if "(" in markdown else "https://www.mi.com@evil.example/"
    assert problems(content.root) == [
        f"{PATH}:11: error: link: '{url}' leads to evil.example: 'www.mi.com@' before it is a user name, not the "
        f"site — {HINT}",
    ]
    rendered = render_markdown(markdown)
    assert rendered.unlinked == (url,)
    assert "href" not in rendered.html and "src" not in rendered.html


def test_a_registry_url_with_an_unclosed_ipv6_bracket_is_a_problem_not_a_crash(content) -> None:
    content("roundups/companies.yml", COMPANIES.replace("url: https://www.mi.com/", "url: http://[::1"))
    assert problems(content.root) == [
        "roundups/companies.yml:7: error: xiaomi.url: 'http://[::1' is not an http(s) URL — write a full address "
        "starting with https://",
    ]
