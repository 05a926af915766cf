"""Every kind of message the code sends has its words: a subject and a body for
e-mail, a sentence for the bell, in Chinese and English."""

import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from flask_babel import force_locale

from legaldesk.notify import kinds
from legaldesk.notify.compose import render
from legaldesk.notify.models import OutboxMessage
from legaldesk.notify.views import notification_text

SOURCE = Path(__file__).resolve().parents[2] / "legaldesk"
PAYLOAD = {
    "reference": "LD-2026-AB12CD",
    "enterprise": "杭州远航国际物流有限公司",
    "received_at": "2026-11-26T02:00:00+00:00",
    "at": "2026-11-26T02:00:00+00:00",
    "status": "advised",
    "hours": 4,
    "title": "调解会",
    "room": "商事调解室一",
    "room_en": "Commercial mediation room 1",
    "starts_at": "2026-11-27T01:30:00+00:00",
    "ends_at": "2026-11-27T03:30:00+00:00",
    "due_on": "2026-12-03",
    "satisfaction": 2,
    "what": "no_reply",
    "kind": "ack",
    "outbox_id": 1,
    "year": 2027,
    "day": "2026-11-26",
    "count": 1234,
    "entry_id": 1240,
    "head": "ab" * 32,
    "line": "2026-11-26 count=1234 id=1240 head=" + "ab" * 32,
}


def test_every_mail_kind_has_a_subject_and_a_body(app):
    assert kinds.mail_kinds(), "the wings registered no kinds"
    for kind in kinds.mail_kinds():
        row = OutboxMessage(
            kind=kind, key="k", recipient="a@b.test", locale="zh_CN", payload=PAYLOAD
        )
        with app.test_request_context():
            subject, body = render(row)
        assert subject and body.strip(), kind
        row.locale = "en"
        with app.test_request_context():
            subject, body = render(row)
        assert re.search(r"[A-Za-z]{4}", body), kind


def test_every_bell_kind_reads_as_a_sentence_in_both_languages(app):
    assert kinds.bell_kinds(), "the wings registered no kinds"
    for kind in kinds.bell_kinds():
        row = SimpleNamespace(kind=kind, payload=PAYLOAD)
        with app.test_request_context():
            with force_locale("zh_CN"):
                chinese = notification_text(row)
            with force_locale("en"):
                english = notification_text(row)
        assert re.search(r"[\u4e00-\u9fff]", chinese) and chinese != english, kind


def test_the_code_sends_no_kind_without_words(app):
    sent = set()
    for path in SOURCE.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        sent |= set(re.findall(r'enqueue\(\s*session,\s*now,\s*"([a-z_]+)"', text))
        sent |= set(re.findall(r'notify_users\(\s*[^"]*?"([a-z_]+)"', text, flags=re.S))
    assert sent, "the pattern no longer finds the calls"
    worded = set(kinds.mail_kinds()) | set(kinds.bell_kinds())
    assert sent <= worded, sent - worded


def test_a_kind_keeps_its_words():
    """Two wings cannot register one kind with different words."""
    try:
        kinds.register("test_only_kind", bell=str)
        kinds.register("test_only_kind", bell=str)  # every app the process builds does this
        with pytest.raises(ValueError):
            kinds.register("test_only_kind", bell=repr)
    finally:
        kinds._KINDS.pop("test_only_kind", None)
