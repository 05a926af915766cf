"""Migration 0024 (issue 13 item 1): existing rooms get the time they were added and,
when retired, the time they were retired, from the audit log where it tells them."""

from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from flask_migrate import downgrade, upgrade

from legaldesk import create_app
from legaldesk.audit.models import AuditEntry
from legaldesk.clock import utcnow
from legaldesk.db import db
from legaldesk.rooms import admin
from legaldesk.rooms.models import Booking, Room
from tests.conftest import ROOMS_SINCE, create_user, desk_config
from tests.test_migrations import empty_database  # noqa: F401 (a fixture)

ADDED = datetime(2026, 1, 5, 2, tzinfo=UTC)
RETIRED = datetime(2026, 3, 10, 6, tzinfo=UTC)
RETIRED_AGAIN = datetime(2026, 4, 1, 7, tzinfo=UTC)


def _desk() -> dict[str, int]:
    """Rooms as a desk at 0023 has them: one added in the pages, one from the setup
    with an early booking, one retired twice in the pages, one made inactive by hand."""
    coordinator = create_user("coordinator")
    fields = {"kind": "mediation", "capacity": 8, "opening_hours": "08:30-12:00"}
    paged = admin.add_room(db.session, coordinator, ADDED, {"name": "调解室甲", **fields})
    booked, retired, by_hand = (
        Room(name=name, kind="mediation", created_at=ROOMS_SINCE)
        for name in ("调解室乙", "调解室丙", "调解室丁")
    )
    db.session.add_all([booked, retired, by_hand])
    db.session.flush()
    db.session.add(
        Booking(
            room_id=booked.id,
            starts_at=datetime(2025, 12, 1, 2, tzinfo=UTC),
            ends_at=datetime(2025, 12, 1, 3, tzinfo=UTC),
            blocked_until=datetime(2025, 12, 1, 3, tzinfo=UTC),
            title="调解",
            created_at=datetime(2025, 11, 20, 2, tzinfo=UTC),
        )
    )
    admin.set_room_active(db.session, coordinator, RETIRED, retired, False)
    admin.set_room_active(db.session, coordinator, RETIRED + timedelta(days=1), retired, True)
    admin.set_room_active(db.session, coordinator, RETIRED_AGAIN, retired, False)
    db.session.commit()
    ids = {"paged": paged.id, "booked": booked.id, "retired": retired.id, "by_hand": by_hand.id}
    db.session.remove()
    return ids


def test_upgrade_backfills_when_rooms_were_added_and_retired(empty_database):  # noqa: F811
    app = create_app(desk_config(empty_database))
    with app.app_context():
        upgrade()
        ids = _desk()
        downgrade(revision="0023")
        with db.engine.begin() as conn:
            conn.execute(
                sa.text("UPDATE rooms SET active = false WHERE id = :id"), {"id": ids["by_hand"]}
            )
        before = utcnow()
        upgrade()
        after = utcnow()
        rooms = {room.id: room for room in db.session.scalars(sa.select(Room))}
        desk_began = db.session.scalar(sa.select(sa.func.min(AuditEntry.at)))
        assert desk_began is not None and desk_began <= ADDED
        paged, booked = rooms[ids["paged"]], rooms[ids["booked"]]
        retired, by_hand = rooms[ids["retired"]], rooms[ids["by_hand"]]
        assert paged.created_at == ADDED and paged.retired_at is None
        assert booked.created_at == datetime(2025, 11, 20, 2, tzinfo=UTC)
        assert booked.retired_at is None
        assert retired.created_at == desk_began and retired.retired_at == RETIRED_AGAIN
        assert not by_hand.active and before <= by_hand.retired_at <= after
        assert by_hand.created_at == desk_began
        db.session.remove()
        db.engine.dispose()
