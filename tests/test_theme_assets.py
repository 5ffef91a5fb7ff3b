"""Material's stylesheets as the site publishes them (hooks/theme_assets.py): what no page can
match goes, everything else stays as Material wrote it."""

from __future__ import annotations

from pathlib import Path

import pytest
from theme_assets import Palette, is_stylesheet, left_out, stylesheet_order, trimmed

SITE = Palette(frozenset({"default", "slate"}), frozenset({"custom"}), frozenset({"custom"}), "ltr")


def css(*sheets: str, others: tuple[str, ...] = (), palette: Palette = SITE) -> str:
    return trimmed(sheets, palette, others).text.removeprefix('@charset "UTF-8";')


def test_rules_of_components_the_site_never_shows_go_and_the_others_stay() -> None:
    assert css(".md-tag{color:red}.md-tabs{color:blue}.md-post__title{margin:0}") == ".md-tabs{color:blue}"


def test_a_selector_goes_alone_and_its_rule_stays_for_the_others() -> None:
    assert css(".md-source,.md-header__button,.md-version__link{opacity:1}") == ".md-header__button{opacity:1}"


def test_what_a_pseudo_class_excludes_is_not_needed() -> None:
    kept = ".md-typeset a:not(.md-tag):is(.x,.md-version){color:red}"
    assert css(kept) == kept


def test_rules_for_the_other_direction_and_other_colours_go() -> None:
    sheet = ("[dir=rtl] .md-nav{left:0}[dir=ltr] .md-nav{right:0}"
             '[data-md-color-primary=red]{--md-primary-fg-color:red}[data-md-color-primary="custom"] .x{top:0}'
             "[data-md-color-scheme=slate]{color:#fff}[data-md-color-scheme=other]{color:#000}")
    assert css(sheet) == '[dir=ltr] .md-nav{right:0}[data-md-color-primary="custom"] .x{top:0}' \
                         "[data-md-color-scheme=slate]{color:#fff}"


def test_without_a_direction_in_mkdocs_yml_both_directions_stay() -> None:
    both = "[dir=rtl] .md-nav{left:0}[dir=ltr] .md-nav{right:0}"
    assert css(both, palette=Palette.of([{"scheme": "slate"}], None)) == both


def test_media_blocks_left_empty_go_and_the_others_keep_their_rules() -> None:
    sheet = "@media screen{.md-tag{color:red}}@media print{.md-tag{color:red}.md-header{display:none}}"
    assert css(sheet) == "@media print{.md-header{display:none}}"


def test_focus_is_styled_by_the_browsers_own_pseudo_class() -> None:
    assert css(".md-header__button:not(.focus-visible){outline:none}.md-nav__link.focus-visible{outline:auto}") == (
        ".md-header__button:not(:focus-visible){outline:none}.md-nav__link:focus-visible{outline:auto}")


def test_keyframes_and_custom_properties_nothing_refers_to_go() -> None:
    sheet = (":root{--md-used:1px;--md-chain:var(--md-deep);--md-deep:2px;--md-tag-icon:url('data:x;y,z');"
             "--md-mine:3px}.md-tag{mask:var(--md-tag-icon);animation:pulse 1s}"
             ".md-header{margin:var(--md-used);animation:fade 1s}"
             "@keyframes pulse{0%{opacity:0}}@keyframes fade{0%{opacity:0}}")
    assert css(sheet, others=(".na-x { padding: var(--md-mine); }",)) == (
        ":root{--md-used:1px;--md-mine:3px}.md-header{margin:var(--md-used);animation:fade 1s}"
        "@keyframes fade{0%{opacity:0}}")


def test_braces_and_commas_in_strings_do_not_split_rules() -> None:
    kept = '.md-typeset .x:before{content:"{,}";mask-image:url("data:image/svg+xml;utf8,<svg a=\'{\'/>")}'
    assert css(kept) == kept


def test_the_name_changes_with_the_text() -> None:
    first, second = trimmed([".a{color:red}"], SITE), trimmed([".a{color:blue}"], SITE)
    assert first.path.startswith("assets/stylesheets/theme.") and first.path.endswith(".min.css")
    assert first.path != second.path and trimmed([".a{color:red}"], SITE).path == first.path


@pytest.mark.parametrize(("path", "stylesheet", "order", "out"), [
    ("assets/stylesheets/main.57a0d79d.min.css", True, 0, False),
    ("assets/stylesheets/palette.fb2fffe2.min.css", True, 1, False),
    ("assets/stylesheets/main.57a0d79d.min.css.map", False, 0, True),
    ("assets/javascripts/lunr/min/lunr.ja.min.js", False, 0, True),
    ("assets/javascripts/workers/search.a7633da7.min.js", False, 0, True),
    ("assets/javascripts/bundle.a5f9d56c.min.js", False, 0, False),
    ("stylesheets/archive.css", False, 0, False),
])
def test_which_of_the_theme_files_are_trimmed_or_left_out(path: str, stylesheet: bool, order: int, out: bool) -> None:
    assert (is_stylesheet(path), stylesheet_order(path) if stylesheet else 0, left_out(path)) == (stylesheet, order, out)


def test_palettes_of_mkdocs_yml_name_the_colours_kept() -> None:
    palettes = [{"scheme": "default", "primary": "deep purple"}, {"scheme": "slate", "accent": "custom"}]
    assert Palette.of(palettes, "ltr") == Palette(frozenset({"default", "slate"}), frozenset({"deep-purple", "indigo"}),
                                                  frozenset({"indigo", "custom"}), "ltr")


def test_materials_own_stylesheet_keeps_what_the_pages_use_and_halves() -> None:
    import material

    folder = Path(material.__file__).parent / "templates" / "assets" / "stylesheets"
    sheets = [next(folder.glob(f"{name}.*.min.css")).read_text(encoding="utf-8") for name in ("main", "palette")]
    text = trimmed(sheets, SITE).text
    assert len(text) < sum(map(len, sheets)) / 2
    for kept in (".md-search__input", ".md-header__button", ".md-nav__link", ".md-top", ".md-typeset .admonition",
                 "[data-md-color-scheme=slate]", ".md-clipboard", ".md-typeset table:not([class])"):
        assert kept in text, kept
    for gone in (".md-tag", ".tabbed-set", "[dir=rtl]", "[data-md-color-primary=red]", ".focus-visible", "sourceMappingURL"):
        assert gone not in text, gone
