"""The rows of synthetic cases (``demo.seed``): tuples in the column order of COLUMNS.

Plain Python over a seeded random generator: the same seed gives the same rows. Times
are made from ``base`` (now, in the form the writer wants) and turned into column
values by ``stamp``, so this module knows no database. A row is a tuple, not a dict:
building and binding dicts was most of the seed's time.

Each case walks the status path its status implies (new → routed → accepted →
advised → following_up → closed; withdrawn early or after acceptance), leaving a
timeline entry per step at believable intervals; a lawyer is assigned from routing on
(one whose jurisdiction or specialty fits, the duty roster for domestic cases); a
follow-up is recorded once the case was followed up; a closed case has a closing code.

Lawyers' capacity holds as on a real desk: a case is left open in a lawyer's hands
(routed, accepted, advised, following up) only among the newest cases and while that
lawyer has room (``LawyerInfo.room``, a share of what their capacity leaves); any
other case that got as far as a lawyer has run its course to closed. So at a million
cases the draw still finds eligible lawyers, as it would on a desk that keeps up.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from legaldesk.cases import codes
from legaldesk.cases.region_rules import is_foreign_related, names_hk_mo_tw
from legaldesk.cases.rules import OPEN_STATUSES, STATUSES
from legaldesk.clock import local_date
from legaldesk.countries import country_name
from legaldesk.demo import seed_words as words
from legaldesk.enterprises.rules import name_initials
from legaldesk.partykey import normalise_party

COLUMNS = {
    "enterprises": (
        "id",
        "uscc",
        "name",
        "name_initials",
        "party_key",
        "created_at",
        "email_updates",
    ),
    "contacts": ("id", "enterprise_id", "name", "phone", "email", "locale"),
    "consultations": (
        "id",
        "reference",
        "access_code_hash",
        "enterprise_id",
        "contact_id",
        "channel",
        "category_code",
        "summary",
        "description",
        "urgency",
        "foreign_related",
        "hk_mo_tw",
        "status",
        "assignee_id",
        "closing_code",
        "created_at",
        "updated_at",
        "first_response_at",
    ),
    "consultation_countries": ("consultation_id", "country", "position"),
    "timeline_entries": ("consultation_id", "at", "from_status", "to_status", "note"),
    "followups": (
        "consultation_id",
        "due_on",
        "channel",
        "lawyer_id",
        "created_at",
        "done_at",
        "result",
        "advice_worked",
        "loss_avoided_cny",
        "loss_basis",
        "confirmed_by_enterprise",
        "satisfaction",
        "done_on",
    ),
}
# A locked hash: werkzeug never matches it, so seeded cases cannot be looked up.
LOCKED = "locked$seeded"
SPAN = timedelta(days=730)

_ACCEPTED = ("new", "routed", "accepted")
PATHS: dict[str, tuple[tuple[str, ...], ...]] = {
    "new": (("new",),),
    "routed": (("new", "routed"),),
    "accepted": (_ACCEPTED,),
    "advised": ((*_ACCEPTED, "advised"),),
    "following_up": ((*_ACCEPTED, "advised", "following_up"),),
    "closed": ((*_ACCEPTED, "advised", "following_up", "closed"),),
    "withdrawn": (("new", "withdrawn"), (*_ACCEPTED, "withdrawn")),
}
assert set(PATHS) == set(STATUSES)
CLOSED_PATH = PATHS["closed"][0]
# Hours each step takes after the one before it (low, high).
STEP_HOURS = {
    "routed": (0.1, 4.0),
    "accepted": (0.1, 26.0),
    "advised": (24.0, 240.0),
    "following_up": (168.0, 216.0),
    "closed": (1.0, 240.0),
    "withdrawn": (1.0, 200.0),
}


def _weighted(pairs: list[tuple[str, int]]) -> list[str]:
    return [value for value, weight in pairs for _ in range(weight)]


@dataclass(frozen=True)
class LawyerInfo:
    id: int
    jurisdictions: tuple[str, ...]
    specialties: tuple[str, ...]
    on_duty: bool
    room: int = 0  # open cases the seed may leave in their hands


@dataclass
class Assigner:
    """Picks a believable lawyer for a case: one whose jurisdiction names the case's
    first country, else whose specialty is its category; the duty roster for
    domestic cases; anyone when nobody fits. ``take`` picks one with room left for
    another open case, and counts it."""

    lawyers: list[LawyerInfo]
    _cache: dict[tuple[str | None, str], tuple[int, ...]] = field(default_factory=dict)
    _room: dict[int, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._room = {lawyer.id: lawyer.room for lawyer in self.lawyers}

    @property
    def room(self) -> int:
        """Open cases the seed may still leave with lawyers, all together."""
        return sum(self._room.values())

    def take(self, candidates: tuple[int, ...], pick: Callable[[Sequence[int]], int]) -> int | None:
        """One of ``candidates`` with room for one more open case (None: nobody)."""
        free = [lawyer for lawyer in candidates if self._room.get(lawyer, 0) > 0]
        if not free:
            return None
        chosen = pick(free)
        self._room[chosen] -= 1
        return chosen

    def candidates(self, country: str | None, category: str) -> tuple[int, ...]:
        key = (country, category)
        found = self._cache.get(key)
        if found is None:
            everyone = tuple(lawyer.id for lawyer in self.lawyers)
            by_country = tuple(x.id for x in self.lawyers if country in x.jurisdictions)
            by_specialty = tuple(x.id for x in self.lawyers if category in x.specialties)
            duty = tuple(x.id for x in self.lawyers if x.on_duty)
            found = (by_country if country else duty) or by_specialty or everyone
            self._cache[key] = found
        return found


@dataclass
class Batch:
    """One batch's rows, by table."""

    tables: dict[str, list[tuple[Any, ...]]] = field(
        default_factory=lambda: {name: [] for name in COLUMNS}
    )


class CaseFactory:
    """Rows for enterprises and consultations, numbered from the ids it is given.

    Choices use ``pick`` (one ``random()`` and an index) rather than
    ``Random.choice``, which costs several times more and ran a dozen times a case.
    """

    def __init__(
        self,
        rng: random.Random,
        base: datetime,
        stamp: Callable[[datetime], Any],
        categories: list[tuple[str, bool]],
        closing_codes: list[str],
        assigner: Assigner,
        contact_offset: int,
        zone: ZoneInfo,
    ) -> None:
        self.contact_offset, self.zone = contact_offset, zone
        self.open_room = assigner.room  # as it was before the first case
        self._region_cache: dict[tuple[str, ...], tuple[int, int]] = {}
        self.rng, self.base, self.stamp, self.assigner = rng, base, stamp, assigner
        random_ = rng.random
        self.pick: Callable[[Sequence[Any]], Any] = lambda seq: seq[int(random_() * len(seq))]
        self.categories = categories
        # The usual closing codes the desk still offers, else any it offers.
        usual = [code for code in _weighted(words.CLOSING_WEIGHTS) if code in closing_codes]
        self.closing: list[str | None] = list(usual or closing_codes) or [None]
        self.channels = _weighted(words.CHANNEL_WEIGHTS)
        self.countries = _weighted(words.COUNTRY_WEIGHTS)
        self.country_zh = {code: country_name(code, "zh_CN") for code in set(self.countries)}
        self.initials = {
            part: name_initials(part)
            for part in words.CITIES + words.BRANDS + words.TRADES + words.FORMS
        }

    def enterprise_name(self) -> tuple[str, str]:
        """A name and its pinyin initials: one brand word, or two for some variety."""
        pick = self.pick
        parts = [pick(words.CITIES), pick(words.BRANDS)]
        if self.rng.random() < 0.5:
            parts.append(pick(words.BRANDS))
        parts += [pick(words.TRADES), pick(words.FORMS)]
        return "".join(parts), "".join(self.initials[part] for part in parts)

    def enterprises(self, batch: Batch, first_id: int, count: int) -> None:
        """``count`` enterprises from ``first_id``, each with one contact of its own
        (``contact_offset`` apart: a demo enterprise has several)."""
        created = self.stamp(self.base - SPAN)
        rows, contacts = batch.tables["enterprises"], batch.tables["contacts"]
        for number in range(first_id, first_id + count):
            name, initials = self.enterprise_name()
            county = 100 + int(self.rng.random() * 900)
            code = uscc(f"91330{county}{number:09d}")
            rows.append((number, code, name, initials, normalise_party(name), created, 1))
            phone = f"+86138{number % 100_000_000:08d}"
            contacts.append((number + self.contact_offset, number, "联系人", phone, None, "zh_CN"))

    def cases(self, batch: Batch, ids: range, order: range, total: int, enterprises: range) -> None:
        """Consultations ``ids``, the ``order``-th of ``total`` in time (so ids grow with
        the intake time, as on a real desk, and most index inserts append), each of an
        enterprise in ``enterprises``."""
        pick, random_, stamp, base = self.pick, self.rng.random, self.stamp, self.base
        span = SPAN.total_seconds()
        tables = batch.tables
        consultations, countries = tables["consultations"], tables["consultation_countries"]
        timeline, followups = tables["timeline_entries"], tables["followups"]
        first_enterprise, enterprise_count = enterprises.start, len(enterprises)
        # The newest cases may stay open with a lawyer: about twice as many as there is
        # room for (four statuses in seven are open ones), so the room goes to them.
        open_from = total - 2 * self.open_room
        for case_id, position in zip(ids, order, strict=True):
            age = span * (1 - (position + random_()) / total)
            created = base - timedelta(seconds=age)
            enterprise_id = first_enterprise + int(random_() * enterprise_count)
            category, foreign_category = pick(self.categories)
            picked = self._countries(foreign_category)
            country = picked[0] if picked else None
            foreign, hk_mo_tw = self._regions(picked)
            path = pick(PATHS[pick(STATUSES)])
            assignee = None
            if len(path) > 1 and path[1] == "routed":
                candidates = self.assigner.candidates(country, category)
                if path[-1] in OPEN_STATUSES:
                    if position >= open_from:
                        assignee = self.assigner.take(candidates, pick)
                    if assignee is None:  # nobody has room: the case ran its course
                        path = CLOSED_PATH
                if assignee is None:
                    assignee = pick(candidates)
            times = self._times(created, age, path)
            stamps = [stamp(at) for at in times]
            consultations.append(
                (
                    case_id,
                    f"LD-{created.year}-{reference_suffix(case_id)}",
                    LOCKED,
                    enterprise_id,
                    enterprise_id + self.contact_offset,
                    pick(self.channels),
                    category,
                    self._summary(category, country),
                    self._description(category, country),
                    "urgent" if random_() < 0.1 else "normal",
                    foreign,
                    hk_mo_tw,
                    path[-1],
                    assignee,
                    pick(self.closing) if path[-1] == "closed" else None,
                    stamps[0],
                    stamps[-1],
                    stamps[2] if len(path) > 2 else None,  # accepted: first response
                )
            )
            countries += [(case_id, code, n) for n, code in enumerate(picked)]
            previous = None
            for step, at in zip(path, stamps, strict=True):
                timeline.append((case_id, at, previous, step, ""))
                previous = step
            if len(path) > 4:  # followed up: the call a week after the advice
                followups.append(self._followup(case_id, assignee, times, stamps))

    def _countries(self, foreign_category: bool) -> list[str]:
        pick = self.pick
        counts = words.COUNTRY_COUNTS_FOREIGN if foreign_category else words.COUNTRY_COUNTS_DOMESTIC
        picked: list[str] = []
        for _ in range(pick(counts)):
            code = pick(self.countries)
            if code not in picked:
                picked.append(code)
        return picked

    def _regions(self, picked: list[str]) -> tuple[int, int]:
        """涉外 and 涉港澳台 as the desk decides them (no counterparties here)."""
        key = tuple(picked)
        found = self._region_cache.get(key)
        if found is None:
            found = int(is_foreign_related(picked, [])), int(names_hk_mo_tw(picked))
            self._region_cache[key] = found
        return found

    def _times(self, created: datetime, age: float, path: tuple[str, ...]) -> list[datetime]:
        """When each step of ``path`` happened; squeezed into the case's age, so no
        step lies in the future."""
        random_ = self.rng.random
        hours = [0.0]
        for step in path[1:]:
            low, high = STEP_HOURS[step]
            hours.append(hours[-1] + low + (high - low) * random_())
        if hours[-1] * 3600 >= age:
            squeeze = 0.99 * age / (hours[-1] * 3600)
            hours = [h * squeeze for h in hours]
        return [created] + [created + timedelta(hours=h) for h in hours[1:]]

    def _summary(self, category: str, country: str | None) -> str:
        topic = self.pick(words.TOPICS.get(category, words.OTHER_TOPICS))
        return self.country_zh[country] + topic if country else topic

    def _description(self, category: str, country: str | None) -> str:
        pick = self.pick
        opening = pick(words.OPENINGS.get(category, words.OTHER_OPENINGS)).format(
            country=self.country_zh[country] if country else words.ABROAD
        )
        middle = pick(words.SENTENCES)
        if self.rng.random() < 0.5:
            middle += pick(words.SENTENCES)
        return opening + middle + words.MARKER

    def _followup(
        self, case_id: int, lawyer: int | None, times: list[datetime], stamps: list[Any]
    ) -> tuple[Any, ...]:
        """A recorded follow-up a week after the advice (``times[3]``), done at
        ``times[4]``: satisfaction, sometimes a loss avoided."""
        advised, advised_at, done_at, done = times[3], stamps[3], stamps[4], times[4]
        pick, random_ = self.pick, self.rng.random
        loss = 1000 * (10 + int(random_() * 4990)) if random_() < 0.3 else None
        return (
            case_id,
            (advised + timedelta(days=7)).date().isoformat(),
            "phone",
            lawyer,
            advised_at,
            done_at,
            "合成回访",
            pick(("yes", "yes", "partly", "no")),
            loss,
            "合同金额估算" if loss else "",
            int(loss is not None and random_() < 0.5),
            pick((5, 5, 4, 4, 3, 2, 1)),
            local_date(done if done.tzinfo else done.replace(tzinfo=UTC), self.zone).isoformat(),
        )


_BASE32_PAIRS = [a + b for a in codes.ALPHABET for b in codes.ALPHABET]


def reference_suffix(number: int) -> str:
    """Distinct per id (base 32, at least five digits, 'S' prefix), so seeded
    references never collide; two digits per table lookup below 32**5."""
    if number < 1 << 25:
        pairs = _BASE32_PAIRS
        return (
            "S" + codes.ALPHABET[number >> 20] + pairs[number >> 10 & 1023] + pairs[number & 1023]
        )
    digits = ""
    while number:
        number, rest = divmod(number, 32)
        digits = codes.ALPHABET[rest] + digits
    return "S" + digits


_USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def uscc(body: str) -> str:
    """A credit code of 17 digits and its check character (GB 32100-2015), as
    ``stdnum.cn.uscc`` computes it, without its input cleaning (a fifth of the
    seed's time went there)."""
    total = sum(int(digit) * weight for digit, weight in zip(body, _USCC_WEIGHTS, strict=True))
    return body + _USCC_ALPHABET[(31 - total) % 31]
