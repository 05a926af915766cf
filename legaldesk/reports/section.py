"""A table of the report as the page and the exports both use it: its columns (the
export kernel's), rows, the case list behind each row, and its bar chart."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from legaldesk.exports import Column, Table
from legaldesk.reports.charts import Bar, bar_chart

MOST_BARS = 15  # a chart of countries or lawyers shows the first this many


@dataclass
class Section:
    """A table of the report: ``chart`` is the column drawn as bars (None: no chart),
    ``links`` the case list behind each row (None where the list has no filter)."""

    key: str
    title: str
    columns: list[Column]
    rows: list[list[Any]] = field(default_factory=list)
    links: list[str | None] = field(default_factory=list)
    chart: int | None = 1
    kinds: list[str] = field(default_factory=list)  # the overview: each row's own kind
    note: str | None = None  # a line under the table: how its figures count

    def add(self, row: list[Any], link: str | None = None, kind: str | None = None) -> None:
        self.rows.append(row)
        self.links.append(link)
        if kind:
            self.kinds.append(kind)

    def cells(self) -> list[tuple[list[str], str | None]]:
        """Each row as the page writes it, with its link."""
        return [
            (
                [shown(value, self._kind(number, index)) for index, value in enumerate(row)],
                link,
            )
            for number, (row, link) in enumerate(zip(self.rows, self.links, strict=True))
        ]

    def _kind(self, number: int, index: int) -> str:
        return self.kinds[number] if self.kinds and index else self.columns[index].kind

    def table(self) -> Table:
        """The sheet: numbers rounded as the page shows them (4.3, not 4.33), and the
        overview's rows of money or dates formatted as such (``row_kinds``)."""
        rows = [
            [
                round(value, 1) if self._kind(number, index) == "number" and value else value
                for index, value in enumerate(row)
            ]
            for number, row in enumerate(self.rows)
        ]
        return Table(self.title, self.columns, rows, row_kinds=self.kinds)

    @property
    def charted(self) -> int:
        """How many rows the chart draws (the table below holds them all)."""
        return min(len(self.rows), MOST_BARS) if self.chart is not None else 0

    def svg(self) -> Any:
        if self.chart is None:
            return ""
        kind = self.columns[self.chart].kind
        bars = [
            Bar(str(row[0]), float(row[self.chart] or 0), shown(row[self.chart], kind), link)
            for row, link in zip(self.rows[:MOST_BARS], self.links, strict=False)
        ]
        return bar_chart(bars, self.title, 1.0 if kind == "percent" else None)


def shown(value: Any, kind: str) -> str:
    """A cell as the page writes it."""
    if value is None:
        return "—"
    if kind == "percent":
        return f"{value * 100:.1f}%"
    if kind == "money":
        return f"¥{value:,}"
    if kind == "number":
        return f"{value:,.1f}"
    if kind == "int":
        return f"{value:,}"
    return str(value)
