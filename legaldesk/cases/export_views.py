"""GET /cases/export.xlsx and /cases/export.csv: the case list with its current
filters (the same query string as /cases) as a spreadsheet (cases/export.py).

The build reads outside SQLite's write lock (``long_reads``), so writers never wait
on an export; the audit entry is then written in a short transaction of its own.
Each user may start a few exports a minute (both formats counted together), so
nobody can queue dozens of them on the workers."""

from __future__ import annotations

import math
import time

from flask import Blueprint, Response, current_app, request
from flask_login import current_user
from limits import parse

from legaldesk import exports
from legaldesk.cases.export import Reader, TooManyExports, case_export, record_export
from legaldesk.cases.forms import filters_from_args
from legaldesk.clock import local_date, utcnow
from legaldesk.db import db
from legaldesk.extensions import limiter
from legaldesk.long_reads import outside_the_write_lock
from legaldesk.zone import desk_zone

bp = Blueprint("case_exports", __name__)

FORMATS = {
    "xlsx": (exports.to_xlsx, exports.XLSX_TYPE),
    "csv": (exports.to_csv, exports.CSV_TYPE),
}

EXPORTS_PER_USER = parse("10 per minute")


def _count_export(user_id: int | None) -> None:
    """One more export by this user this minute, or TooManyExports. Counted in the
    limiter's storage (every worker sees it) on a connection of its own, so only
    after the request's transaction has ended (on SQLite it holds the write lock)."""
    if not current_app.config["RATELIMIT_ENABLED"]:
        return
    key = EXPORTS_PER_USER.key_for("case-export", str(user_id))
    if limiter.storage.incr(key, EXPORTS_PER_USER.get_expiry()) > EXPORTS_PER_USER.amount:
        raise TooManyExports(max(1, math.ceil(limiter.storage.get_expiry(key) - time.time())))


def _export(kind: str) -> Response:
    write, mimetype = FORMATS[kind]
    now, zone = utcnow(), desk_zone()
    filters = filters_from_args(request.args, current_app.config["PER_PAGE"], zone)
    actor = Reader.of(current_user)
    with outside_the_write_lock() as reader:
        _count_export(actor.id)
        made = case_export(reader, actor, now, filters, zone=zone)
    data = write([made.table])
    record_export(db.session, current_user, now, filters, made, kind)
    db.session.commit()  # the export is in the audit log
    response = exports.download(data, f"cases-{local_date(now, zone).isoformat()}.{kind}", mimetype)
    response.headers["X-Export-Rows"] = str(made.rows)
    if made.truncated:
        response.headers["X-Export-Truncated"] = "true"
    return response


@bp.get("/cases/export.xlsx")
def export_xlsx():
    return _export("xlsx")


@bp.get("/cases/export.csv")
def export_csv():
    return _export("csv")
