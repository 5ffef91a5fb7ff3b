"""What the site publishes from docs/: images known by their bytes, SVG files that hold a drawing
and nothing else, no file a browser would run, no name a web address cannot carry, no link or hard
link to what lies outside docs/, and no image of a roundup that is not on the site yet."""

from __future__ import annotations

import logging
import os
import struct
import tempfile
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from mkdocs.commands.build import build as mkdocs_build_in_process
from mkdocs.config import load_config
from mkdocs.exceptions import Abort
from newsarchive import hand_pages, images
from newsarchive.problems import printable
from newsarchive.publishable import unpublished_images
from newsarchive.reading import Reads
from newsarchive.settings import Settings
from newsarchive.site import load

from tests.conftest import COMPANIES, TOPICS, roundup_text
from tests.test_verdict import _check, _project, _strict_build

PATH = "roundups/2024/2024-03-12.md"
SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="630" viewBox="0 0 1200 630">\n{body}\n</svg>\n'
NO_SCRIPT = "remove it: a picture needs no script, and one in an image file would run on the site"
DRAWING_ONLY = "remove it (an SVG on the site holds a drawing and nothing else), or export the picture as PNG or WebP"
LOCAL_ONLY = ("an SVG on the site may refer only to its own parts ('#id'): remove the reference, or export the picture "
              "as PNG or WebP")


def svg(body: str = '<rect width="10" height="10"/>', width: str = "1200") -> str:
    return SVG.format(width=width, body=body)


def problems(root: Path) -> list[str]:
    return [str(p) for p in load(Settings.read(root)).problems]


def png(width: int = 1200, height: int = 630) -> bytes:
    return b"\x89PNG\r\n\x1a\n" + struct.pack(">I4sII5s", 13, b"IHDR", width, height, b"\x08\x02\x00\x00\x00") + b"0" * 8


def jpeg(width: int = 1200, height: int = 630) -> bytes:
    return b"\xff\xd8\xff\xc0" + struct.pack(">HBHHB", 17, 8, height, width, 3) + b"\x01\x22\x00" * 3 + b"\xff\xd9"


def gif(width: int = 1200, height: int = 630) -> bytes:
    return b"GIF89a" + struct.pack("<HH", width, height) + b"\x00\x00\x00;"


def webp(width: int = 1200, height: int = 630) -> bytes:
    bits = (width - 1) | (height - 1) << 14
    chunk = b"VP8L" + struct.pack("<I", 5) + b"\x2f" + struct.pack("<I", bits)
    return b"RIFF" + struct.pack("<I", 4 + len(chunk)) + b"WEBP" + chunk


def webp_extended(width: int, height: int) -> bytes:
    sides = (width - 1).to_bytes(3, "little") + (height - 1).to_bytes(3, "little")
    chunk = b"VP8X" + struct.pack("<I", 10) + b"\x00" * 4 + sides
    return b"RIFF" + struct.pack("<I", 4 + len(chunk)) + b"WEBP" + chunk


def avif() -> bytes:
    return struct.pack(">I", 28) + b"ftypavif" + b"\x00\x00\x00\x00" + b"avifmif1miaf" + b"\x00" * 16


# Images are known by their bytes ----------------------------------------------------------------

@pytest.mark.parametrize(("name", "data", "size"), [
    ("a.png", png(), (1200, 630)), ("a.jpg", jpeg(), (1200, 630)), ("a.jpeg", jpeg(40, 30), (40, 30)),
    ("a.gif", gif(), (1200, 630)), ("a.webp", webp(), (1200, 630)), ("a.avif", avif(), (0, 0)),
    ("a.svg", svg().encode(), (1200, 630)), ("A.PNG", png(8, 9), (8, 9)),
], ids=lambda value: value if isinstance(value, str) else "")
def test_each_type_of_image_the_site_shows_is_published_with_its_size(content, name: str, data: bytes, size) -> None:
    content(f"docs/images/{name}", data)
    content(PATH, roundup_text(extra=f"image:\n  src: images/{name}\n  alt: A photo\n"))
    loaded = load(Settings.read(content.root))
    assert [str(p) for p in loaded.problems] == []
    image = loaded.archive.roundups[0].image
    assert image is not None and (image.width, image.height) == size


@pytest.mark.parametrize(("name", "data", "message"), [
    ("photo.jpg", b"<html><script>alert(document.domain)</script></html>",
     "is not a JPEG image, nor any image the site shows (PNG, JPEG, WebP, AVIF, GIF or SVG) — export the picture "
     "again as JPEG, or delete the file"),
    ("photo.png", b"<!doctype html><title>x</title>",
     "is not a PNG image, nor any image the site shows (PNG, JPEG, WebP, AVIF, GIF or SVG) — export the picture again "
     "as PNG, or delete the file"),
    ("photo.jpg", png(), "holds a PNG image but is named '.jpg' — rename it to end in '.png'"),
    ("photo.png", jpeg(), "holds a JPEG image but is named '.png' — rename it to end in '.jpg'"),
    ("photo.gif", webp(), "holds a WebP image but is named '.gif' — rename it to end in '.webp'"),
    ("photo.webp", avif(), "holds an AVIF image but is named '.webp' — rename it to end in '.avif'"),
    ("photo.png", svg().encode(), "holds an SVG image but is named '.png' — rename it to end in '.svg'"),
    ("photo.svg", png(), "holds a PNG image but is named '.svg' — rename it to end in '.png'"),
    ("photo.avif", b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic",
     "is not an AVIF image, nor any image the site shows (PNG, JPEG, WebP, AVIF, GIF or SVG) — export the picture "
     "again as AVIF, or delete the file"),
    ("photo.gif", b"", "is not a GIF image, nor any image the site shows (PNG, JPEG, WebP, AVIF, GIF or SVG) — export "
     "the picture again as GIF, or delete the file"),
], ids=["html-as-jpg", "html-as-png", "png-as-jpg", "jpeg-as-png", "webp-as-gif", "avif-as-webp", "svg-as-png",
        "png-as-svg", "heic-as-avif", "empty-gif"])
def test_an_image_must_hold_the_type_its_name_says(content, name: str, data: bytes, message: str) -> None:
    content(f"docs/images/{name}", data)
    content(PATH, roundup_text())
    assert problems(content.root) == [f"docs/images/{name}:1: error: image: {message}"]


def test_a_lead_image_must_be_a_type_the_site_shows(content) -> None:
    content("docs/images/notes.txt", "Notes.")
    content(PATH, roundup_text(extra="image:\n  src: images/notes.txt\n  alt: A photo\n"))
    assert problems(content.root) == [
        f"{PATH}:6: error: image.src: docs/images/notes.txt is not an image the site shows — use a PNG, JPEG, WebP, "
        "AVIF, GIF or SVG file"
    ]


# SVG: a drawing and nothing else ----------------------------------------------------------------

UNSAFE_SVG = {
    "script": ("<script>alert(document.domain)</script>", "the SVG has a <script> element", NO_SCRIPT),
    "script-cdata": ("<script><![CDATA[alert(1)]]></script>", "the SVG has a <script> element", NO_SCRIPT),
    "script-other-namespace": ('<h:script xmlns:h="http://www.w3.org/1999/xhtml">alert(1)</h:script>',
                               "the SVG has a <script> element", NO_SCRIPT),
    "event-handler": ('<rect width="9" height="9" onload="alert(1)"/>', "the SVG has an event handler, 'onload'",
                      NO_SCRIPT),
    "event-handler-case": ('<rect width="9" height="9" ONCLICK="alert(1)"/>',
                           "the SVG has an event handler, 'ONCLICK'", NO_SCRIPT),
    "foreign-object": ("<foreignObject/>", "the SVG has a <foreignObject> element, which can hold a web page",
                       DRAWING_ONLY),
    "html-element": ('<iframe xmlns="http://www.w3.org/1999/xhtml" src="#x"/>', "the SVG has an HTML element, <iframe>",
                     DRAWING_ONLY),
    "javascript-link": ('<a href="javascript:alert(1)"><text>x</text></a>', "the SVG has a 'javascript:' address",
                        LOCAL_ONLY),
    "javascript-xlink": ('<a xmlns:xlink="http://www.w3.org/1999/xlink" xlink:href=" java&#x09;script:alert(1)">'
                         "<text>x</text></a>", "the SVG has a 'javascript:' address", LOCAL_ONLY),
    "data-image": ('<image href="data:image/svg+xml;base64,PHN2Zy8+"/>', "the SVG has a 'data:' address", LOCAL_ONLY),
    "external-image": ('<image href="https://tracker.example/p.png"/>',
                       "the SVG refers to 'https://tracker.example/p.png', outside the file", LOCAL_ONLY),
    "relative-use": ('<use href="other.svg#shape"/>', "the SVG refers to 'other.svg#shape', outside the file",
                     LOCAL_ONLY),
    "external-fill": ('<rect width="9" height="9" fill="url(https://x.example/a.svg#g)"/>',
                      "the SVG refers to 'https://x.example/a.svg#g', outside the file", LOCAL_ONLY),
    "style-attribute-url": ("<rect width=\"9\" height=\"9\" style=\"fill: url( 'b.svg#g' )\"/>",
                            "the SVG refers to 'b.svg#g', outside the file", LOCAL_ONLY),
    "style-import": ('<style>@import "https://x.example/a.css";</style>',
                     "the SVG's style loads another file ('@import')", LOCAL_ONLY),
    "style-url": ("<style>\nrect { fill: #000 }\nrect { background: url(//x.example/a.png) }</style>",
                  "the SVG refers to '//x.example/a.png', outside the file", LOCAL_ONLY),
    "style-image-set": ('<style>rect { background: image-set("a.png" 1x) }</style>',
                        "the SVG's style loads another file ('image-set(')", LOCAL_ONLY),
    "style-escape": (r"<style>rect { background: u\72l(a.png) }</style>",
                     "the SVG's style has a '\\' escape, which can hide what it loads", "write the style without '\\'"),
    "xml-base": ('<g xml:base="https://x.example/a.svg"><use href="#a"/></g>',
                 "the SVG sets the address its references start from (xml:base)", LOCAL_ONLY),
    "style-cdata": ("<style><![CDATA[ rect { fill: url(https://x.example/a.svg#g) } ]]></style>",
                    "the SVG refers to 'https://x.example/a.svg#g', outside the file", LOCAL_ONLY),
    "animated-link": ('<a href="#x"><set attributeName="href" to="javascript:alert(1)"/><text>x</text></a>',
                      "the SVG animates a link ('href')", "remove the <set> or <animate> element"),
}


@pytest.mark.parametrize("case", UNSAFE_SVG, ids=UNSAFE_SVG)
def test_an_svg_that_would_run_or_load_anything_is_an_error_at_its_line(content, case: str) -> None:
    body, message, hint = UNSAFE_SVG[case]
    content("docs/images/2024/chart.svg", svg(body))
    content(PATH, roundup_text(extra="image:\n  src: images/2024/chart.svg\n  alt: A chart\n"))
    line = 4 if case == "style-url" else 2  # the body starts on line 2; that style's url() is on its third line
    assert problems(content.root) == [f"docs/images/2024/chart.svg:{line}: error: image: {message} — {hint}"]


@pytest.mark.parametrize(("text", "message"), [
    ('<?xml version="1.0"?>\n<!DOCTYPE svg [\n<!ENTITY a "aaaaaaaaaa">\n<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">\n'
     '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>\n<svg xmlns="http://www.w3.org/2000/svg">&c;&c;&c;</svg>',
     "2: error: image: the SVG's <!DOCTYPE> declares entities or attributes (between '[' and ']') — delete the "
     "<!DOCTYPE …> block: an image needs none"),
    ('<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<svg xmlns="http://www.w3.org/2000/svg">&x;</svg>',
     "1: error: image: the SVG's <!DOCTYPE> declares entities or attributes (between '[' and ']') — delete the "
     "<!DOCTYPE …> block: an image needs none"),
    ('<?xml-stylesheet type="text/xsl" href="#x"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>',
     "1: error: image: the SVG has an <?xml-stylesheet?> instruction, which can make a program of it — delete the "
     "line"),
    ('<svg xmlns="http://www.w3.org/2000/svg">\n<rect>\n</svg>',
     "3: error: image: is not a well-formed SVG file (mismatched tag) — open it in a drawing program and export it "
     "again as SVG"),
    ("<svg><rect/></svg>", "1: error: image: is not an SVG image: its first element is <svg> outside the SVG "
     'namespace — an SVG file starts with <svg xmlns="http://www.w3.org/2000/svg" …>'),
    ('<html xmlns="http://www.w3.org/1999/xhtml"><script>alert(1)</script></html>',
     "1: error: image: is not an SVG image: its first element is <html> — an SVG file starts with "
     '<svg xmlns="http://www.w3.org/2000/svg" …>'),
], ids=["billion-laughs", "external-entity", "xslt", "not-well-formed", "no-namespace", "xhtml"])
def test_an_svg_is_read_without_expanding_or_fetching_anything(content, text: str, message: str) -> None:
    content("docs/images/chart.svg", text)
    start = time.perf_counter()
    assert problems(content.root) == [f"docs/images/chart.svg:{message}"]
    assert time.perf_counter() - start < 5


def test_an_svg_in_another_encoding_is_read_as_a_browser_reads_it(content) -> None:
    content("docs/images/chart.svg", svg("<script>alert(1)</script>").encode("utf-16"))
    assert problems(content.root) == [
        f"docs/images/chart.svg:2: error: image: the SVG has a <script> element — {NO_SCRIPT}"
    ]


def test_an_svg_drawing_with_its_own_parts_and_an_editors_notes_is_published(content) -> None:
    text = (
        '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n'
        "<!-- Made with a drawing program; this comment is long enough to push the svg tag past the first "
        "kilobyte of the file, where its type is looked for. " + "x" * 1100 + " -->\n"
        '<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n'
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"\n'
        '     xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" width="12cm" height="300px">\n'
        '  <defs><linearGradient id="g"><stop offset="0" stop-color="#000"/></linearGradient>\n'
        "    <style>.a { fill: url(#g); stroke: URL( '#g' ) }</style></defs>\n"
        '  <inkscape:namedview inkscape:zoom="1"/>\n'
        '  <rect class="a" width="10" height="10" fill="url(#g)" style="opacity: 0.5"/>\n'
        '  <a href="#top"><use xlink:href="#g"/><text>online</text></a>\n'
        "</svg>\n"
    )
    content("docs/images/chart.svg", text)
    content(PATH, roundup_text(extra="image:\n  src: images/chart.svg\n  alt: A chart\n"))
    loaded = load(Settings.read(content.root))
    assert [str(p) for p in loaded.problems] == []
    image = loaded.archive.roundups[0].image
    assert image is not None and (image.width, image.height) == (453, 300)


def test_the_problems_of_one_svg_are_capped(content) -> None:
    content("docs/images/chart.svg", svg('<rect onclick="x"/>\n' * 500))
    found = problems(content.root)
    assert len(found) == 101
    assert found[-1] == ("docs/images/chart.svg:102: error: file: 400 more problems from this line on are not listed "
                         "(400 errors, no warnings, no suggestions) — fix the ones listed, then check again")


# Numbers read from an image are bounded ----------------------------------------------------------

@pytest.mark.parametrize(("name", "data"), [
    ("huge.svg", svg(width="9" * 400).encode()),
    ("huge-float.svg", svg(width="1" + "0" * 400 + ".5px").encode()),
    ("wide.svg", svg(width="100001").encode()),
    ("wide-inches.svg", svg(width="1100in").encode()),
    ("huge.png", png(2**32 - 1, 10)),
    ("tall.webp", webp_extended(10, 2**24)),
], ids=["svg-400-digits", "svg-400-digits-px", "svg-over", "svg-inches", "png-4-billion", "webp-16-million"])
def test_an_image_stating_a_size_beyond_the_bound_is_an_error_not_a_crash(content, name: str, data: bytes) -> None:
    content(f"docs/images/{name}", data)
    content(PATH, roundup_text(extra=f"image:\n  src: images/{name}\n  alt: A photo\n"))
    loaded = load(Settings.read(content.root))
    kind = "SVG" if name.endswith(".svg") else "image"
    hint = "correct its width and height, or export it again" if kind == "SVG" else "export it again"
    assert [str(p) for p in loaded.problems] == [
        f"docs/images/{name}:1: error: image: the {kind} says it is more than 100,000 pixels wide or high — {hint}"
    ]
    image = loaded.archive.roundups[0].image
    assert image is not None and (image.width, image.height) == (0, 0), "the page gives it no size"


@pytest.mark.parametrize(("width", "height", "size"), [
    ("1200", "630", (1200, 630)), ("100000", "1", (100000, 1)), ("100%", "630", (0, 0)), ("2em", "630", (0, 0)),
    ("", "630", (0, 0)), (" 12.9px ", "1pc", (12, 16)), ("nan", "inf", (0, 0)), ("-5", "5", (0, 0)),
    ("1e3", "5", (0, 0)), ("0000000000001200", "0630", (1200, 630)),
])
def test_an_svg_size_is_read_from_its_text_within_bounds(width: str, height: str, size) -> None:
    data = f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}"/>'.encode()
    assert images.read_svg(data).size == size


# Types a browser would run are not published from docs/ ------------------------------------------

ACTIVE = ["page.html", "page.htm", "page.xhtml", "page.shtml", "data.xml", "style.xsl", "tool.js", "tool.mjs",
          "tool.wasm", "feed.rss", "movie.swf", "drawing.svgz", "CNAME"]


@pytest.mark.parametrize("name", ACTIVE)
def test_a_file_a_browser_would_run_is_an_error_unless_mkdocs_yml_lists_it(tmp_path: Path, name: str) -> None:
    project = _project(tmp_path, {f"docs/files/{name}": "<script>alert(document.domain)</script>"})
    ending = os.path.splitext(name)[1]
    named = f"a '{ending}' file" if ending else "a file with no ending (such as '.png')"
    checked, printed = _check(project)
    assert (checked, printed) == (False, [
        f"docs/files/{name}:1: error: file: is {named}, which the site does not publish from docs/: a browser might "
        "run it as part of the site — delete it, or list it under extra.archive.publish_as_is in mkdocs.yml if the "
        "site must publish it as it is"
    ])
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "publish_as_is: []" in text
    config.write_text(text.replace("publish_as_is: []", f"publish_as_is: [files/{name}]"), encoding="utf-8")
    assert _check(project) == (True, [])


@pytest.mark.parametrize("name", ["notes.txt", "figures.csv", "data.json", "report.pdf", "about-us.md",
                                  "more.markdown"])
def test_plain_documents_and_pages_are_published(content, name: str) -> None:
    content(f"docs/files/{name}", "Plain words.")
    content(PATH, roundup_text())
    assert problems(content.root) == []


def test_the_sites_own_scripts_and_styles_pass_because_mkdocs_yml_declares_them(tmp_path: Path) -> None:
    project = _project(tmp_path, {"docs/javascripts/extra.js": "console.log(1)"})
    assert _check(project) == (False, [
        "docs/javascripts/extra.js:1: error: file: is a '.js' file, which the site does not publish from docs/: a "
        "browser might run it as part of the site — delete it, or list it under extra.archive.publish_as_is in "
        "mkdocs.yml if the site must publish it as it is"
    ])
    (project / "docs/javascripts/extra.js").unlink()
    assert _check(project) == (True, []), "search.js and archive.css are in extra_javascript and extra_css"


def test_names_starting_with_a_dot_are_not_published_so_not_checked(content) -> None:
    content("docs/images/.DS_Store", b"\x00\x00\x00\x01Bud1")
    content("docs/.notes/a.html", "<script></script>")
    content(PATH, roundup_text())
    assert problems(content.root) == []


# Names a web address cannot carry -------------------------------------------------------------------

@pytest.mark.parametrize(("name", "shown"), [
    ("a b.png", "a space"), ("a#b.png", "'#'"), ("a?b.png", "'?'"), ("a%20b.png", "'%'"), ("a\\b.png", "'\\'"),
    ("javascript:x.png", "':'"),
    ("a\tb.png", "an invisible character (U+0009)"), ("a\u3000b.png", "an invisible character (U+3000)"),
    ("a\u202eb.png", "an invisible character (U+202E)"),
])
def test_a_name_with_a_character_web_addresses_reserve_is_refused(content, name: str, shown: str) -> None:
    content(f"docs/images/{name}", png())
    content(PATH, roundup_text())
    assert problems(content.root) == [
        f"docs/images/{printable(name)}:1: error: file: the name has {shown}, which a web address cannot carry as it is — rename "
        "it with letters, digits, '-', '_' and '.' (and change every link to it)"
    ]


def test_a_folder_name_is_refused_once(content) -> None:
    content("docs/my images/a.png", png())
    content("docs/my images/b.png", png())
    content(PATH, roundup_text())
    assert problems(content.root) == [
        "docs/my images:1: error: file: the name has a space, which a web address cannot carry as it is — rename it "
        "with letters, digits, '-', '_' and '.' (and change every link to it)"
    ]


def test_a_name_in_another_script_is_published(content) -> None:
    content("docs/images/小米-汽车.png", png())
    content(PATH, roundup_text(extra="image:\n  src: images/小米-汽车.png\n  alt: A car\n"))
    assert problems(content.root) == []


# Links and hard links: nothing outside docs/ is published --------------------------------------------

def test_a_link_to_the_roundups_is_an_error_so_drafts_are_never_published(content) -> None:
    content(PATH, roundup_text(extra="draft: true\n"))
    (content.root / "docs/raw").symlink_to("../roundups")
    (content.root / "docs/draft.md").symlink_to(content.root / PATH)
    assert problems(content.root) == [
        "docs/draft.md:1: error: file: is a link to 'roundups/2024/2024-03-12.md', outside docs/, so the site would "
        "publish it — copy here only what the site should show, and delete the link",
        "docs/raw:1: error: file: is a link to 'roundups', outside docs/, so the site would publish it — copy here "
        "only what the site should show, and delete the link",
    ]


def test_a_hard_link_is_an_error(content) -> None:
    content(PATH, roundup_text(extra="draft: true\n"))
    os.link(content.root / PATH, content.root / "docs/draft.md")
    assert problems(content.root) == [
        "docs/draft.md:1: error: file: is a hard link (the same file has 2 names, which may be anywhere) — replace it "
        "with a copy of the file",
    ]


def test_a_link_to_a_folder_is_an_error_even_inside_docs(content) -> None:
    content("docs/images/a.png", png())
    content(PATH, roundup_text())
    (content.root / "docs/images/again").symlink_to("..")
    (content.root / "docs/pictures").symlink_to("images")
    assert problems(content.root) == [
        "docs/images/again:1: error: file: is a link to the folder 'docs', whose files the site would publish again "
        "under this name — move the folder here, or delete the link",
        "docs/pictures:1: error: file: is a link to the folder 'docs/images', whose files the site would publish "
        "again under this name — move the folder here, or delete the link",
    ]


def test_a_link_to_a_file_inside_docs_is_published_and_checked_by_its_own_name(content) -> None:
    content("docs/images/a.png", png())
    content(PATH, roundup_text(extra="image:\n  src: images/latest.png\n  alt: A photo\n"))
    (content.root / "docs/images/latest.png").symlink_to("a.png")
    (content.root / "docs/images/latest.jpg").symlink_to("a.png")
    assert problems(content.root) == [
        "docs/images/latest.jpg:1: error: image: holds a PNG image but is named '.jpg' — rename it to end in '.png'"
    ]


# Drafts' and waiting roundups' images --------------------------------------------------------------

def test_the_images_only_unpublished_roundups_lead_with_are_known(content) -> None:
    for name in ("draft.png", "future.png", "shared.png", "published.png", "broken.png"):
        content(f"docs/images/{name}", png())

    def lead(name: str) -> str:
        return f"image:\n  src: ./images/{name}\n  alt: A photo\n"

    content(PATH, roundup_text(extra=lead("draft.png") + "draft: true\n"))
    content("roundups/2024/2024-03-13.md", roundup_text(date="2024-03-13", extra=lead("shared.png") + "draft: true\n"))
    content("roundups/2024/2024-03-14.md", roundup_text(date="2024-03-14", extra=lead("shared.png")))
    content("roundups/2024/2024-03-15.md", roundup_text(date="2024-03-15", extra=lead("published.png")))
    content("roundups/2999/2999-01-01.md", roundup_text(date="2999-01-01", extra=lead("future.png")))
    content("roundups/2024/2024-03-16.md", roundup_text(date="2024-03-16", title="", extra=lead("broken.png")))
    reads = Reads()
    loaded = load(Settings.read(content.root), reads=reads)
    assert unpublished_images(loaded, reads) == {"images/draft.png", "images/future.png", "images/broken.png"}


# Pages by hand publish nothing that runs -------------------------------------------------------

PAGE_HINT = "remove it; if the site must publish the page as it is, name it under extra.archive.publish_as_is in mkdocs.yml"
ACTIVE_PAGES = {
    "script": ("<script>alert(document.domain)</script>", 3, "the page has a <script> element, which the site does "
               "not publish"),
    "iframe-in-html-block": ('<div markdown="1">\n\n<iframe src="https://evil.example/"></iframe>\n\n</div>', 5,
                             "the page has a <iframe> element, which the site does not publish"),
    "meta-refresh": ('<meta http-equiv="refresh" content="0;url=https://evil.example/">', 3,
                     "the page has a <meta> element, which the site does not publish"),
    "base": ('<base href="https://evil.example/">', 3, "the page has a <base> element, which the site does not publish"),
    "handler": ('<img src="x.png" onerror="alert(1)">', 3,
                "the page has an event handler, 'onerror', which would run on the site"),
    "handler-by-attr-list": ('[Report](https://example.com/){ onclick="alert(1)" }', 3,
                             "the page has an event handler, 'onclick', which would run on the site"),
    "markdown-link": ("[Report](javascript:alert(1))", 3,
                      "the page has a link or source that leads to 'javascript:alert(1)'"),
    "entity-scheme": ('<a href="jav&#x61;script:alert(1)">x</a>', 3,
                      "the page has a link or source that leads to 'javascript:alert(1)'"),
    "data-image": ("![x](data:image/svg+xml;base64,PHN2Zz4=)", 3,
                   "the page has a link or source that leads to 'data:image/svg+xml;base64,PHN2Zz4='"),
}


@pytest.mark.parametrize("case", ACTIVE_PAGES, ids=ACTIVE_PAGES)
def test_a_page_by_hand_that_would_run_anything_is_an_error_at_its_line_unless_mkdocs_yml_names_it(
    tmp_path: Path, case: str
) -> None:
    markup, line, message = ACTIVE_PAGES[case]
    project = _project(tmp_path, {"docs/notes.md": f"# Notes\n\n{markup}\n"})
    assert _check(project) == (False, [f"docs/notes.md:{line}: error: page: {message} — {PAGE_HINT}"])
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("publish_as_is: []", "publish_as_is: [notes.md]"),
                      encoding="utf-8")
    assert _check(project) == (True, []), "the maintainer's decision, in mkdocs.yml"


def test_code_on_a_page_by_hand_is_text_and_each_problem_is_at_its_own_line(content) -> None:
    content("docs/notes.md", "# Notes\n\nWrite `<script>` or `onclick=` only in code:\n\n```html\n"
            "<script>alert(1)</script>\n<a onclick=\"x\">y</a>\n```\n\n<script>one()</script>\n\n"
            "<script>two()</script>\n")
    content(PATH, roundup_text())
    assert [line.split(": error")[0] for line in problems(content.root)] == ["docs/notes.md:10", "docs/notes.md:12"]


def test_each_link_of_a_page_by_hand_is_found_at_its_own_line_however_it_is_written(content) -> None:
    content("docs/notes.md", "# Notes\n\n[x](java&#x0A;script:a())\n\n[y](&#106;avascript:b())\n\n"
            "<a href=\"\x01javascript:c()\">z</a>\n\n```\n<script>d()</script>\n")
    content(PATH, roundup_text())
    assert [line.split(": error")[0] for line in problems(content.root)] == [
        "docs/notes.md:3", "docs/notes.md:5", "docs/notes.md:7", "docs/notes.md:10"], "a fence never closed is no code"


@pytest.mark.parametrize(("markup", "message"), [
    ("> " * 3000 + "x", "docs/notes.md:3: error: page: lists or quotes nest 3000 levels deep here, more than 8 — "
     "flatten the list: fewer '-', '>' or '1.' markers, or less indentation"),
    ("[" * 20_000, "docs/notes.md:3: error: page: the paragraph has more than 200 '[' brackets — a link or image takes "
     "one; remove the stray ones, or split the paragraph"),
    ('<div markdown="1">\n\n' * 2000 + "x\n" + "\n</div>\n" * 2000,
     "docs/notes.md:1: error: page: the page nests deeper than the renderer can follow — flatten its lists, quotes or "
     "HTML blocks"),
], ids=["quotes", "brackets", "html-blocks"])
def test_a_page_by_hand_the_renderer_cannot_follow_is_an_error_not_a_crash(content, markup: str, message: str) -> None:
    content("docs/notes.md", f"# Notes\n\n{markup}\n")
    content(PATH, roundup_text())
    assert problems(content.root) == [message]


def test_the_sites_own_pages_by_hand_pass() -> None:
    docs = Path(__file__).parent.parent / "docs"
    pages = sorted(docs.glob("*.md"))
    assert len(pages) >= 3, "About, Standards and the guide"
    assert {page.name: found for page in pages if (found := hand_pages.findings(page.read_text(encoding="utf-8")))} == {}


# Through the check and the strict build ----------------------------------------------------------

BUILD_CASES = {
    "svg-script": ({"docs/images/evil.svg": svg("<script>alert(document.domain)</script>")},
                   [f"docs/images/evil.svg:2: error: image: the SVG has a <script> element — {NO_SCRIPT}"]),
    "html-page": ({"docs/images/evil.html": "<script>alert(document.domain)</script>"},
                  ["docs/images/evil.html:1: error: file: is a '.html' file, which the site does not publish from "
                   "docs/: a browser might run it as part of the site — delete it, or list it under "
                   "extra.archive.publish_as_is in mkdocs.yml if the site must publish it as it is"]),
    "html-as-jpg": ({"docs/images/photo.jpg": "<html><script>alert(1)</script></html>"},
                    ["docs/images/photo.jpg:1: error: image: is not a JPEG image, nor any image the site shows (PNG, "
                     "JPEG, WebP, AVIF, GIF or SVG) — export the picture again as JPEG, or delete the file"]),
    "huge-svg": ({"docs/images/huge.svg": svg(width="9" * 400),
                  PATH: roundup_text(extra="image:\n  src: images/huge.svg\n  alt: A chart\n")},
                 ["docs/images/huge.svg:1: error: image: the SVG says it is more than 100,000 pixels wide or high — "
                  "correct its width and height, or export it again"]),
    "page-script": ({"docs/images/notes.md": "# Notes\n\nSee `<script>` below.\n\n<script>alert(document.domain)</script>\n"},
                    ["docs/images/notes.md:5: error: page: the page has a <script> element, which the site does not "
                     f"publish — {PAGE_HINT}"]),
    "space-in-name": ({"docs/images/a photo.svg": svg()},
                      ["docs/images/a photo.svg:1: error: file: the name has a space, which a web address cannot carry "
                       "as it is — rename it with letters, digits, '-', '_' and '.' (and change every link to it)"]),
}


@pytest.mark.parametrize("case", BUILD_CASES, ids=BUILD_CASES)
def test_the_check_and_every_build_refuse_what_docs_may_not_publish(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, case: str
) -> None:
    files, expected = BUILD_CASES[case]
    project = _project(tmp_path, files)
    assert _check(project) == (False, expected)
    assert _strict_build(project)[:2] == (False, expected)
    config = load_config(str(project / "mkdocs.yml"), strict=False, site_dir=str(tmp_path / "site"))
    with pytest.raises(Abort), caplog.at_level(logging.INFO, logger="mkdocs"):
        mkdocs_build_in_process(config)
    assert not (tmp_path / "site").exists(), "nothing is built, so nothing is published"


def test_a_link_to_the_roundups_stops_every_build(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    project = _project(tmp_path, {})
    (project / "docs/raw").symlink_to("../roundups")
    expected = ["docs/raw:1: error: file: is a link to 'roundups', outside docs/, so the site would publish it — copy "
                "here only what the site should show, and delete the link"]
    assert _check(project) == (False, expected)
    assert _strict_build(project)[:2] == (False, expected)
    assert not (project / "site/raw").exists()


def test_a_drafts_lead_image_is_not_published(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    project = _project(tmp_path, {
        "docs/images/secret.svg": svg(),
        PATH: roundup_text(extra="image:\n  src: images/secret.svg\n  alt: A photo\ndraft: true\n"),
    })
    assert _strict_build(project)[:2] == (True, [])
    assert (project / "site/images/logo.svg").exists()
    assert not (project / "site/images/secret.svg").exists()
    assert "/images/secret.svg" not in (project / "site/permalinks.json").read_text(encoding="utf-8")


# Whatever a file holds: no exception, and never a script published ---------------------------------

SVG_PARTS = ["<svg", ' xmlns="http://www.w3.org/2000/svg"', ">", "</svg>", "<script>", "</script>", "<!DOCTYPE svg [",
             "<!ENTITY a 'x'>", "]>", "&a;", "<![CDATA[", "]]>", "<?xml-stylesheet href='x'?>", ' width="', ' height="',
             '"', "9" * 50, "1e999", "-1", "px", "%", ' onload="x"', ' href="', "javascript:", "#", "url(", ")",
             "<style>", "</style>", "@import", "\\", "<foreignObject>", "\x00", "\ufeff", "é", "<g>", "</g>", "<!--",
             "-->"]


@settings(max_examples=300, deadline=None)
@given(parts=st.lists(st.sampled_from(SVG_PARTS), max_size=30), raw=st.binary(max_size=40))
def test_reading_any_svg_never_raises_and_gives_a_bounded_size(parts: list[str], raw: bytes) -> None:
    data = "".join(parts).encode("utf-8", "surrogatepass") + raw
    svg_read = images.read_svg(data)
    assert svg_read.size is None or all(0 <= side <= 100_000 for side in svg_read.size)
    assert all(finding.line >= 1 for finding in svg_read.findings)
    if b"<script" in data and not svg_read.findings:
        assert b"<!--" in data or b"CDATA" in data, "a script element is always found"


@settings(max_examples=60, deadline=None)
@given(data=st.binary(max_size=64), name=st.sampled_from(["a.png", "a.jpg", "a.gif", "a.webp", "a.avif", "a.svg"]))
def test_any_bytes_named_as_an_image_are_published_only_when_they_are_that_image(data: bytes, name: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "roundups/2024").mkdir(parents=True)
        (root / "docs/images").mkdir(parents=True)
        (root / "roundups/companies.yml").write_text(COMPANIES, encoding="utf-8")
        (root / "roundups/topics.yml").write_text(TOPICS, encoding="utf-8")
        (root / f"docs/images/{name}").write_bytes(data)
        (root / PATH).write_text(roundup_text(extra=f"image:\n  src: images/{name}\n  alt: A photo\n"), encoding="utf-8")
        found = problems(root)
    assert all(line.startswith(f"docs/images/{name}:") for line in found), found
    if not found and name != "a.svg":
        assert images.kind_held(data) == images.kind_named(name)


def test_the_author_guide_explains_every_message_about_docs(tmp_path: Path) -> None:
    scripted = [
        ("images/a.jpg", png()), ("images/b.jpg", b"<html></html>"), ("images/a b.png", png()),
        ("files/page.html", b"<p>"), ("notes.md", b'<script></script>\n<b onclick="x">y</b>\n[a](javascript:x)\n'), ("images/wide.png", png(2**20, 1)), ("images/big.svg", b" " * (5 * 2**20 + 1)),
        ("images/broken.svg", b'<svg xmlns="http://www.w3.org/2000/svg">\n<rect>\n</svg>'),
        ("images/page.svg", b'<html xmlns="http://www.w3.org/1999/xhtml"/>'),
        ("images/drawing.svg", "\n".join([
            "<script/>", '<g onload="x"/>', "<foreignObject/>", '<div xmlns="http://www.w3.org/1999/xhtml"/>',
            '<image href="https://example.com/logo.png"/>', '<image href="data:x"/>', '<a href="javascript:x"/>',
            '<set attributeName="href"/>', "<style>@import 'a.css';</style>", r"<style>a { b: c\61 }</style>",
            '<g xml:base="#a"/>']).join(SVG.split("{body}")).replace("{width}", "9").encode()),
        ("images/sheet.svg", b'<?xml-stylesheet href="#a"?><svg xmlns="http://www.w3.org/2000/svg"/>'),
        ("images/entity.svg", b'<!DOCTYPE svg [<!ENTITY a "b">]><svg xmlns="http://www.w3.org/2000/svg"/>'),
    ]
    project = _project(tmp_path, {})
    for name, data in scripted:
        (project / "docs" / name).parent.mkdir(parents=True, exist_ok=True)
        (project / "docs" / name).write_bytes(data)
    (project / "docs/raw").symlink_to("../roundups")
    (project / "docs/pictures").symlink_to("images")
    os.link(project / "docs/images/logo.svg", project / "docs/logo.svg")
    guide = (Path(__file__).parent.parent / "docs/authoring.md").read_text(encoding="utf-8")
    messages = {line.split(": ", 3)[3].split(" — ")[0] for line in _check(project)[1]}
    assert len(messages) >= 24
    unexplained = [message for message in messages if f"`{message}`" not in guide]
    assert unexplained == []
