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
from legaldesk.auth.forms import LoginForm
from legaldesk.clock import utcnow
from legaldesk.db import db
from legaldesk.extensions import limiter
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
    logout_user()
    flash(_("You have logged out."), "info")
    return redirect(url_for("auth.login"))


@bp.post("/lang/<code>")
@public
def set_language(code: str):
    if code in current_app.config["LANGUAGES"]:
        session["lang"] = code
        if current_user.is_authenticated:
            current_user.locale = code
            db.session.commit()
    return redirect(
        _safe_next(request.form.get("next") or request.referrer and urlsplit(request.referrer).path)
    )
