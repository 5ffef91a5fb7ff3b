"""The picture a link to a page shows where it is shared (Facebook, X, LinkedIn, chat apps): a PNG
or JPEG, as those sites read no SVG, 1200 by 630 pixels where the archive makes it.

What each page shares, chosen for what it costs at ten years (3,650 roundups, 11,000 pages):

- a roundup whose lead image is a PNG or JPEG shares that image as it is (no file, no time);
- a roundup whose lead image is another kind under docs/ (an SVG drawing, WebP, AVIF, GIF) shares
  it drawn once at 1200 by 630 into a PNG of 64 colours (5–20 KB for the sample's drawings, about
  0.1 s each to draw with resvg);
- a company or topic with stories shares a card with its name (English and Chinese) and the site's
  name, about 10 KB each: 430 cards at ten years;
- a roundup without such an image shares the card of the topic its first story leads with, and
  every other page the site's card.

A card with each roundup's own headline was measured and left out: 8–14 KB and 8–20 ms each,
31–43 MB and 25–60 s of a build at ten years, where the whole build is held to 40 s and the site
to 50 KB a roundup; a link's preview shows the headline beside the picture anyway.

Text is set with Debian's DejaVu fonts and WenQuanYi Micro Hei for Chinese (scripts/install-browser
installs them on CI); without them the cards use Pillow's own font and leave Chinese out.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import resvg_py
from PIL import Image, ImageDraw, ImageFont

from .. import images, limits, urls
from ..archive import Archive
from ..files import Repository, Unreadable
from ..model import Entity, Person, Roundup
from .public import PublicSite

SIZE = (1200, 630)
"""Width and height of what the archive makes: the size Facebook, X and LinkedIn show largest."""
AS_IS = ("PNG", "JPEG")
"""Kinds of lead image every sharing site shows as they are."""
_INK, _PAPER, _VERMILION, _MUTED = (26, 36, 64), (255, 255, 255), (236, 84, 64), (186, 193, 212)
_SHADES = 3
"""Shades of each colour between the card's ground and the colour itself, for smooth letters."""
_FONTS = Path("/usr/share/fonts/truetype")
_SERIF_BOLD = (_FONTS / "dejavu/DejaVuSerif-Bold.ttf",)
_SANS_BOLD = (_FONTS / "dejavu/DejaVuSans-Bold.ttf",)
_CHINESE = (_FONTS / "wqy/wqy-microhei.ttc", Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"))
_MARGIN = 80


@dataclass(frozen=True)
class ShareImage:
    """What a page's Open Graph tags say of its picture."""

    url: str
    """Site-relative, or the address of an image elsewhere."""
    alt: str
    width: int = 0
    height: int = 0
    """0 where the size is unknown (an image elsewhere)."""


def share_image(archive: Archive, subject: Roundup | Entity | Person | None, site: PublicSite) -> ShareImage:
    """The picture shared with a page about ``subject`` (a person's page, or None: any other page,
    shares the site's card)."""
    if isinstance(subject, Roundup):
        image = subject.image
        if image is not None and images.kind_named(image.src) in AS_IS:
            return ShareImage(image.src, image.alt, image.width, image.height)
        if drawn(subject):
            return ShareImage(urls.roundup_card_url(subject), image.alt if image else "", *SIZE)
        subject = _lead_topic(archive, subject)
    if isinstance(subject, Entity) and archive.stories_of(subject.slug):
        return ShareImage(urls.entity_card_url(subject), f"{subject.display} in the {site.name}", *SIZE)
    return ShareImage(urls.SITE_CARD, site.name, *SIZE)


def _lead_topic(archive: Archive, roundup: Roundup) -> Entity | None:
    """The topic the roundup's first story leads with."""
    first = roundup.stories[0] if roundup.stories else None
    return archive.registry.topics.get(first.topics[0]) if first and first.topics else None


def drawn(roundup: Roundup) -> bool:
    """Whether the archive draws the roundup's lead image again for sharing: a file under docs/ of
    a kind sharing sites do not show."""
    image = roundup.image
    return image is not None and bool(images.local_file(image.src)) and images.kind_named(image.src) not in AS_IS


# The cards -----------------------------------------------------------------------------------------

def site_card(site: PublicSite) -> bytes:
    """The site's card: its mark, name and description."""
    card = _Card()
    card.text(site.name, _serif(76), _PAPER, top=210, lines=2)
    card.text(site.description, _sans(30), _MUTED, top=card.bottom + 24, lines=3, spacing=12)
    return card.png()


def entity_card(entity: Entity, site: PublicSite) -> bytes:
    """A company's or topic's card: its kind, its name, its Chinese name, the site's name."""
    card = _Card(footer=site.name)
    card.text(entity.label, _sans(30), _VERMILION, top=150, upper=True)
    card.text(entity.name, _serif(84), _PAPER, top=card.bottom + 20, lines=2)
    chinese = _chinese(64)
    if entity.name_zh and chinese is not None:
        card.text(entity.name_zh, chinese, _MUTED, top=card.bottom + 24, lines=1)
    return card.png()


def roundup_card(archive: Archive, roundup: Roundup, site: PublicSite) -> bytes:
    """The roundup's lead image drawn at 1200 by 630 (cut to that shape around its middle); where
    its file cannot be read or drawn after all (a broken WebP, say), the card it would share
    without it (its lead topic's, else the site's), at the same address."""
    image = roundup.image
    picture = None
    if image is not None and site.docs is not None:
        try:
            data = Repository(site.docs).read(site.docs / images.local_file(image.src), limits.DRAWN_BYTES)
            picture = _drawn(data, images.kind_named(image.src) == "SVG")
        except (Unreadable, OSError):
            picture = None
    if picture is not None:
        return picture
    topic = _lead_topic(archive, roundup)
    return entity_card(topic, site) if topic is not None and archive.stories_of(topic.slug) else site_card(site)


@lru_cache(maxsize=64)
def _drawn(data: bytes, svg: bool) -> bytes | None:
    """``data`` (an image file's bytes) at the card's size; a preview draws a file once while
    its bytes stay the same."""
    try:
        if svg:
            picture = _svg_at_least(data.decode("utf-8"), *SIZE)
        else:
            picture = Image.open(io.BytesIO(data))
            picture.seek(0)
            picture = picture.convert("RGBA")
    except (OSError, ValueError, UnicodeDecodeError, Image.DecompressionBombError):
        return None
    scale = max(SIZE[0] / picture.width, SIZE[1] / picture.height)
    if scale != 1:
        picture = picture.resize((max(SIZE[0], round(picture.width * scale)),
                                  max(SIZE[1], round(picture.height * scale))), Image.Resampling.LANCZOS)
    left, top = (picture.width - SIZE[0]) // 2, (picture.height - SIZE[1]) // 2
    picture = picture.crop((left, top, left + SIZE[0], top + SIZE[1]))
    ground = Image.new("RGB", SIZE, _PAPER)
    ground.paste(picture, mask=picture.getchannel("A"))
    out = io.BytesIO()
    ground.quantize(64, method=Image.Quantize.FASTOCTREE).save(out, "PNG", compress_level=6)
    return out.getvalue()


def _svg_at_least(svg: str, width: int, height: int) -> Image.Image:
    """The drawing at its own proportions, at least ``width`` by ``height``. The system's fonts
    are loaded only for a drawing with text (loading them takes longer than most drawings)."""
    no_text = "<text" not in svg
    drawn = Image.open(io.BytesIO(bytes(resvg_py.svg_to_bytes(svg_string=svg, width=width,
                                                              skip_system_fonts=no_text))))
    if drawn.height < height:
        drawn = Image.open(io.BytesIO(bytes(resvg_py.svg_to_bytes(svg_string=svg, height=height,
                                                                  skip_system_fonts=no_text))))
    return drawn.convert("RGBA")


class _Card:
    """A card on the archive's ink ground with its mark, drawn colour by colour as masks and kept
    as a PNG of 16 colours: the ground, and three shades and the colour itself for each ink."""

    _INKS = (_PAPER, _VERMILION, _MUTED)

    def __init__(self, footer: str = "") -> None:
        self.masks = {ink: Image.new("L", SIZE, 0) for ink in self._INKS}
        self.bottom: float = 0
        self._mark(_MARGIN, SIZE[1] - _MARGIN - 56 if footer else _MARGIN + 20, 56)
        if footer:
            self.text(footer, _sans(30), _PAPER, top=SIZE[1] - _MARGIN - 46, left=_MARGIN + 80)

    def _mark(self, left: int, top: int, side: int) -> None:
        """The archive's mark (docs/images/favicon.svg): a page of news on a vermilion seal."""
        unit = side / 32
        seal, paper = ImageDraw.Draw(self.masks[_VERMILION]), ImageDraw.Draw(self.masks[_PAPER])
        seal.rounded_rectangle((left, top, left + side, top + side), radius=6 * unit, fill=255)

        def box(x: float, y: float, w: float, h: float) -> None:
            shape = (left + x * unit, top + y * unit, left + (x + w) * unit, top + (y + h) * unit)
            seal.rectangle(shape, fill=0)
            paper.rectangle(shape, fill=255)

        for x, y, w, h in ((6, 6, 20, 4), (6, 14, 8, 12), (18, 14, 8, 2), (18, 18, 8, 2), (18, 22, 5, 2)):
            box(x, y, w, h)

    def text(self, text: str, font: ImageFont.FreeTypeFont | ImageFont.ImageFont, ink: tuple[int, int, int], *,
             top: float, left: int = _MARGIN, lines: int = 1, spacing: int = 8, upper: bool = False) -> None:
        """``text`` wrapped at the card's margin onto at most ``lines`` lines (the last cut with
        "…"), from ``top``; ``bottom`` is where it ends."""
        text = text.upper() if upper else text
        draw = ImageDraw.Draw(self.masks[ink])
        y: float = top
        for line in _wrapped(text, font, SIZE[0] - left - _MARGIN, lines):
            box = draw.textbbox((left, y), line, font=font)
            draw.text((left, y), line, font=font, fill=255)
            y = box[3] + spacing
        self.bottom = y - spacing

    def png(self) -> bytes:
        card = Image.new("P", SIZE, 0)
        palette = list(_INK)
        for number, ink in enumerate(self._INKS):
            palette += [channel for shade in range(1, _SHADES + 2)
                        for channel in _mix(_INK, ink, shade / (_SHADES + 1))]
            mask = self.masks[ink]
            box = mask.getbbox()  # only where this colour is drawn: a card is mostly ground
            if box is None:
                continue
            region = mask.crop(box)
            first = 1 + number * (_SHADES + 1)
            indexes = [first + level - 1 if level else 0
                       for level in ((value * (_SHADES + 1) + 127) // 255 for value in range(256))]
            card.paste(region.point(indexes), box, mask=region.point([255 if i else 0 for i in indexes]))
        card.putpalette(palette)
        out = io.BytesIO()
        card.save(out, "PNG", bits=4, compress_level=6)
        return out.getvalue()


def _mix(ground: tuple[int, int, int], ink: tuple[int, int, int], share: float) -> tuple[int, ...]:
    return tuple(round(g + (i - g) * share) for g, i in zip(ground, ink, strict=True))


def _wrapped(text: str, font: ImageFont.FreeTypeFont | ImageFont.ImageFont, width: int, lines: int) -> list[str]:
    """``text`` in lines at most ``width`` pixels wide, at most ``lines`` of them: Chinese breaks
    between any two characters, other text between words."""
    words = text.split() if " " in text else list(text) if not text.isascii() else [text]
    joiner = " " if " " in text else ""
    found: list[str] = []
    line = ""
    for word in words:
        trial = f"{line}{joiner}{word}" if line else word
        if font.getlength(trial) <= width or not line:
            line = trial
            continue
        found.append(line)
        line = word
    found.append(line)
    if len(found) > lines:
        last = found[lines - 1]
        while last and font.getlength(last + "…") > width:
            last = last[:-1].rstrip()
        found = [*found[: lines - 1], last + "…"]
    return found


@cache
def _serif(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    return _font(_SERIF_BOLD, size) or ImageFont.load_default(size)


@cache
def _sans(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    return _font(_SANS_BOLD, size) or ImageFont.load_default(size)


@cache
def _chinese(size: int) -> ImageFont.FreeTypeFont | None:
    """A font with Chinese characters, if the system has one (else cards leave Chinese out)."""
    return _font(_CHINESE, size)


def _font(paths: tuple[Path, ...], size: int) -> ImageFont.FreeTypeFont | None:
    for path in paths:
        try:
            return ImageFont.truetype(str(path), size)
        except OSError:
            continue
    return None
