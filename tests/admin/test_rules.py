"""The admin wing's pure rules: who may be demoted or shut out, links, fields."""

from datetime import UTC, datetime, timedelta

import pytest

from legaldesk.admin import rules
from legaldesk.errors import ValidationFailed

NOW = datetime(2026, 12, 1, 9, tzinfo=UTC)


def test_an_admin_cannot_demote_or_deactivate_themself():
    with pytest.raises(rules.SelfLockout):
        rules.check_change(1, 1, ("admin", True), ("coordinator", True), 3)
    with pytest.raises(rules.SelfLockout):
        rules.check_change(1, 1, ("admin", True), ("admin", False), 3)


def test_the_last_active_admin_stays():
    with pytest.raises(rules.LastAdmin):
        rules.check_change(None, 2, ("admin", True), ("admin", False), 0)
    rules.check_change(1, 2, ("admin", True), ("admin", False), 1)  # another remains
    rules.check_change(1, 1, ("coordinator", True), ("coordinator", False), 0)  # not an admin


def test_a_role_keeps_only_its_own_link():
    assert rules.linked_ids("lawyer", 5, 7) == (5, None)
    assert rules.linked_ids("enterprise", 5, 7) == (None, 7)
    assert rules.linked_ids("coordinator", 5, 7) == (None, None)


def test_link_states():
    later = NOW + timedelta(hours=1)
    assert rules.link_state(later, None, NOW) == "valid"
    assert rules.link_state(NOW, None, NOW) == "expired"
    assert rules.link_state(later, NOW, NOW) == "used"
    assert rules.link_state(None, None, NOW) == "unknown"


def test_passwords_are_long_enough_and_typed_twice():
    assert set(rules.password_errors("short", "short").fields) == {"password"}
    assert set(rules.password_errors("long enough", "long enouhg").fields) == {"confirm"}
    assert not rules.password_errors("long enough", "long enough")


def test_account_fields_are_field_errors():
    with pytest.raises(ValidationFailed) as error:
        rules.parse_account({"email": "x", "name": "", "role": "boss", "lawyer_id": "1"}, True)
    assert set(error.value.fields) == {"email", "name", "role", "lawyer_id"}
    with pytest.raises(ValidationFailed) as error:
        rules.parse_account({"active": "no", "email": "a@b.cn"}, False)
    assert set(error.value.fields) == {"active", "email"}
    assert rules.parse_account({"active": False}, False) == {"active": False}


def test_list_arguments():
    assert rules.parse_list_args({"active": "false", "page": "2"}).active is False
    with pytest.raises(ValidationFailed) as error:
        rules.parse_list_args({"per_page": "1000", "role": "x", "active": "1"})
    assert set(error.value.fields) == {"per_page", "role", "active"}
