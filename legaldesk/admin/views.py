"""/admin/users: the admins' list of accounts, a new account with its one-time link,
and one account's page (role, access, password link, sessions and tokens)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from legaldesk.admin import access, handover, resets, service
from legaldesk.admin.forms import AccountForm, NewAccountForm
from legaldesk.admin.rules import USERS_PER_PAGE, UserFilters
from legaldesk.auth import sessions as login_sessions
from legaldesk.auth.models import User
from legaldesk.auth.rules import ROLES, may_administer_users
from legaldesk.clock import utcnow
from legaldesk.db import db
from legaldesk.errors import DeskError
from legaldesk.flashing import attempt
from legaldesk.messages import render
from legaldesk.validation import whole_from_form

bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.before_request
def admins_only():
    if current_user.is_authenticated and not may_administer_users(current_user):
        abort(403)


def _filters() -> UserFilters:
    """The list's filters from the address; anything odd is simply no filter."""
    active = {"1": True, "0": False}.get(request.args.get("active", ""))
    role = request.args.get("role") if request.args.get("role") in ROLES else None
    page = min(whole_from_form(request.args.get("page")) or 1, 100_000)
    return UserFilters((request.args.get("q") or "").strip()[:100], role, active, page)


@bp.get("/users")
def users():
    filters = _filters()
    rows, total, seen = service.list_users(db.session, current_user, filters)
    args = {k: v for k, v in request.args.items() if k != "page" and v}
    return render_template(
        "admin/users.html",
        users=rows,
        total=total,
        seen=seen,
        filters=filters,
        chosen_role=filters.role,
        roles=ROLES,
        pages=max(1, -(-total // USERS_PER_PAGE)),
        args=args,
    )


def _lawyer_label(lawyer: service.LawyerChoice) -> str:
    """周律师（金杜律师事务所）, 孙专家（专家团）, and "— 已有账户" after a lawyer whose
    queue another account sees already."""
    group = lawyer.firm or (_("Expert panel") if lawyer.panel else None)
    label = _("%(name)s (%(group)s)", name=lawyer.name, group=group) if group else lawyer.name
    return _("%(lawyer)s — has an account", lawyer=label) if lawyer.has_account else label


def _with_choices(
    form: AccountForm, user_id: int | None = None
) -> tuple[AccountForm, list[tuple[str, str]]]:
    lawyers, enterprises = service.link_choices(db.session, user_id)
    form.lawyer_id.choices = [("", "—")] + [(str(c.id), _lawyer_label(c)) for c in lawyers]
    return form, enterprises


def _account_fields(form: AccountForm) -> dict[str, Any]:
    role = form.account_role.data
    return {
        "name": form.name.data or "",
        "role": role,
        "lawyer_id": whole_from_form(form.lawyer_id.data) if role == "lawyer" else None,
        "enterprise_uscc": service.enterprise_code(db.session, form.enterprise_uscc.data)
        if role == "enterprise"
        else None,
    }


# The service's field names that the form spells otherwise.
_FORM_FIELDS = {"role": "account_role"}


def _show_errors(form: AccountForm, error: DeskError) -> None:
    """The error at the fields it names (a refusal naming none is raised on)."""
    if not error.fields:
        raise error
    for name, messages in error.fields.items():
        target = getattr(form, _FORM_FIELDS.get(name, name), None) or form.name
        target.errors = list(target.errors) + [render(m) for m in messages]


@bp.route("/users/new", methods=["GET", "POST"])
def new_user():
    form, enterprises = _with_choices(NewAccountForm())
    if form.validate_on_submit():
        fields = _account_fields(form)
        now = utcnow()
        try:
            user = service.create_user(
                db.session,
                current_user,
                now,
                form.email.data,
                fields["name"],
                fields["role"],
                None,
                fields["lawyer_id"],
                fields["enterprise_uscc"],
            )
            token = resets.issue_link(db.session, current_user, now, user)
        except DeskError as error:  # a field's error, or the address has an account
            db.session.rollback()
            _show_errors(form, error)
        else:
            db.session.commit()
            return _link_page(user, token, now, new=True)
    status = 422 if form.errors else 200
    return render_template("admin/new_user.html", form=form, enterprises=enterprises), status


def _link_page(user: User, token: str, now, new: bool):
    """The link, shown this once (never flashed: it would sit in the cookie), and
    whether the mail with it went out."""
    mailed = handover.mail_link(user, token, now, new)
    return render_template(
        "admin/link.html",
        user=user,
        link=handover.link_address(token),
        mailed=mailed,
        new=new,
    )


def _user_or_404(user_id: int) -> User:
    user = db.session.get(User, user_id)
    if user is None:
        abort(404)
    return user


@bp.route("/users/<id:user_id>", methods=["GET", "POST"])
def user_page(user_id: int):
    user = _user_or_404(user_id)
    form, enterprises = _with_choices(AccountForm(obj=user), user.id)
    if request.method == "GET":
        form.account_role.data = user.role
        form.lawyer_id.data = str(user.lawyer_id or "")
        form.enterprise_uscc.data = user.enterprise.uscc if user.enterprise else ""
    elif form.validate_on_submit():
        try:
            service.change_user(db.session, current_user, utcnow(), user, _account_fields(form))
        except DeskError as error:  # a field's error; the admin's own role, the last admin's
            db.session.rollback()
            _show_errors(form, error)
        else:
            db.session.commit()
            flash(_("Saved."), "success")
            return redirect(url_for(".user_page", user_id=user.id))
        user = _user_or_404(user_id)
    tokens = access.tokens_of(db.session, current_user, user)
    sessions = login_sessions.open_sessions(db.session, user)
    return render_template(
        "admin/user.html",
        user=user,
        form=form,
        enterprises=enterprises,
        tokens=tokens,
        sessions=sessions,
        may_deactivate=service.may_deactivate(db.session, current_user, user),
    ), (422 if form.errors else 200)


def _back(user_id: int):
    return redirect(url_for(".user_page", user_id=user_id))


@bp.post("/users/<id:user_id>/active")
def set_active(user_id: int):
    """Deactivate (every session and token ends at once) or let the account in again."""
    user = _user_or_404(user_id)
    active = request.form.get("active") == "1"
    attempt(
        lambda: service.change_user(db.session, current_user, utcnow(), user, {"active": active}),
        _("The account was not changed:"),
        _("The account can log in again.") if active else _("The account is deactivated."),
    )
    return _back(user_id)


@bp.post("/users/<id:user_id>/password-link")
def password_link(user_id: int):
    user = _user_or_404(user_id)
    now = utcnow()
    token = attempt(
        lambda: resets.issue_link(db.session, current_user, now, user),
        _("No link was made:"),
    )
    if token is None:  # a deactivated account
        return _back(user_id)
    return _link_page(user, token, now, new=False)


@bp.post("/users/<id:user_id>/logout")
def logout_everywhere(user_id: int):
    user = _user_or_404(user_id)
    ended = attempt(
        lambda: login_sessions.end_all(db.session, current_user, utcnow(), user),
        _("The sessions were not ended:"),
    )
    if ended is not None:
        flash(_("%(count)d sessions ended.", count=ended), "success")
    return _back(user_id)


@bp.post("/users/<id:user_id>/tokens/revoke")
def revoke_tokens(user_id: int):
    """The token named by ``token_id``, or all the account's tokens with ``all=1``;
    anything else revokes nothing."""
    user = _user_or_404(user_id)
    every = request.form.get("all") == "1"
    token_id = None if every else whole_from_form(request.form.get("token_id"))
    if not every and token_id is None:
        flash(_("Choose a token to revoke."), "error")
        return _back(user_id)
    attempt(
        lambda: access.revoke(db.session, current_user, utcnow(), user, token_id),
        _("The tokens were not revoked:"),
        _("Revoked."),
    )
    return _back(user_id)
