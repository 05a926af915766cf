"""/set-password?token=…: the page a one-time link opens, public and rate limited.

The token rides in the query string, which the access log never records (it logs
the path alone, scripts/gunicorn.conf.py), and leaves the address at once: the
first request keeps it in the signed session cookie and redirects to /set-password,
so it is in no browser history entry and, with Referrer-Policy no-referrer, no
Referer header. (The path form /set-password/<token> is gone: a path is logged.)"""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _

from legaldesk.admin import labels, resets
from legaldesk.admin.forms import SetPasswordForm
from legaldesk.admin.rules import PASSWORD_MIN_LENGTH
from legaldesk.clock import utcnow
from legaldesk.db import db
from legaldesk.errors import ValidationFailed
from legaldesk.extensions import limiter
from legaldesk.messages import N_, Msg, render
from legaldesk.publicity import public

bp = Blueprint("passwords", __name__)

# Per address: plenty for a person, too few to try links.
LINK_ATTEMPTS = "10 per minute"
_KEY = "password_link"


@bp.after_request
def no_referrer(response):
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


def _problem(state: str):
    message = render(Msg(labels.LINK_PROBLEMS.get(state, labels.LINK_PROBLEMS["unknown"])))
    gone = state in ("expired", "used", "deactivated")
    return render_template("admin/link_problem.html", message=message), 410 if gone else 404


def _just_looking() -> bool:
    """The page itself, after the redirect: not a try of a link."""
    return request.method == "GET" and "token" not in request.args


@bp.route("/set-password", methods=["GET", "POST"])
@public
@limiter.limit(LINK_ATTEMPTS, exempt_when=_just_looking)
def set_password():
    if request.method == "GET" and "token" in request.args:
        session[_KEY] = request.args["token"][:100]
        return redirect(url_for(".set_password"), 303)
    token = session.get(_KEY) or ""
    state, user = resets.link_state(db.session, utcnow(), token)
    if state != "valid" or user is None:
        return _problem(state)
    form = SetPasswordForm()
    if form.validate_on_submit():
        try:
            resets.use_link(db.session, utcnow(), token, form.password.data, form.confirm.data)
        except resets.LinkNotUsable as error:
            db.session.rollback()
            return _problem(error.state)
        except ValidationFailed as error:
            db.session.rollback()
            for name, messages in error.fields.items():
                getattr(form, name).errors = [render(m) for m in messages]
        else:
            db.session.commit()
            session.pop(_KEY, None)
            flash(_("Your password is set. Log in with it."), "success")
            return redirect(url_for("auth.login"))
    hint = render(Msg(N_("At least %(min)d characters."), {"min": PASSWORD_MIN_LENGTH}))
    return render_template("admin/set_password.html", form=form, user=user, hint=hint), (
        422 if form.errors else 200
    )
