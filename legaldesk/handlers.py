"""One error handler per surface: JSON under /api/, a page everywhere else."""

from __future__ import annotations

import logging
from urllib.parse import urlsplit

from flask import Flask, current_app, flash, jsonify, redirect, render_template, request, url_for
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from legaldesk.db import db
from legaldesk.errors import DeskError
from legaldesk.messages import N_, Msg, render

log = logging.getLogger(__name__)

HTTP_CODES = {
    400: "malformed",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "too_large",
    415: "unsupported_media_type",
    422: "invalid",
    429: "rate_limited",
}
HTTP_MESSAGES = {
    400: N_("The request could not be understood."),
    401: N_("Log in or give a valid API token."),
    403: N_("Your role may not do this."),
    404: N_("Not found."),
    405: N_("This method is not allowed here."),
    413: N_("The request is too large."),
    429: N_("Too many requests. Please wait a moment and try again."),
    500: N_("Something went wrong on our side. Nothing was saved."),
}


def error_body(code: str, message: str, fields: dict[str, list[str]] | None = None) -> dict:
    return {"error": {"code": code, "message": message, "fields": fields or {}}}


def _wants_json() -> bool:
    return request.path.startswith("/api/")


def _desk_error(error: DeskError):
    db.session.rollback()
    message = render(error.message)
    wait = getattr(error, "retry_after", None)
    headers = {"Retry-After": str(wait)} if wait else {}
    if _wants_json():
        fields = {name: [render(m) for m in msgs] for name, msgs in error.fields.items()}
        return jsonify(error_body(error.code, message, fields)), error.status, headers
    for msgs in error.fields.values():
        for m in msgs:
            message += " " + render(m)
    page = render_template("errors/error.html", status=error.status, message=message)
    return page, error.status, headers


def _http_error(error: HTTPException):
    status = error.code or 500
    message = render(Msg(HTTP_MESSAGES.get(status, N_("The request could not be processed."))))
    if _wants_json():
        response = jsonify(error_body(HTTP_CODES.get(status, "error"), message))
        response.status_code = status
        valid_methods = getattr(error, "valid_methods", None)
        if valid_methods:
            response.headers["Allow"] = ", ".join(valid_methods)
        return response
    return render_template("errors/error.html", status=status, message=message), status


def _shows_a_page(path: str) -> bool:
    """Whether a GET of ``path`` reaches a view (a POST-only address answers 405)."""
    adapter = current_app.url_map.bind(request.host, script_name=request.script_root or None)
    try:
        adapter.match(path, method="GET")
    except HTTPException:  # 404, 405, and a redirect to a slash-ended path alike
        return False
    return True


def _page_of_the_form() -> str:
    """Where a refused form came from: the Referer when it is a page of this site,
    else the form's own address if it is a page (``/login``, ``/cases/x/correct``),
    else its case's page, else home. Never a POST-only address (a 405 page)."""
    referrer = urlsplit(request.referrer or "")
    if (
        referrer.scheme in ("http", "https")
        and referrer.netloc == request.host
        and _shows_a_page(referrer.path)
    ):
        return referrer.path + (f"?{referrer.query}" if referrer.query else "")
    if _shows_a_page(request.path):
        return request.full_path if request.query_string else request.path
    reference = (request.view_args or {}).get("reference")
    if isinstance(reference, str):
        if request.blueprint == "account":  # an enterprise's form on /my
            return url_for("account.my_case", reference=reference)
        return url_for("cases.case_page", reference=reference)
    return url_for("desk.home")


def _csrf_error(error: CSRFError):
    """An expired form: back to the page it was on, with the flash."""
    flash(render(Msg(N_("The form had expired. Please submit it again."))), "error")
    return redirect(_page_of_the_form())


def _unexpected(error: Exception):
    log.exception("unhandled error on %s %s", request.method, request.path)
    db.session.rollback()
    message = render(Msg(HTTP_MESSAGES[500]))
    if _wants_json():
        return jsonify(error_body("internal", message)), 500
    return render_template("errors/error.html", status=500, message=message), 500


def register(app: Flask) -> None:
    app.register_error_handler(DeskError, _desk_error)
    app.register_error_handler(CSRFError, _csrf_error)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(Exception, _unexpected)
