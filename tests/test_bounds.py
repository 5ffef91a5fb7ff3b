"""What one roundup can cost: a roundup at the limits of limits.py, tagging registry entries at
theirs, makes a bounded site and a bounded search index.

Each roundup is written to make as much as the limits let it: every tag is a different company
or topic (each gets its own page, feeds and search record) whose names are at their limits, and
the stories with the most tags are the longest and are made of ``&``, which a page escapes once
and an Atom feed twice (14 bytes in the two feeds of each company or topic a story is tagged
with). Two roundups: one at every limit at once (``limits.STORIES`` stories leave room for
``limits.TAGS`` tags on three of them; the other stories are distinct words, which cost Pagefind
the most memory), and the densest (five stories of ``&``, each with ``limits.TAGS`` tags).
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

import pytest
from newsarchive import limits
from newsarchive.model import Company, Roundup
from newsarchive.problems import ERROR
from newsarchive.render.markup import LEDE_CHARS
from newsarchive.settings import Settings
from newsarchive.site import load

from tests.conftest import COMPANIES, ROOT, roundup_text
from tests.core_build import build

OUTPUT_PER_BYTE = 360
"""Bytes of site (pages, feeds, sitemaps and search bundles) one byte of a roundup at the limits
makes, at most (the densest makes 320, the one at every limit 87). A byte of a story is in its
page and in two feeds of the site and of each of ``limits.TAGS`` companies and topics, which
makes 5 + 14 × 21 = 299 bytes for an ``&``; the pages of those companies and topics and the
search records add the rest."""
PAGEFIND_MB = 200
"""Pagefind's peak memory while it indexes a roundup at the limits and the companies and topics
it tags, at most (93 MB for the densest, 76 MB for the one at every limit)."""

PATH = "roundups/2024/2024-03-12.md"
INDEX = """
import resource, sys
from pathlib import Path
from newsarchive.render.search import search_bundles
from newsarchive.settings import Settings
from newsarchive.site import load
from search_index import SearchIndex
root = Path(sys.argv[1])
SearchIndex(search_bundles(load(Settings.read(root)).archive)).write(root / "site")
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""
"""Indexes the archive at ``argv[1]`` into its ``site/`` as a build does and prints Pagefind's
peak memory in KiB: run in a process of its own, whose only child is Pagefind."""


def _words(seed: str, chars: int) -> str:
    """Distinct-looking lowercase words, exactly ``chars`` characters in all."""
    pick = random.Random(seed)
    words, size = [], 0
    while size <= chars:
        word = "".join(pick.choice("bcdfghjklmnpqrstvwxz") for _ in range(pick.randint(4, 9)))
        words.append(word)
        size += len(word) + 1
    text = " ".join(words)[:chars]
    return text[:-1] + "x" if text.endswith(" ") else text


def _paragraphs(line: str, size: int) -> str:
    """Paragraphs of ``line`` (cut to ``limits.LINE_CHARS``), ``size`` bytes at most in all."""
    line = line[: limits.LINE_CHARS]
    count = (size + 2) // (len(line) + 2)
    rest = size - count * (len(line) + 2) + 2
    return "\n\n".join([line] * count + ([line[: rest - 2]] if rest > 2 else []))


def _registry(root: Path, companies: int, topics: int) -> tuple[list[str], list[str]]:
    """Companies and topics with every field at its limit (a company's names at theirs together,
    with ``limits.TAGS`` aliases); their slugs."""
    def slug(kind: str, number: int) -> str:
        return f"{kind}{number:03d}-" + "x" * (limits.SLUG_CHARS - 5)

    def quoted(text: str) -> str:
        return json.dumps(text, ensure_ascii=False)

    zh_chars = limits.NAME_CHARS // 2
    alias_chars = (limits.NAMES_CHARS - limits.NAME_CHARS - limits.SHORT_CHARS - zh_chars) // limits.TAGS
    written = []
    for number in range(companies):
        aliases = [f"{number:03d}{k:02d}" + _words(f"alias {number} {k}", alias_chars - 5) for k in range(limits.TAGS)]
        tickers = [_words(f"ticker {number} {k}", limits.NAME_CHARS) for k in range(limits.TAGS)]
        written.append(
            f"{slug('c', number)}:\n  name: {quoted(_words(f'name {number}', limits.NAME_CHARS))}\n"
            f"  short: {quoted(_words(f'short {number}', limits.SHORT_CHARS))}\n"
            f"  name_zh: {quoted(f'{number:03d}' + ('公司' * zh_chars)[: zh_chars - 3])}\n"
            f"  aliases: [{', '.join(map(quoted, aliases))}]\n  tickers: [{', '.join(map(quoted, tickers))}]\n"
            f"  hq: {quoted(_words(f'hq {number}', limits.NAME_CHARS))}\n"
            f"  url: https://example.com/{_words(f'url {number}', 200).replace(' ', '/')}\n"
            f"  description: {quoted(_words(f'about {number}', limits.TEXT_CHARS))}\n")
    (root / "roundups" / "companies.yml").write_text("".join(written), encoding="utf-8")
    (root / "roundups" / "topics.yml").write_text("".join(
        f"{slug('t', number)}:\n  name: {quoted(_words(f'topic {number}', limits.NAME_CHARS))}\n"
        f"  short: {quoted(_words(f'topic short {number}', limits.SHORT_CHARS))}\n"
        f"  name_zh: {quoted(f'{number:03d}' + '话题' * ((limits.NAME_CHARS - 3) // 2))}\n"
        f"  description: {quoted(_words(f'topic about {number}', limits.TEXT_CHARS))}\n"
        for number in range(topics)), encoding="utf-8")
    return [slug("c", n) for n in range(companies)], [slug("t", n) for n in range(topics)]


def _roundup(companies: list[str], topics: list[str], every_limit: bool) -> str:
    """A story for each topic, with the companies on the first ones, ``limits.TAGS`` tags to a
    story; the more tags a story has, the longer it is, until the file is ``limits.FILE_BYTES``
    long. With ``every_limit``, the frontmatter and one story are at their limits too; without,
    every story is of ``&`` and the frontmatter is short."""
    left = iter(companies)
    tags = [[topic, *islice(left, limits.TAGS - 1)] for topic in topics]
    head = "---\ntitle: Bounds\ndate: 2024-03-12\nsummary: What a roundup can cost.\n---\n\n"
    if every_limit:
        head = (f"---\ntitle: {json.dumps(_words('title', limits.NAME_CHARS))}\ndate: 2024-03-12\n"
                f"summary: {json.dumps(_words('summary', limits.TEXT_CHARS))}\n"
                "image:\n  src: https://images.example.com/lead.jpg\n"
                f"  alt: {json.dumps(_words('alt', limits.TEXT_CHARS))}\n"
                f"  credit: {json.dumps(_words('credit', limits.NAME_CHARS))}\n"
                f"  caption: {json.dumps(_words('caption', limits.TEXT_CHARS))}\n"
                "corrections:\n" + "".join(f"  - date: 2024-03-12\n    note: {json.dumps(_words(f'note {n}', limits.TEXT_CHARS))}\n"
                                           for n in range(limits.CORRECTIONS))
                + "---\n\n")
    starts = [f"## {_words(f'headline {n}', limits.NAME_CHARS)}\n\nTags: {', '.join(tags[n])}\n\n"
              for n in range(len(tags))]
    lines = ["&" * limits.LINE_CHARS if len(tags[n]) == limits.TAGS or not every_limit
             else _words(f"story {n}", limits.LINE_CHARS) for n in range(len(tags))]
    bodies = [line[:200] for line in lines]
    # the story at the limits of links and nesting, after the ones with the most tags
    marked = len([story for story in tags if len(story) == limits.TAGS]) if every_limit else -1
    if every_limit:
        bodies[marked] = ("\n".join(f"[{_words(f'link {n}', 8)}](https://example.com/{n})" for n in range(limits.BRACKETS))
                          + "\n\n" + "".join("    " * level + f"- {_words(f'level {level}', 20)}\n"
                                              for level in range(limits.NESTING)))

    def whole() -> str:
        return head + "\n".join(start + body + "\n" for start, body in zip(starts, bodies, strict=True))

    for number in sorted(range(len(tags)), key=lambda n: -len(tags[n])):
        if number != marked:
            room = limits.FILE_BYTES - len(whole().encode("utf-8"))
            bodies[number] = _paragraphs(lines[number], min(limits.STORY_BYTES - 1, len(bodies[number]) + room))
    return whole()


@dataclass(frozen=True)
class Made:
    """A roundup at the limits, and what it made."""

    written: int
    """The roundup file's bytes."""
    roundup: Roundup
    companies: list[Company]
    errors: list[str]
    site: int
    """Bytes of every page, feed and sitemap, and of the search bundles."""
    pagefind: int
    """Pagefind's peak memory in bytes."""


@pytest.fixture(scope="module", params=[True, False], ids=["every-limit", "densest"])
def made(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Made:
    """The roundup at every limit, or the densest, built and indexed."""
    root = tmp_path_factory.mktemp("limits")
    (root / "roundups" / "2024").mkdir(parents=True)
    (root / "docs").mkdir()
    stories = limits.STORIES if request.param else limits.ROUNDUP_TAGS // limits.TAGS
    companies, topics = _registry(root, limits.ROUNDUP_TAGS - stories, stories)
    (root / PATH).write_text(_roundup(companies, topics, every_limit=request.param), encoding="utf-8")
    built = build(Settings.read(root))
    indexed = subprocess.run([sys.executable, "-c", INDEX, str(root)], cwd=ROOT, capture_output=True, text=True,
                             timeout=300, env={**os.environ, "PYTHONPATH": os.pathsep.join(["hooks", "."])})
    assert indexed.returncode == 0, indexed.stderr
    bundles = sum(path.stat().st_size for path in (root / "site").rglob("*") if path.is_file())
    return Made((root / PATH).stat().st_size, built.loaded.archive.roundups[0],
                list(built.loaded.archive.registry.companies.values()),
                [str(p) for p in built.loaded.problems if p.severity == ERROR],
                sum(len(text.encode("utf-8")) for text in built.texts().values()) + bundles,
                int(indexed.stdout) * 1024)


def test_the_roundup_is_at_the_limits_and_published(made):
    assert made.errors == []
    tags = [len(story.companies) + len(story.topics) for story in made.roundup.stories]
    assert sum(tags) == limits.ROUNDUP_TAGS and max(tags) == limits.TAGS and made.written <= limits.FILE_BYTES
    if len(tags) == limits.STORIES:  # every limit at once: the file is full too
        assert made.written > limits.FILE_BYTES - limits.NAME_CHARS
    else:  # the densest
        assert tags == [limits.TAGS] * len(tags)
    names = [sum(map(len, (c.name, c.short, c.name_zh, *c.aliases))) for c in made.companies]
    assert names == [limits.NAMES_CHARS] * len(made.companies)
    assert all(len(set(c.aliases)) == limits.TAGS for c in made.companies)


def test_a_roundup_at_the_limits_makes_a_bounded_site(made):
    assert made.site / made.written <= OUTPUT_PER_BYTE, f"{made.site:,} bytes of site from {made.written:,}"


def test_pagefind_indexes_a_roundup_at_the_limits_in_bounded_memory(made):
    assert made.pagefind <= PAGEFIND_MB * 2**20, f"Pagefind peaked at {made.pagefind / 2**20:.0f} MB"


# The limits that bound it ---------------------------------------------------------------------------

def _problems(root: Path) -> list[str]:
    return [str(p) for p in load(Settings.read(root)).problems]


def test_names_of_an_entry_past_their_limit_together_are_an_error_and_its_aliases_are_left_out(content):
    aliases = ["a" * 200, "b" * 200, "c" * (limits.NAMES_CHARS - 404)]  # with "Acme": at the limit
    wider = ["d" * 200, "e" * 200, "f" * (limits.NAMES_CHARS - 403)]  # with "Wide": one past it
    content("roundups/companies.yml", COMPANIES + f"acme:\n  name: Acme\n  aliases: [{', '.join(aliases)}]\n"
            f"wide:\n  name: Wide\n  aliases: [{', '.join(wider)}]\n")
    assert _problems(content.root) == [
        "roundups/companies.yml:22: error: wide.aliases: the entry's names are 501 characters long together, more "
        "than the 500 allowed; its aliases are left out — keep the few aliases readers search for",
    ]
    registry = load(Settings.read(content.root)).archive.registry
    assert registry.companies["acme"].aliases == tuple(aliases) and registry.companies["wide"].aliases == ()


def _tagged(stories: list[list[str]]) -> str:
    return "".join(f"## Story {number}\n\nTags: {', '.join(tags)}\n\nText.\n\n" for number, tags in enumerate(stories))


def test_tags_of_a_roundup_past_their_limit_are_an_error_on_the_story_that_passes_it(content):
    companies = ["xiaomi", "byd", "shengshu", *(f"maker{n}" for n in range(limits.TAGS - 4))]
    content("roundups/companies.yml", COMPANIES + "".join(f"{slug}:\n  name: Maker {slug}\n" for slug in companies[3:]))
    full = [*companies, "ev"]
    stories = [full] * (limits.ROUNDUP_TAGS // limits.TAGS)
    content(PATH, roundup_text(body=_tagged([*stories, ["xiaomi", "ev"], ["byd", "ai"]])))
    assert _problems(content.root) == [
        f"{PATH}:39: error: Tags: the roundup's stories have 104 tags together, more than the 100 one roundup may "
        "hold; the tags of this story and the ones after it are left out — keep the companies and topics each "
        "story is mainly about",
    ]
    shown = build(Settings.read(content.root), show_problems=True).loaded.archive.roundups[0]
    assert [len(story.companies) + len(story.topics) for story in shown.stories] == [limits.TAGS] * 5 + [0, 0]
    content(PATH, roundup_text(body=_tagged([*stories])))
    assert _problems(content.root) == []


def test_a_listing_shows_at_most_lede_chars_of_a_story_that_runs_on(content):
    """A Chinese paragraph without a full stop was a listing's whole "first sentence"."""
    content(PATH, roundup_text(body=f"## Cars\n\nTags: xiaomi, ev\n\n{'车' * (LEDE_CHARS * 2)}\n"))
    page = build(Settings.read(content.root)).texts()["companies/xiaomi/"]
    assert f"<p>{'车' * LEDE_CHARS}…</p>" in page and "车" * (LEDE_CHARS + 1) not in page
