"""The account forms and the set-password form: shape only. The lawyer choices are
the directory's, filled in by the view; the service checks every link."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, Length

from legaldesk.admin.labels import ROLE_LABELS
from legaldesk.admin.rules import NAME_MAX, PASSWORD_MAX_LENGTH


def role_choices() -> list[tuple[str, object]]:
    return [(role, _l(label)) for role, label in ROLE_LABELS.items()]


class AccountForm(FlaskForm):
    """Name, role and the role's link (a changed account keeps its e-mail)."""

    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=NAME_MAX)])
    account_role = SelectField(_l("Role"), choices=role_choices)
    lawyer_id = SelectField(_l("Lawyer of the directory"), choices=[], validate_choice=False)
    enterprise_uscc = StringField(
        _l("Enterprise (credit code or name)"), validators=[Length(max=200)]
    )


class NewAccountForm(AccountForm):
    email = EmailField(_l("E-mail"), validators=[DataRequired(), Length(max=254)])


class SetPasswordForm(FlaskForm):
    password = PasswordField(
        _l("New password"), validators=[DataRequired(), Length(max=PASSWORD_MAX_LENGTH)]
    )
    confirm = PasswordField(
        _l("New password again"), validators=[DataRequired(), Length(max=PASSWORD_MAX_LENGTH)]
    )
