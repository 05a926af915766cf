"""Bar charts drawn on the server as SVG markup: no script, no chart library, no
inline style (the look is in static/desk.css, by class), so they show on closed
networks, under a strict Content-Security-Policy and on paper."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

LABEL_WIDTH = 170
BAR_WIDTH = 380
VALUE_WIDTH = 90
ROW_HEIGHT = 24
LABEL_CHARS = 16


@dataclass(frozen=True)
class Bar:
    """One bar: its label, its length (a number) and what is written beside it; with
    ``href``, a link to the cases behind it."""

    label: str
    value: float
    shown: str
    href: str | None = None


def _short(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1] + "…"


def bar_chart(bars: Sequence[Bar], title: str) -> Markup:
    """Horizontal bars, longest to scale; an empty chart says nothing (None drawn)."""
    if not bars:
        return Markup("")
    width = LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH
    height = ROW_HEIGHT * len(bars) + 8
    top = max(bar.value for bar in bars) or 1
    parts = [
        f'<svg class="chart" role="img" aria-label="{escape(title)}" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        'xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(title)}</title>",
    ]
    for row, bar in enumerate(bars):
        y = 4 + row * ROW_HEIGHT
        length = round(BAR_WIDTH * max(bar.value, 0) / top, 1)
        drawn = (
            f'<text class="chart-label" x="{LABEL_WIDTH - 8}" y="{y + 16}" '
            f'text-anchor="end"><title>{escape(bar.label)}</title>{escape(_short(bar.label))}</text>'
            f'<rect class="chart-bar" x="{LABEL_WIDTH}" y="{y + 4}" width="{length}" '
            f'height="{ROW_HEIGHT - 8}"/>'
            f'<text class="chart-value" x="{LABEL_WIDTH + length + 6}" y="{y + 16}">'
            f"{escape(bar.shown)}</text>"
        )
        if bar.href:
            drawn = f'<a class="chart-link" href="{escape(bar.href)}">{drawn}</a>'
        parts.append(f'<g class="chart-row">{drawn}</g>')
    parts.append("</svg>")
    return Markup("".join(parts))
