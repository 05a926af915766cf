"""Set-ups shared by several test modules (kept out of conftest for clarity)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from legaldesk.db import db


def at_once(fn: Callable[[], Any], times: int = 2) -> list[Any]:
    """Run ``fn`` in ``times`` threads released together; answers their results."""
    start = threading.Barrier(times)
    results: list[Any] = []

    def run() -> None:
        start.wait()
        results.append(fn())

    threads = [threading.Thread(target=run) for _ in range(times)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def mediation_in_progress(coordinator_id: int, case_id: int, mediator_id: int, now: Any):
    """A mediation moved by the real services to "in_mediation" (in an app context)."""
    from legaldesk.auth.models import User
    from legaldesk.cases.models import Consultation
    from legaldesk.mediation import cases

    actor = db.session.get(User, coordinator_id)
    mediation = cases.open_mediation(
        db.session,
        actor,
        now,
        db.session.get(Consultation, case_id),
        {"respondent_name": "Steppe Trade LLP"},
        {},
    )
    cases.act(db.session, actor, now, mediation, "consented", None, "", {})
    mediation.mediator_id = mediator_id
    cases.move(db.session, actor, now, mediation, "in_mediation")
    return mediation
