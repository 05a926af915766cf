"""Outbox rules: the retry schedule and the delivery keys."""

from datetime import UTC, datetime, timedelta

from legaldesk.notify import rules

NOW = datetime(2026, 11, 26, tzinfo=UTC)


def test_retries_back_off_then_give_up():
    waits = [rules.retry_at(NOW, n) for n in range(1, rules.MAX_ATTEMPTS + 1)]
    assert waits[:5] == [
        NOW + timedelta(minutes=1),
        NOW + timedelta(minutes=5),
        NOW + timedelta(minutes=15),
        NOW + timedelta(hours=1),
        NOW + timedelta(hours=4),
    ]
    assert waits[5] is None


def test_keys_and_message_ids_are_stable():
    assert rules.ack_key("LD-2026-ABC123") == "ack.LD-2026-ABC123"
    assert rules.status_key("LD-2026-ABC123", 42) == "status.LD-2026-ABC123.42"
    assert rules.message_id("ack.LD-2026-ABC123", "desk.example") == (
        "<ack.LD-2026-ABC123@desk.example>"
    )
