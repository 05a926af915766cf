"""Desk latency at a data volume: intake, case list, search, filters, case page.

Every figure is a ratio to a baseline measured in the same run (GET /healthz, one
trivial query), so runs on different machines compare. Targets are ratios too;
the run exits 1 when one is missed.

    python -m bench --cases 100000            # SQLite in a temporary folder
    LEGALDESK_BENCH_DATABASE_URL=postgresql+psycopg://… python -m bench --cases 1000000
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from flask_migrate import upgrade

from legaldesk import create_app
from legaldesk.admin.service import create_user
from legaldesk.auth.service import create_token
from legaldesk.clock import utcnow
from legaldesk.db import db
from legaldesk.demo.seed import seed

# Most a request may cost, as a multiple of the baseline request (GET /healthz).
TARGETS = {
    # Dominated on purpose by scrypt over the access code (about 80 ms), which keeps a
    # leaked database from giving the 50-bit codes away.
    "intake (POST /consultations)": 300,
    "case list, page 1": 40,
    "case list, last page": 80,
    "search a Chinese substring": 400,
    "search pinyin initials": 400,
    "filter by country": 80,
    "case page (read, audited)": 40,
    # Aggregates over a year of cases and follow-ups: scans by design (indexed ranges).
    "report summary, one year": 2000,
    "free mediation slot (300 bookings)": 200,
}


def median_ms(action: Callable[[], object], repeat: int) -> float:
    action()  # warm caches and connections
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def prepare(url: str, cases: int) -> tuple[object, str, str]:
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": url,
            "SECRET_KEY": "bench",
            "RATELIMIT_ENABLED": False,
            "SERVER_NAME": "bench.local",
            "ACCESS_CODE_HASH_METHOD": "scrypt",
        }
    )
    with app.app_context():
        upgrade()
        print(f"seeding {cases} consultations …", file=sys.stderr)
        seed(db.session, utcnow(), cases, seed_value=1)
        user = create_user(
            db.session, None, utcnow(), "bench@desk.local", "bench", "coordinator", "bench-password"
        )
        token = create_token(db.session, None, utcnow(), user.email)
        reference = db.session.execute(
            db.text("SELECT reference FROM consultations ORDER BY id DESC LIMIT 1")
        ).scalar()
        busy_rooms(utcnow(), 300)
        db.session.commit()
    return app, token, reference


def busy_rooms(now, bookings: int) -> None:
    """Two mediation rooms with ``bookings`` sessions over the next 120 days, so the
    free-slot finder has to step around them."""
    from datetime import timedelta

    from legaldesk.rooms.models import Booking, Room

    rooms = [Room(name=f"调解室{i}", kind="mediation", capacity=8, created_at=now) for i in (1, 2)]
    db.session.add_all(rooms)
    db.session.flush()
    start = now.replace(minute=0, second=0, microsecond=0)
    for i in range(bookings):
        begins = start + timedelta(hours=i * 9 + 1)
        db.session.add(
            Booking(
                room_id=rooms[i % 2].id,
                starts_at=begins,
                ends_at=begins + timedelta(hours=2),
                blocked_until=begins + timedelta(hours=2),
                title=f"调解 {i}",
                purpose="mediation_session",
                mediator_id=None,
                created_at=now,
            )
        )


def run(url: str, cases: int, repeat: int) -> int:
    from tests.conftest import dummy_intake

    app, token, reference = prepare(url, cases)
    client = app.test_client()
    auth = {"Authorization": f"Bearer {token}"}
    last_page = max(1, cases // 20)
    today = utcnow().date()
    year_ago = today.replace(year=today.year - 1)

    def get(path: str) -> Callable[[], object]:
        def call() -> object:
            response = client.get(path, headers=auth)
            assert response.status_code == 200, (path, response.status_code)
            return response

        return call

    def intake() -> object:
        response = client.post("/api/v1/consultations", json=dummy_intake(), headers=auth)
        assert response.status_code == 201
        return response

    baseline = median_ms(get("/healthz"), repeat)
    measured = {
        "intake (POST /consultations)": median_ms(intake, repeat),
        "case list, page 1": median_ms(get("/api/v1/consultations"), repeat),
        "case list, last page": median_ms(get(f"/api/v1/consultations?page={last_page}"), repeat),
        "search a Chinese substring": median_ms(get("/api/v1/consultations?q=物流"), repeat),
        "search pinyin initials": median_ms(get("/api/v1/consultations?q=hzwl"), repeat),
        "filter by country": median_ms(get("/api/v1/consultations?country=KZ"), repeat),
        "case page (read, audited)": median_ms(get(f"/api/v1/consultations/{reference}"), repeat),
        "report summary, one year": median_ms(
            get(f"/api/v1/reports/summary?from={year_ago}&to={today}"), repeat
        ),
        "free mediation slot (300 bookings)": median_ms(
            get("/api/v1/rooms/free-slots?minutes=120&applicant_days=2,4&respondent_days=4"),
            repeat,
        ),
    }
    dialect = url.split(":", 1)[0]
    print(
        f"\n{cases} consultations on {dialect}; baseline GET /healthz = {baseline:.2f} ms "
        f"(median of {repeat})\n"
    )
    print(f"{'what':34} {'ratio':>8} {'target':>8}  {'median ms':>10}")
    missed = 0
    for name, value in measured.items():
        ratio = value / baseline
        ok = ratio <= TARGETS[name]
        missed += not ok
        print(f"{name:34} {ratio:8.1f} {TARGETS[name]:8}  {value:10.2f}  {'' if ok else 'MISSED'}")
    return 1 if missed else 0


def main() -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--cases", type=int, default=20_000, help="data volume (default 20000)")
    parser.add_argument("--repeat", type=int, default=15, help="samples per figure (default 15)")
    args = parser.parse_args()
    url = os.environ.get("LEGALDESK_BENCH_DATABASE_URL")
    with tempfile.TemporaryDirectory() as folder:
        url = url or f"sqlite:///{Path(folder) / 'bench.sqlite3'}"
        return run(url, args.cases, args.repeat)


if __name__ == "__main__":
    sys.exit(main())
