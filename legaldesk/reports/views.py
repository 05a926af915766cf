"""Pages: the report of a period (/reports) for coordinators and admins, and its
tables as XLSX and CSV (audited: what left the desk, in which format, for when)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, render_template, request, url_for
from flask_login import current_user

from legaldesk import exports
from legaldesk.audit import service as audit
from legaldesk.auth import rules as permissions
from legaldesk.clock import utcnow
from legaldesk.db import db
from legaldesk.errors import ValidationFailed
from legaldesk.export_limit import count_export
from legaldesk.messages import render
from legaldesk.reports import present, reading, rules
from legaldesk.zone import desk_today, desk_zone

bp = Blueprint("reports", __name__)

FORMATS = {"xlsx": (exports.to_xlsx, exports.XLSX_TYPE), "csv": (exports.to_csv, exports.CSV_TYPE)}


def _report(period: rules.Period) -> list[present.Section]:
    figures, categories = reading.figures(
        current_user, utcnow(), period.start, period.end, desk_zone()
    )
    links = present.case_links(period.start.isoformat(), period.end.isoformat())
    return present.sections(figures, categories, links)


def _period_link(period: rules.Period | None) -> str | None:
    if period is None:
        return None
    return url_for(".report", kind=period.kind, on=period.start.isoformat()[:7])


@bp.get("/reports")
def report():
    if not permissions.may_read_reports(current_user):
        abort(403)
    today = desk_today()
    try:
        period = rules.pick(request.args, today)
    except ValidationFailed as failed:
        # The picker as typed, the error at its field, and no figures: another
        # period's figures under the error would pass for the ones asked for.
        errors = {name: [render(m) for m in messages] for name, messages in failed.fields.items()}
        return render_template(
            "reports/report.html",
            period=None,
            picked=rules.picked(request.args),
            errors=errors,
            kinds=rules.PERIOD_KINDS,
            printed=today,
        ), 422  # as every form refused at a field
    span: dict[str, Any] = {"from": period.start.isoformat(), "to": period.end.isoformat()}
    return render_template(
        "reports/report.html",
        period=period,
        picked={"kind": period.kind, "on": span["from"][:7], **span},
        label=present.period_label(period),
        sections=_report(period),
        errors={},
        kinds=rules.PERIOD_KINDS,
        earlier=_period_link(rules.shifted(period, -1)),
        later=_period_link(rules.shifted(period, 1)),
        printed=today,
        span=span,
    )


@bp.get("/reports/export.<fmt>")
def export(fmt: str):
    if fmt not in FORMATS:
        abort(404)
    if not permissions.may_read_reports(current_user):
        abort(403)
    period = rules.pick(request.args, desk_today())
    user_id = current_user.id
    db.session.commit()  # the export counter writes on its own connection (export_limit)
    count_export(user_id)
    write, mimetype = FORMATS[fmt]
    data = write([section.table() for section in _report(period)])  # read without the lock
    start, end = period.start.isoformat(), period.end.isoformat()
    audit.record(
        db.session,
        current_user,
        utcnow(),
        "report.export",
        "report",
        f"{start}/{end}",
        {"format": fmt, "from": start, "to": end},
    )
    db.session.commit()  # the audit entry alone: a short write transaction
    return exports.download(data, f"legaldesk-report-{start}-{end}.{fmt}", mimetype)
