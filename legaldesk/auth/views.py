"""Log in, log out, and the language switch."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import (
    Blueprint,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from legaldesk.auth import service
from legaldesk.auth import sessions as login_sessions
from legaldesk.auth.devices import device_label
from legaldesk.auth.forms import LoginForm
from legaldesk.clock import utcnow
from legaldesk.db import db
from legaldesk.extensions import limiter
from legaldesk.i18n import without_access_code
from legaldesk.messages import render
from legaldesk.publicity import for_enterprises, public

bp = Blueprint("auth", __name__)

# Per address: enough for typing mistakes, too few for guessing passwords.
LOGIN_ATTEMPTS = "10 per minute"


def _safe_next(target: str | None) -> str:
    """Only same-site paths; anything else goes to the desk."""
    if (
        target
        and target.startswith("/")
        and not target.startswith("//")
        and not urlsplit(target).netloc
    ):
        return target
    return url_for("desk.home")


@bp.route("/login", methods=["GET", "POST"])
@public
@limiter.limit(LOGIN_ATTEMPTS, methods=["POST"])
def login():
    form = LoginForm()
    if form.validate_on_submit():
        user = service.authenticate(db.session, utcnow(), form.email.data, form.password.data)
        if user is not None:
            _begin_session(user)
        db.session.commit()
        if user is not None:
            login_user(user)
            if user.locale:
                session["lang"] = user.locale
            return redirect(_safe_next(request.args.get("next")))
        form.password.errors.append(_("Wrong e-mail address or password."))
    return render_template("auth/login.html", form=form), (422 if form.errors else 200)


@bp.post("/logout")
@login_required
@for_enterprises
def logout():
    login_sessions.end(db.session, current_user, utcnow())
    db.session.commit()
    _clear_session()
    flash(_("You have logged out."), "info")
    return redirect(url_for("auth.login"))


@bp.route("/logout/everywhere", methods=["GET", "POST"])
@login_required
@for_enterprises
def logout_everywhere():
    """GET asks first (listing the open sessions); POST ends them all, this one too."""
    if request.method == "GET":
        rows = [
            (row, current, render(device_label(row.user_agent)))
            for row, current in login_sessions.open_sessions(db.session, current_user)
        ]
        return render_template("auth/logout_everywhere.html", sessions=rows)
    login_sessions.end_all(db.session, current_user, utcnow(), current_user)
    db.session.commit()
    _clear_session()
    flash(_("You have logged out on every device."), "info")
    return redirect(url_for("auth.login"))


def note_signed_out_elsewhere() -> None:
    """A browser whose session was ended from another device (or by an admin) is told
    so once, on its way to the login page; the ended key leaves its cookie. When the
    account was deactivated, it is told that instead: logging in again would fail."""
    key = session.get("_user_id")
    user = login_sessions.ended_for(db.session, key) if key is not None else None
    if user is not None:
        session.pop("_user_id", None)
        session.pop("_fresh", None)
        if user.active:
            flash(_("You were signed out from another device."), "info")
        else:
            flash(_("Your account has been deactivated. Please contact an administrator."), "info")


def _begin_session(user) -> None:
    """A fresh cookie and a new server-side session for each login (no session
    fixation); a session this browser still had is ended first."""
    if current_user.is_authenticated:
        login_sessions.end(db.session, current_user, utcnow())
    _clear_session()
    login_sessions.start(
        db.session, user, utcnow(), request.user_agent.string, request.remote_addr or ""
    )


def _clear_session() -> None:
    """Forget the login and everything else in the cookie, but keep the language."""
    language = session.get("lang")
    logout_user()
    session.clear()
    if language:
        session["lang"] = language


@bp.post("/lang/<code>")
@public
def set_language(code: str):
    if code in current_app.config["LANGUAGES"]:
        session["lang"] = code
        if current_user.is_authenticated:
            current_user.locale = code
            db.session.commit()
    back = request.form.get("next") or request.referrer and urlsplit(request.referrer).path
    return redirect(without_access_code(_safe_next(back)))
