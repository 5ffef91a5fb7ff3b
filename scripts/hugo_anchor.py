"""The benchmark's yardstick: an archive's roundups as a plain Hugo site, for ``hugo`` to build.

``convert`` turns a ``roundups/`` folder (the registry's companies.yml, topics.yml and people.yml,
and the roundups, split into stories as the archive's own parser splits them) into a Hugo project:
the config and layouts of ``scripts/hugo_anchor/`` and a content tree, a section per year, month
and roundup and a page per story. Hugo then publishes what a fair Hugo version of the archive
would, with Hugo's own taxonomies, pagination and feeds:

- a page per roundup: its introduction and every story, Markdown rendered, each story under its
  headline with links to its companies and topics; its writers and editor, an AI note, its source
  and corrections;
- a page per company, topic and person (Hugo terms, the registry's names and descriptions),
  listing its stories (a person's: roundups) newest first, 100 a page, each with its date and
  companies; an index of each taxonomy with the number of stories;
- a page per month (its roundups and their headlines) and per year (its roundups by month), the
  home page (the ten newest roundups, the years);
- an RSS feed of the site (the 20 newest roundups, whole) and of each term (its 20 newest
  stories, whole); Hugo's sitemap and a 404 page.

Pagefind, run over Hugo's output, indexes the roundup pages (``data-pagefind-body``), not the
listings. Compared with the archive's own build, it leaves out: checking the roundups (our strict
build validates every field, tag, link and limit and fails on a problem); the theme (Material's
header, tabs and drawer) and the head's metadata, structured data and share cards; the Atom and
JSON feeds (one RSS feed each instead); the first sentences of the stories that lead a listing,
citations and source lists, the archive's calendar, the companies' Chinese names, the news
sitemap, the permalinks manifest, the corrections page and the pages written by hand in docs/;
and search records per story. It is a yardstick, not a second product: the stories' anchors are
Hugo's ``anchorize`` of the headline, and only what the generated archive holds is converted.

The templates are written for Hugo's speed as a Hugo site would be: a story's companies are found
by their slugs (``site.GetPage``), not by ``.GetTerms``, which made the same output take twice as
long (1,825 roundups: 13.8 s against 7.3 s).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import yaml
from newsarchive.parse import parse_file

SITE = Path(__file__).with_name("hugo_anchor")
"""The Hugo project's config and layouts; ``convert`` adds its content."""
TAXONOMIES = {"companies.yml": "companies", "topics.yml": "topics", "people.yml": "people"}
"""The registry's files, by the Hugo taxonomy each one's entries are the terms of."""
STORY = {"render": "never"}
"""Hugo's build options for a story: listed on its roundup's page and its terms' pages, no page of its own."""


def convert(roundups: Path, out: Path) -> int:
    """Write the Hugo project of the archive in ``roundups`` to ``out``, replacing any earlier one;
    return the number of roundups."""
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(SITE, out)
    content = out / "content"
    registry = {taxonomy: _yaml((roundups / name).read_text(encoding="utf-8"))
                for name, taxonomy in TAXONOMIES.items()}
    for taxonomy, entries in registry.items():
        for slug, entry in entries.items():
            _write(content / taxonomy / slug / "_index.md",
                   {"title": entry["name"], "description": entry.get("description") or entry.get("bio", "")})
    files = sorted(roundups.glob("[0-9]*/*.md"))
    for path in files:
        _roundup(path, content, registry)
    return len(files)


def _roundup(path: Path, content: Path, registry: dict[str, dict[str, Any]]) -> None:
    """The sections of a roundup (and of its year and month, if new) and a page per story."""
    parsed = parse_file(path.read_text(encoding="utf-8"))
    meta = _yaml(parsed.frontmatter_text or "")
    day, edition = meta["date"], path.stem[len("YYYY-MM-DD"):].lstrip("-")
    year = content / f"{day.year:04d}"
    month = year / f"{day.month:02d}"
    folder = month / f"{day.day:02d}" / edition if edition else month / f"{day.day:02d}"
    if not (year / "_index.md").exists():
        _write(year / "_index.md", {"title": str(day.year), "type": "year", "date": f"{day.year:04d}-01-01"})
    if not (month / "_index.md").exists():
        _write(month / "_index.md", {"title": day.strftime("%B %Y"), "type": "month", "date": day.replace(day=1)})
    when = f"{day}T{meta.get('time', '00:00')}:00"
    people = [*meta.get("authors", []), *([meta["editor"]] if "editor" in meta else [])]
    _write(folder / "_index.md", {
        "title": meta["title"], "date": when, "description": meta.get("summary", ""), "type": "roundup",
        "people": people, "ai_generated": meta.get("ai_generated", False), "source": meta.get("source"),
        "corrections": meta.get("corrections", []),
    }, parsed.intro)
    for number, story in enumerate(parsed.sections, start=1):
        sources = "".join(f"\n\nSource: {source}" for _, source in story.source_lines)
        _write(folder / f"{number:02d}.md", {
            "title": story.heading, "date": when, "weight": number, "_build": STORY,
            "companies": [slug for slug in story.tags if slug in registry["companies"]],
            "topics": [slug for slug in story.tags if slug in registry["topics"]],
        }, story.body + sources)


def _yaml(text: str) -> dict[str, Any]:
    return yaml.safe_load(text) or {}


def _write(path: Path, front: dict[str, Any], body: str = "") -> None:
    """A Hugo content file: JSON front matter (which Hugo reads as such), then Markdown."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(front, default=str, ensure_ascii=False) + "\n\n" + body + "\n", encoding="utf-8")
