"""What the load needs on a seeded desk: a coordinator's API token, cases with known
access codes (status lookups), fresh cases to route.

Run as ``python -m bench.fixtures COUNT_STATUS COUNT_ROUTE`` with the desk's
LEGALDESK_* environment, after ``flask desk seed``; prints one JSON object. The
cases are taken in through the API (the intake service, the production access-code
hash), as an integrator would; seeded cases have no usable code.
"""

from __future__ import annotations

import json
import sys

from stdnum.cn import uscc as uscc_std

from legaldesk import create_app
from legaldesk.admin.service import create_user
from legaldesk.auth.service import create_token
from legaldesk.clock import utcnow
from legaldesk.db import db

EMAIL = "bench@desk.local"
TRADES = ["物流", "丝绸", "五金", "电子", "食品", "机械"]


def intake_body(number: int) -> dict:
    """A routable intake (export control towards Kazakhstan, as the demo's panel
    covers) from an enterprise of its own."""
    body = f"91330105{900_000_000 + number:09d}"
    trade = TRADES[number % len(TRADES)]
    return {
        "enterprise": {
            "name": f"杭州压测{trade}{number}有限公司",
            "uscc": body + uscc_std.calc_check_digit(body),
        },
        "contact": {"name": "周经理", "phone": f"138{number:08d}"},
        "channel": "phone",
        "category": "export_control",
        "countries": ["KZ"],
        "counterparties": [f"Steppe Trade {number} LLP"],
        "summary": f"出口前的法律风险咨询 {number}",
        "description": "即将出口物流设备，咨询出口管制和制裁风险。",
        "urgency": "normal",
    }


def make(status_cases: int, route_cases: int) -> dict:
    app = create_app()
    with app.app_context():
        create_user(db.session, None, utcnow(), EMAIL, "压测", "coordinator", "bench-password")
        token = create_token(db.session, None, utcnow(), EMAIL, "bench")
        db.session.commit()
    client = app.test_client()
    auth = {"Authorization": f"Bearer {token}"}
    made = []
    for number in range(status_cases + route_cases):
        answer = client.post("/api/v1/consultations", json=intake_body(number), headers=auth)
        if answer.status_code != 201:
            raise SystemExit(f"intake answered {answer.status_code}: {answer.get_data(True)}")
        made.append((answer.json["reference"], answer.json["access_code"]))
    with app.app_context():
        db.engine.dispose()
    return {
        "token": token,
        "status": made[:status_cases],
        "route": [reference for reference, _ in made[status_cases:]],
    }


if __name__ == "__main__":
    print(json.dumps(make(int(sys.argv[1]), int(sys.argv[2]))))
