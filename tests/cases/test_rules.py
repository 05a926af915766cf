"""Case rules need no app: transitions, intake validation, foreign-relatedness."""

import contextlib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from legaldesk.cases import codes
from legaldesk.cases.rules import (
    STATUSES,
    TRANSITIONS,
    check_transition,
    is_foreign_related,
    validate_intake,
)
from legaldesk.errors import InvalidTransition, ValidationFailed
from tests.conftest import dummy_intake

CATEGORIES = {"export_control", "other"}
COUNTRIES = {"CN", "US", "KZ", "DE"}


def test_every_status_has_a_row_in_the_transition_table():
    assert set(TRANSITIONS) == set(STATUSES)
    for targets in TRANSITIONS.values():
        assert set(targets) <= set(STATUSES)


@pytest.mark.parametrize(
    "current,target",
    [("new", "advised"), ("closed", "new"), ("withdrawn", "new"), ("accepted", "routed")],
)
def test_transitions_outside_the_table_are_refused(current, target):
    with pytest.raises(InvalidTransition):
        check_transition(current, target, has_assignee=True)


def test_routing_needs_an_assignee():
    with pytest.raises(InvalidTransition):
        check_transition("new", "routed", has_assignee=False)
    check_transition("new", "routed", has_assignee=True)


def test_any_open_status_can_be_withdrawn():
    for status in ("new", "routed", "accepted", "advised", "following_up"):
        check_transition(status, "withdrawn", has_assignee=False)


def test_unknown_target_is_a_field_error():
    with pytest.raises(ValidationFailed) as error:
        check_transition("new", "teleported", has_assignee=True)
    assert "to" in error.value.fields


def test_valid_intake_is_normalised():
    data = validate_intake(
        dummy_intake(
            enterprise={"name": " 杭州远航 ", "uscc": "91330105ma2h00010x"}, countries=["kz"]
        ),
        CATEGORIES,
        COUNTRIES,
    )
    assert data.uscc == "91330105MA2H00010X"
    assert data.phone == "+8613805710001"
    assert data.countries == ["KZ"]
    assert data.enterprise_name == "杭州远航"
    assert data.foreign_related


def test_every_bad_field_is_reported_at_once():
    body = dummy_intake(
        enterprise={"name": "", "uscc": "91330105MA2H000101"},
        contact={"name": "x", "phone": "12345", "email": "not-an-email"},
        channel="fax",
        category="astrology",
        countries=["XX"],
        summary="x" * 100_000,
        urgency="whenever",
    )
    with pytest.raises(ValidationFailed) as error:
        validate_intake(body, CATEGORIES, COUNTRIES)
    assert set(error.value.fields) == {
        "enterprise.name",
        "enterprise.uscc",
        "contact.phone",
        "contact.email",
        "channel",
        "category",
        "countries",
        "summary",
        "urgency",
    }


def test_wrong_types_are_field_errors_not_crashes():
    body = dummy_intake(summary=42, countries=5, counterparties=[1, 2], enterprise="杭州")
    with pytest.raises(ValidationFailed) as error:
        validate_intake(body, CATEGORIES, COUNTRIES)
    fields = error.value.fields
    assert {"enterprise", "summary", "countries", "counterparties"} <= set(fields)


@pytest.mark.parametrize(
    "countries,counterparties,expected",
    [
        ([], [], False),
        (["CN"], ["宁波东港贸易有限公司"], False),
        (["CN", "US"], [], True),
        ([], ["Acme Inc."], True),
        (["CN"], ["ACME 中国有限公司"], False),
    ],
)
def test_foreign_related(countries, counterparties, expected):
    assert is_foreign_related(countries, counterparties) is expected


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=30),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=20,
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(st.sampled_from(list(dummy_intake()) + ["extra"]), json_values))
def test_any_json_is_accepted_or_refused_with_field_errors(body):
    with contextlib.suppress(ValidationFailed):
        validate_intake(body, CATEGORIES, COUNTRIES)


def test_references_and_codes_are_random_and_readable():
    references = {codes.new_reference(2026) for _ in range(500)}
    assert len(references) == 500
    assert all(r.startswith("LD-2026-") and len(r) == 14 for r in references)
    code = codes.new_access_code()
    assert len(code) == 10 and len(codes.ALPHABET) ** 10 >= 2**40
    assert codes.normalise_access_code(codes.display_access_code(code).lower()) == code
    assert codes.normalise_access_code("o1l-i") == "0111"
