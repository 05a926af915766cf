"""The case list's query arguments become filters without a request or an app: the
page size and the desk's zone are passed in (one setting rules them at the edge)."""

from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from legaldesk.cases.forms import filters_from_args
from legaldesk.errors import ValidationFailed

SHANGHAI = ZoneInfo("Asia/Shanghai")


def test_dates_are_days_of_the_zone_passed_in():
    filters = filters_from_args({"from": "2026-03-01", "to": "2026-03-31"}, 20, SHANGHAI)
    assert filters.date_from == datetime(2026, 3, 1, tzinfo=SHANGHAI)
    assert filters.date_to == datetime(2026, 4, 1, tzinfo=SHANGHAI)  # the end is exclusive
    west = timezone(timedelta(hours=-5))
    later = filters_from_args({"from": "2026-03-01"}, 20, west)
    assert later.date_from - filters.date_from == timedelta(hours=13)


def test_the_default_page_size_is_an_argument():
    assert filters_from_args({}, 37, SHANGHAI).per_page == 37
    assert filters_from_args({"per_page": "5", "page": ""}, 37, SHANGHAI).per_page == 5


def test_every_bad_field_is_named_at_once():
    args = {"status": "lost", "page": "x", "per_page": "500", "from": "2026-02-30", "q": "q" * 201}
    with pytest.raises(ValidationFailed) as raised:
        filters_from_args(args, 20, SHANGHAI)
    assert set(raised.value.fields) == {"status", "page", "per_page", "from", "q"}


def test_open_and_a_search_pass_through():
    filters = filters_from_args({"status": "open", "q": "  物流 ", "country": "us"}, 20, SHANGHAI)
    assert (filters.status, filters.q, filters.country, filters.page) == ("open", "物流", "us", 1)
