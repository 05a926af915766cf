"""Bar charts drawn on the server as SVG markup: no script, no chart library, no
inline style (the look is in static/desk.css, by class), so they show on closed
networks, under a strict Content-Security-Policy and on paper."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

LABEL_WIDTH = 230
BAR_WIDTH = 340
VALUE_WIDTH = 90
ROW_HEIGHT = 24
LINE_HEIGHT = 14
LABEL_UNITS = 30  # a label's line, in widths of a Latin letter (a Chinese one is two)


@dataclass(frozen=True)
class Bar:
    """One bar: its label, its length (a number) and what is written beside it; with
    ``href``, a link to the cases behind it."""

    label: str
    value: float
    shown: str
    href: str | None = None


def _units(text: str) -> int:
    return sum(2 if ord(c) > 0x2E80 else 1 for c in text)


def _lines(label: str) -> list[str]:
    """The label on one line, or on two (broken at a space where it can be), the
    second cut with "…" only if even two lines cannot hold it."""
    if _units(label) <= LABEL_UNITS:
        return [label]
    first = ""
    for c in label:
        if _units(first + c) > LABEL_UNITS:
            break
        first += c
    if " " in first.strip():
        first = first[: first.rstrip().rindex(" ")]
    rest = label[len(first) :].strip()
    second = ""
    for c in rest:
        if _units(second + c) > LABEL_UNITS - 1:
            return [first.strip(), second + "…"]
        second += c
    return [first.strip(), second]


def _label(bar: Bar, y: int) -> str:
    lines = _lines(bar.label)
    top = y + 16 - (LINE_HEIGHT // 2 if len(lines) > 1 else 0)
    spans = "".join(
        f'<tspan x="{LABEL_WIDTH - 8}" y="{top + n * LINE_HEIGHT}">{escape(line)}</tspan>'
        for n, line in enumerate(lines)
    )
    return (
        f'<text class="chart-label" text-anchor="end"><title>{escape(bar.label)}</title>'
        f"{spans}</text>"
    )


def bar_chart(bars: Sequence[Bar], title: str, scale: float | None = None) -> Markup:
    """Horizontal bars, to ``scale`` (a percent chart's 100 %) or else the longest;
    an empty chart says nothing (None drawn). Long labels wrap onto a second line."""
    if not bars:
        return Markup("")
    width = LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH
    row_height = ROW_HEIGHT + (LINE_HEIGHT if any(len(_lines(b.label)) > 1 for b in bars) else 0)
    height = row_height * len(bars) + 8
    top = max([scale or 0, *(bar.value for bar in bars)]) or 1
    parts = [
        f'<svg class="chart" role="img" aria-label="{escape(title)}" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        'xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(title)}</title>",
    ]
    for row, bar in enumerate(bars):
        y = 4 + row * row_height + (row_height - ROW_HEIGHT) // 2
        length = round(BAR_WIDTH * max(bar.value, 0) / top, 1)
        drawn = (
            _label(bar, y) + f'<rect class="chart-bar" x="{LABEL_WIDTH}" y="{y + 4}" '
            f'width="{length}" height="{ROW_HEIGHT - 8}"/>'
            f'<text class="chart-value" x="{LABEL_WIDTH + length + 6}" y="{y + 16}">'
            f"{escape(bar.shown)}</text>"
        )
        if bar.href:
            drawn = f'<a class="chart-link" href="{escape(bar.href)}">{drawn}</a>'
        parts.append(f'<g class="chart-row">{drawn}</g>')
    parts.append("</svg>")
    return Markup("".join(parts))
