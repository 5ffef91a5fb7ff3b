"""What a query costs the reader of a large archive, per year of its search index: measured on a
generated archive, whose stories are as long and as varied as real ones."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from newsarchive import urls
from newsarchive.render.search import search_bundles
from newsarchive.settings import Settings
from newsarchive.site import load
from search_index import SearchIndex

from tests.conftest import ROOT

ROUNDUPS = 150
"""About 1,200 stories: several of the year's index chunks."""


def test_a_word_costs_a_query_a_few_kilobytes_of_each_year(tmp_path: Path) -> None:
    """A query fetches, from each year's bundle, the index chunk that holds each of its words: at
    Pagefind's default size those chunks weigh 15 KB each, 300 KB a word once ten years are merged."""
    project = tmp_path / "project"
    subprocess.run([sys.executable, str(ROOT / "scripts" / "generate_archive.py"), "--roundups", str(ROUNDUPS),
                    "--project", str(project)], check=True, capture_output=True)
    bundles = search_bundles(load(Settings.read(project)).archive)
    newest = bundles[1].name
    SearchIndex(bundles, only={newest}).write(tmp_path / "site")
    chunks = [path.stat().st_size for path in (tmp_path / "site" / urls.SEARCH / newest / "index").iterdir()]
    assert len(chunks) > 10
    assert sum(chunks) / len(chunks) < 5_000
