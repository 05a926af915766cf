"""Real processes: three web workers, two schedulers (one killed mid-burst), a real
SMTP server. Every acknowledgement arrives, once."""

import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest

from legaldesk.auth.models import User
from legaldesk.db import db
from tests.conftest import dummy_intake, token_for
from tests.mail import SmtpServer
from tests.servers import SchedulerProcess, desk_server

pytestmark = pytest.mark.slow
INTAKES = 30


def test_every_acknowledgement_arrives_once_when_a_scheduler_is_killed(app, make):
    url = app.config["SQLALCHEMY_DATABASE_URI"]
    clerk = make.user("intake")
    token = make.run(lambda: token_for(db.session.get(User, clerk.id)))
    with SmtpServer() as smtp, desk_server(url, workers=3) as web:
        mail = {
            "MAIL_SERVER": "127.0.0.1",
            "MAIL_PORT": smtp.port,
            "OUTBOX_INTERVAL_SECONDS": 0.2,
            "OUTBOX_LEASE_SECONDS": 3,
        }
        doomed, survivor = SchedulerProcess(url, **mail), SchedulerProcess(url, **mail)
        try:

            def intake(i):
                contact = {
                    "name": f"联系人{i}",
                    "phone": f"1380571{i:04d}",
                    "email": f"contact{i}@example.com",
                }
                return web.request(
                    "POST",
                    "/api/v1/consultations",
                    token,
                    dummy_intake(contact=contact, summary=f"第{i}条"),
                )

            with ThreadPoolExecutor(max_workers=6) as pool:
                first = list(pool.map(intake, range(INTAKES // 2)))
                deadline = time.monotonic() + 30
                while len(smtp.sink.received) < 3 and time.monotonic() < deadline:
                    time.sleep(0.02)
                doomed.kill()  # part-way: mail is flowing and intakes keep coming
                rest = list(pool.map(intake, range(INTAKES // 2, INTAKES)))
            answers = first + rest
            assert [status for status, _ in answers] == [201] * INTAKES
            smtp.sink.wait_for(INTAKES, seconds=60)
        finally:
            doomed.kill()
            survivor.stop()
    references = {body["reference"] for _, body in answers}
    ids = smtp.sink.message_ids()
    acknowledged = {i.split(".", 1)[1].split("@")[0] for i in ids}
    assert acknowledged == references  # none lost
    repeats = {i: n for i, n in Counter(ids).items() if n > 1}
    # A message is repeated only if the kill fell between the SMTP server's "250 OK"
    # and the commit that records it: then the same Message-ID comes again, and a
    # mail store drops it. At most the one message the killed process had in flight.
    assert len(repeats) <= 1 and all(n == 2 for n in repeats.values()), repeats
