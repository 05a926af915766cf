"""The desk's time zone comes from the configuration (LEGALDESK_TIMEZONE), for pages and
for due dates alike. A desk in New York (winter, −05:00): 2026-01-15T20:00Z is still
the 15th there, while it is already the 16th in Shanghai."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from flask import Flask

import legaldesk
from legaldesk import create_app
from legaldesk.auth.models import User
from legaldesk.cases import service as cases
from legaldesk.cases.models import Consultation
from legaldesk.clock import local_date, zone_named
from legaldesk.db import db
from legaldesk.followups.models import FollowUp
from legaldesk.followups.service import followups_of
from legaldesk.portal.service import followup_dates
from legaldesk.zone import desk_zone
from tests.conftest import (
    checkpoints_in,
    create_case,
    create_lawyer,
    create_user,
    database_url,
    desk_config,
    prepare,
)

INSTANT = datetime(2026, 1, 15, 20, 0, tzinfo=UTC)


@pytest.fixture
def new_york(backend: str, tmp_path: Any):
    settings = {
        **desk_config(database_url(backend, tmp_path)),
        **checkpoints_in(tmp_path),
        "TIMEZONE": "America/New_York",
    }
    app = prepare(create_app(settings), backend)
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def test_the_local_day_depends_on_the_zone_passed_in():
    assert local_date(INSTANT, zone_named("America/New_York")) == date(2026, 1, 15)
    assert local_date(INSTANT, zone_named("Asia/Shanghai")) == date(2026, 1, 16)


def test_the_first_follow_up_counts_from_the_configured_zones_day(new_york: Flask):
    with new_york.test_request_context():
        case, _ = create_case(now=INSTANT)
        lawyer = create_lawyer()
        counsel = create_user("lawyer", lawyer_id=lawyer.id)
        case = db.session.get(Consultation, case.id)
        case.assignee_id = lawyer.id
        actor = db.session.get(User, counsel.id)
        for status in ("accepted", "advised"):
            cases.transition(db.session, actor, INSTANT, case, status, zone=desk_zone())
        db.session.commit()
        (first,) = followups_of(db.session, case)
        assert first.due_on == date(2026, 1, 22)  # the New York day + 7, not the 16th + 7


def test_the_case_page_shows_the_intake_time_in_the_configured_zone(new_york: Flask):
    with new_york.app_context():
        case, _ = create_case(now=INSTANT)
        coordinator = create_user("coordinator")
        reference, email = case.reference, coordinator.email
    client = new_york.test_client()
    signed_in = client.post("/login", data={"email": email, "password": "password123"})
    assert signed_in.status_code == 302
    page = client.get(f"/cases/{reference}")
    assert page.status_code == 200
    assert "2026-01-15 15:00" in page.get_data(as_text=True)


def test_an_unknown_zone_fails_at_start_with_a_clear_message(tmp_path):
    settings = {**desk_config(f"sqlite:///{tmp_path / 'z.sqlite3'}"), "TIMEZONE": "Mars/Olympus"}
    with pytest.raises(RuntimeError, match="Mars/Olympus"):
        create_app(settings)


def test_only_the_clock_builds_zones():
    """One source: every other module asks clock.zone_named (via zone.desk_zone)."""
    package = Path(legaldesk.__file__).parent
    builders = sorted(
        str(path.relative_to(package))
        for path in package.rglob("*.py")
        if re.search(r"\bZoneInfo\(", path.read_text(encoding="utf-8"))
    )
    assert builders == ["clock.py"]


def test_a_follow_up_done_in_the_evening_shows_the_desks_day(new_york: Flask):
    """Done at 22:30 in New York (03:30Z the next day): the enterprise sees the 15th."""
    done = datetime(2026, 1, 16, 3, 30, tzinfo=UTC)
    with new_york.app_context():
        case, _ = create_case(now=INSTANT)
        db.session.add(
            FollowUp(
                consultation_id=case.id,
                due_on=date(2026, 1, 20),
                channel="phone",
                created_at=INSTANT,
                done_at=done,
            )
        )
        db.session.commit()
        dates = followup_dates(db.session, db.session.get(Consultation, case.id), desk_zone())
    assert dates == [(date(2026, 1, 15), True)]
