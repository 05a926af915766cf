"""The draws' public face, no login: each draw's record as JSON and as a printable
witness sheet, and the standalone verifier anyone can run on the JSON (verify.py)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from flask import Blueprint, abort, jsonify, render_template, send_file

from legaldesk.db import db
from legaldesk.extensions import limiter
from legaldesk.publicity import public
from legaldesk.routing import verify
from legaldesk.routing.public_record import public_record
from legaldesk.zone import desk_zone

bp = Blueprint("draws", __name__)
# A witness checks a draw or two; walking the ids to list every routed case is slow.
LOOKUPS = "60 per minute"
VERIFIER = Path(verify.__file__)


def _record(draw_id: int) -> dict:
    record = public_record(db.session, draw_id)
    if record is None:
        abort(404)
    return record


@bp.get("/draws/<id:draw_id>.json")
@public
@limiter.limit(LOOKUPS)
def record_json(draw_id: int):
    answer = jsonify(_record(draw_id))
    answer.headers["Content-Disposition"] = f'inline; filename="draw-{draw_id}.json"'
    return answer


@bp.get("/draws/<id:draw_id>")
@public
@limiter.limit(LOOKUPS)
def witness_sheet(draw_id: int):
    record = _record(draw_id)
    moments = {
        name: datetime.fromisoformat(record[name]) if record[name] else None
        for name in ("committed_at", "drawn_at", "voided_at")
    }
    offset = datetime.now(desk_zone()).utcoffset()
    minutes = int(offset.total_seconds() // 60) if offset else 0
    sign = "+" if minutes >= 0 else "-"
    zone = f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"  # what any reader knows
    return render_template("routing/draw_record.html", record=record, zone=zone, **moments)


@bp.get("/draws/verify.py")
@public
def verifier():
    return send_file(
        VERIFIER, mimetype="text/x-python", as_attachment=True, download_name="verify.py"
    )
