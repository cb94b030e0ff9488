"""Shared look of every chart: palette, fonts, figure set-up, footer and PNG encoding.

Charts are drawn on `matplotlib.figure.Figure` objects attached to the Agg canvas
directly, never through pyplot, so nothing touches a display or global figure state
and a chart can be built from any thread (the Discord adapter renders off the event
loop). Text uses only the DejaVu fonts that ship inside matplotlib.
"""

from __future__ import annotations

import functools
import io
import re
import textwrap
import threading
from dataclasses import dataclass
from pathlib import Path, PurePath

import matplotlib
import numpy as np
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.ft2font import FT2Font
from PIL import Image

from bot.core.models import Coverage, MemberVote

# --- look -------------------------------------------------------------------------------
# An opaque, light card reads the same on Discord's dark and light themes. Vote colours
# are from the Okabe-Ito palette (distinguishable with the common colour-vision
# deficiencies), and every vote also has its own marker shape.

DPI = 100
PNG_LEVEL = 6  # zlib level
BACKGROUND = "#f7f7f4"
TEXT = "#1d2125"
MUTED = "#5b6169"
GRID = "#d9d9d4"
HIGHLIGHT = "#000000"  # the marked seat's ring; no text is this dark

VOTE_ORDER: tuple[MemberVote, ...] = ("yes", "no", "abstain", "non_voting")


@dataclass(frozen=True, slots=True)
class VoteStyle:
    label: str
    colour: str  # exact fill colour of its seats and cells ("#rrggbb")
    marker: str  # matplotlib marker
    hollow: bool = False  # drawn as a ring, filled with the background


VOTE_STYLES: dict[MemberVote, VoteStyle] = {
    "yes": VoteStyle("Yes", "#009e73", "o"),
    "no": VoteStyle("No", "#d55e00", "X"),
    "abstain": VoteStyle("Abstained", "#0072b2", "^"),
    "non_voting": VoteStyle("Did not vote", "#8a8f96", "o", hollow=True),
    "not_member": VoteStyle("Not a member", "#c9c9c4", "_", hollow=True),
}

SOURCE_DEFAULT = "UN General Assembly Voting Data (UN Digital Library)"

# --- fonts ------------------------------------------------------------------------------

_FONT_DIR = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
_REGULAR = _FONT_DIR / "DejaVuSans.ttf"
_BOLD = _FONT_DIR / "DejaVuSans-Bold.ttf"


@functools.cache
def _drawable(bold: bool) -> frozenset[int]:
    return frozenset(FT2Font(str(_BOLD if bold else _REGULAR)).get_charmap())


def drawable(text: str, *, bold: bool = False) -> str:
    """Replace characters the font has no glyph for (user-typed topics may hold any)."""
    known = _drawable(bold)
    return "".join(c if c == "\n" or ord(c) in known else "\ufffd" for c in text)


def font(size: float, *, bold: bool = False) -> FontProperties:
    """A font shipped with matplotlib, so every machine draws the same letters."""
    return FontProperties(fname=_BOLD if bold else _REGULAR, size=size)


# matplotlib keeps caches (fonts, text layout) that are not documented as thread-safe;
# one lock around a render costs nothing next to the render itself.
_RENDER_LOCK = threading.Lock()


def new_figure(width_px: int, height_px: int) -> Figure:
    fig = Figure(figsize=(width_px / DPI, height_px / DPI), dpi=DPI, facecolor=BACKGROUND)
    FigureCanvasAgg(fig)  # the Agg backend, explicitly, for this figure only
    return fig


def to_png(fig: Figure) -> bytes:
    """Draw with Agg and encode as an opaque RGB PNG.

    Pillow at its default level compresses these flat pictures about as well as
    matplotlib's `optimize` pass in a fifth of the time; dropping the alpha channel
    (the card is opaque) saves another tenth.
    """
    canvas = fig.canvas
    assert isinstance(canvas, FigureCanvasAgg)
    canvas.draw()  # type: ignore[no-untyped-call]
    rgba = canvas.buffer_rgba()  # type: ignore[no-untyped-call]
    rgb = np.ascontiguousarray(np.asarray(rgba)[..., :3])
    buf = io.BytesIO()
    Image.fromarray(rgb).save(buf, format="PNG", compress_level=PNG_LEVEL)
    return buf.getvalue()


def render_lock() -> threading.Lock:
    return _RENDER_LOCK


# --- text helpers -----------------------------------------------------------------------


def add_text(
    target: Figure | Axes,
    x: float,
    y: float,
    text: str,
    *,
    size: float,
    bold: bool = False,
    colour: str = TEXT,
    **kwargs: object,
) -> None:
    """Place literal text (no mathtext: titles may contain `$`)."""
    target.text(
        x,
        y,
        drawable(text, bold=bold),
        fontproperties=font(size, bold=bold),
        color=colour,
        parse_math=False,
        **kwargs,  # type: ignore[arg-type]
    )


def shorten(text: str, width: int, *, lines: int = 1) -> str:
    """Wrap to at most `lines` lines of `width` characters, ending in an ellipsis if cut."""
    text = " ".join(text.split())
    wrapped = textwrap.wrap(text, width) or [""]
    if len(wrapped) > lines:
        wrapped = wrapped[:lines]
        last = wrapped[-1]
        wrapped[-1] = (last[: width - 1] if len(last) >= width else last) + "…"
    return "\n".join(wrapped)


def add_heading(fig: Figure, title: str, subtitle: str) -> None:
    """The bold title and the grey line under it, at fixed pixel offsets from the top."""
    height = fig.get_figheight() * fig.dpi
    add_text(fig, 0.02, 1 - 14 / height, shorten(title, 80), size=17, bold=True, va="top")
    add_text(fig, 0.02, 1 - 48 / height, shorten(subtitle, 110), size=12, colour=MUTED, va="top")


def footer_text(coverage: Coverage | None) -> str:
    """'Source: <data set>, <file> of <date>': the file is named, never its full path."""
    if coverage is None or not coverage.source:
        source = SOURCE_DEFAULT
    elif "/" in coverage.source or "\\" in coverage.source:  # a path or a URL
        source = f"{SOURCE_DEFAULT}, {PurePath(coverage.source.rstrip('/')).name}"
    else:
        source = coverage.source
    if coverage is not None and coverage.file_date:
        return f"Source: {source}, file of {coverage.file_date}"
    return f"Source: {source}"


def add_footer(fig: Figure, coverage: Coverage | None, *, extra: str = "") -> None:
    text = footer_text(coverage)
    if extra:
        text = f"{extra}    {text}"
    add_text(fig, 0.012, 0.012, shorten(text, 150), size=9.5, colour=MUTED, va="bottom")


def pretty_date(iso: str) -> str:
    """'2022-03-02' -> '2 Mar 2022'; anything else is returned as given."""
    match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", iso)
    if not match:
        return iso
    year, month, day = (int(part) for part in match.groups())
    if not 1 <= month <= 12:
        return iso
    months = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
    return f"{day} {months[month - 1]} {year}"


def slug(*parts: str) -> str:
    """A safe file name part: 'A/RES/ES-11/1' -> 'A-RES-ES-11-1'."""
    joined = "-".join(p for p in parts if p)
    cleaned = re.sub(r"[^A-Za-z0-9]+", "-", joined).strip("-")
    return cleaned[:80] or "chart"


def percent(fraction: float) -> str:
    return f"{fraction * 100:.0f}%"
