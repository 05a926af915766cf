"""GET /cases/export.xlsx and /cases/export.csv: the case list with its current
filters (the same query string as /cases) as a spreadsheet (cases/export.py)."""

from __future__ import annotations

from flask import Blueprint, Response, current_app, request
from flask_login import current_user

from legaldesk import exports
from legaldesk.cases.export import case_export
from legaldesk.cases.forms import filters_from_args
from legaldesk.clock import local_date, utcnow
from legaldesk.db import db
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
    made = case_export(db.session, current_user, now, filters, zone=zone, kind=kind)
    data = write([made.table])
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
