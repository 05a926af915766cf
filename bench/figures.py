"""What the bench measures, and the targets (issue 14): what users need, not where
the code stands.

Under load (wrk, 16 connections, two gunicorn workers), as a share of the bare
endpoint's throughput in the same run: a case and a status lookup at least 50 %,
filtered lists and searches at least 25 %, every p99 at most 150 ms. Timed one
request at a time (median): the half-year report under 300 ms, routing a case
under 20 ms. After the load: each worker under 150 MB resident.

Every load figure rotates over many targets (cases, pages, categories, terms), so
no one of them is measured from a warm cache while the others are not.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from urllib.parse import quote, urlencode

P99_MS = 150.0
REPORT_MS = 300.0
ROUTE_MS = 20.0
WORKER_MB = 150.0
PER_PAGE = 50  # a list page as the issue measured it

# Each search figure rotates over terms of one shape; the first is the issue's.
TWO_CHARACTERS = ["合同", "出口", "物流", "商标", "纠纷", "杭州", "数据", "美国"]
FOUR_CHARACTERS = ["货款纠纷", "合同纠纷", "出口管制", "商标被抢", "海外仓纠", "数据合规"]
PINYIN_INITIALS = ["hzwl", "nbsc", "wzwj", "sxdz", "jxsp", "hzjx", "tzfz", "jhyy"]


@dataclass(frozen=True)
class Load:
    """A figure measured under load: its requests (method, path, JSON body)."""

    name: str
    title: str
    min_ratio: float | None  # share of the bare endpoint's throughput; None: shown only
    requests: list[tuple[str, str, str]] = field(repr=False)
    p99_ms: float | None = P99_MS
    token: bool = True


@dataclass(frozen=True)
class Fixtures:
    token: str
    references: list[str]  # a spread of seeded cases
    status: list[tuple[str, str]]  # (reference, access code)
    route: list[str]  # fresh cases to route
    categories: list[str]


def _list(query: dict[str, str], pages: int) -> list[tuple[str, str, str]]:
    return [
        (
            "GET",
            "/api/v1/consultations?" + urlencode({**query, "per_page": PER_PAGE, "page": p}),
            "",
        )
        for p in range(1, pages + 1)
    ]


def _search(terms: list[str]) -> list[tuple[str, str, str]]:
    return [request for term in terms for request in _list({"q": term}, 2)]


def loads(fixtures: Fixtures) -> list[Load]:
    """The figures under load, in the order they run."""
    shuffle = random.Random(14)
    references = list(fixtures.references)
    shuffle.shuffle(references)
    by_category = [r for code in fixtures.categories for r in _list({"category": code}, 3)]
    return [
        Load("healthz", "desk GET /healthz (shown only)", None, [("GET", "/healthz", "")], None),
        Load(
            "detail",
            "case detail GET /consultations/{ref}",
            0.50,
            [("GET", f"/api/v1/consultations/{quote(r)}", "") for r in references],
        ),
        Load(
            "status",
            "status lookup POST /status/{ref}",
            0.50,
            [
                ("POST", f"/api/v1/status/{quote(r)}", f'{{"code": "{code}"}}')
                for r, code in fixtures.status
            ],
            token=False,
        ),
        Load("list-status", "list ?status=new", 0.25, _list({"status": "new"}, 10)),
        Load("list-category", "list ?category=…", 0.25, by_category),
        Load("list-country", "list ?country=US", 0.25, _list({"country": "US"}, 10)),
        Load("search-2", "search q=合同 (2 characters)", 0.25, _search(TWO_CHARACTERS)),
        Load("search-4", "search q=货款纠纷 (4 characters)", 0.25, _search(FOUR_CHARACTERS)),
        Load("search-pinyin", "search q=hzwl (pinyin initials)", 0.25, _search(PINYIN_INITIALS)),
    ]


SINGLE = ("report", "route", "memory")
NAMES = [
    "healthz",
    "detail",
    "status",
    "list-status",
    "list-category",
    "list-country",
    "search-2",
    "search-4",
    "search-pinyin",
    *SINGLE,
]


def selected(name: str, only: list[str]) -> bool:
    """``--only`` names figures by name or by the start of one (``search``, ``list``)."""
    return not only or any(name == o or name.startswith(o + "-") for o in only)
