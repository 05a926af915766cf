"""GET /cases/export.xlsx and /cases/export.csv: the case list with its current
filters (the same query string as /cases) as a spreadsheet (cases/export.py).

The build reads outside SQLite's write lock (``long_reads``), so writers never wait
on an export; the audit entry is then written in a short transaction of its own.
Each user may start a few exports a minute (``export_limit``: case lists and
reports counted together), so nobody can queue dozens of them on the workers."""

from __future__ import annotations

from flask import Blueprint, Response, current_app, request
from flask_login import current_user

from legaldesk import exports
from legaldesk.cases.export import case_export, record_export
from legaldesk.cases.forms import filters_from_args
from legaldesk.clock import local_date, utcnow
from legaldesk.db import db
from legaldesk.export_limit import count_export
from legaldesk.long_reads import Detached, outside_the_write_lock
from legaldesk.zone import desk_zone

bp = Blueprint("case_exports", __name__)

FORMATS = {
    "xlsx": (exports.to_xlsx, exports.XLSX_TYPE),
    "csv": (exports.to_csv, exports.CSV_TYPE),
}


def _export(kind: str) -> Response:
    write, mimetype = FORMATS[kind]
    now, zone = utcnow(), desk_zone()
    filters = filters_from_args(request.args, current_app.config["PER_PAGE"], zone)
    actor = Detached.of(current_user)
    with outside_the_write_lock() as reader:
        count_export(actor.id)
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
