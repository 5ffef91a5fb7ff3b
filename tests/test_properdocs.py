"""ProperDocs, the maintained continuation of MkDocs 1.x (PyPI ``properdocs``, in the dev lock),
builds this site as MkDocs does: strictly, with Material and the hooks, the same pages and the
same article HTML. The escape path of README's "Switching to ProperDocs"."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import lxml.html
import pytest

from tests.conftest import ROOT

PAGES = ["", "2024/03/12/", "companies/xiaomi/"]  # the home page, a roundup, a company page
MATERIAL_NOTICE = "Material for MkDocs reaches end of life"


@pytest.fixture(scope="module")
def properdocs_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The sample archive built by ``properdocs build --strict`` from the repository's mkdocs.yml,
    with the build's log. NO_MKDOCS_2_WARNING is left out: Material prints its notice only when
    the program is ``mkdocs``."""
    assert importlib.util.find_spec("properdocs"), "ProperDocs is missing: pip install --require-hashes -r requirements-dev.txt"
    site = tmp_path_factory.mktemp("properdocs") / "site"
    env = {name: value for name, value in os.environ.items() if name != "NO_MKDOCS_2_WARNING"}
    result = subprocess.run(
        [sys.executable, "-m", "properdocs", "build", "--strict", "-f", "mkdocs.yml", "--site-dir", str(site)],
        cwd=ROOT, capture_output=True, text=True, env=env, timeout=900, check=False,
    )
    assert result.returncode == 0, result.stderr
    return site, result.stderr


def pages(site: Path) -> set[str]:
    return {path.relative_to(site).as_posix() for path in site.rglob("index.html")}


def page(site: Path, url: str) -> lxml.html.HtmlElement:
    return lxml.html.parse(str(site / url / "index.html")).getroot()


def article(site: Path, url: str) -> str:
    """The page's content: Material's article, holding the one the core rendered."""
    (element,) = page(site, url).xpath('//article[contains(concat(" ", @class, " "), " md-content__inner ")]')
    return lxml.html.tostring(element, encoding="unicode")


def generator(site: Path) -> str:
    return page(site, "").xpath('string(//meta[@name="generator"]/@content)')


def test_properdocs_builds_the_site_with_material_and_the_hooks(properdocs_build, sample_build) -> None:
    (site, log), (mkdocs_site, _) = properdocs_build, sample_build
    assert generator(site).startswith("mkdocs-ProperDocs "), generator(site)
    assert "ProperDocs" not in generator(mkdocs_site)
    assert "mkdocs-material-" in generator(site)
    assert "Archive: " in log and "Search index: " in log  # hooks/archive_hook.py ran, and Pagefind
    assert MATERIAL_NOTICE not in log
    assert (site / "pagefind" / "bundles.json").is_file()


def test_properdocs_makes_the_same_pages_as_mkdocs(properdocs_build, sample_build) -> None:
    (site, _), (mkdocs_site, _) = properdocs_build, sample_build
    made = pages(site)
    assert len(made) > 100
    assert made == pages(mkdocs_site)


@pytest.mark.parametrize("url", PAGES)
def test_properdocs_renders_the_same_article_as_mkdocs(properdocs_build, sample_build, url: str) -> None:
    (site, _), (mkdocs_site, _) = properdocs_build, sample_build
    html = article(site, url)
    assert 'id="na-content"' in html
    assert html == article(mkdocs_site, url)
    assert page(site, url).findtext(".//title") == page(mkdocs_site, url).findtext(".//title")
