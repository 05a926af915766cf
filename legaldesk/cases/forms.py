"""HTML forms for intake and status changes: shape only; the service validates."""

from __future__ import annotations

import uuid

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    EmailField,
    HiddenField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TelField,
    TextAreaField,
)
from wtforms.validators import Length

# Service field names (as in the API body) -> form field names.
FIELD_NAMES = {
    "enterprise.name": "enterprise_name",
    "enterprise.uscc": "uscc",
    "contact.name": "contact_name",
    "contact.phone": "phone",
    "contact.email": "email",
}


def _new_intake_key() -> str:
    return uuid.uuid4().hex


class IntakeForm(FlaskForm):
    # One key per blank form: submitting the same form twice records one case.
    intake_key = HiddenField(default=_new_intake_key, validators=[Length(max=100)])
    uscc = StringField(_l("Unified social credit code"))
    enterprise_name = StringField(_l("Enterprise name"))
    contact_name = StringField(_l("Contact person"))
    phone = TelField(_l("Phone"))
    email = EmailField(_l("E-mail (optional)"))
    language = RadioField(_l("Language of e-mail"), default="zh_CN")
    channel = RadioField(_l("Channel"), default="walk_in")
    category = SelectField(_l("Category"))
    countries = SelectMultipleField(_l("Countries or regions concerned"), validate_choice=False)
    counterparties = TextAreaField(_l("Counterparties (one per line)"))
    summary = StringField(_l("Summary"))
    description = TextAreaField(_l("Description"))
    urgency = RadioField(_l("Urgency"), default="normal")

    def as_intake(self) -> dict:
        """The same body that POST /api/v1/consultations takes."""
        return {
            "enterprise": {"name": self.enterprise_name.data, "uscc": self.uscc.data},
            "contact": {
                "name": self.contact_name.data,
                "phone": self.phone.data,
                "email": self.email.data,
                "language": self.language.data,
            },
            "channel": self.channel.data,
            "category": self.category.data,
            "countries": self.countries.data or [],
            "counterparties": (self.counterparties.data or "").splitlines(),
            "summary": self.summary.data,
            "description": self.description.data,
            "urgency": self.urgency.data,
        }

    def show_errors(self, fields: dict[str, list[str]]) -> None:
        for name, messages in fields.items():
            field = getattr(self, FIELD_NAMES.get(name, name), None)
            if field is not None:
                field.errors = list(field.errors or []) + messages


class TransitionForm(FlaskForm):
    to = StringField()
    note = TextAreaField(_l("Note"))
    closing_code = SelectField(_l("Closing code"), validate_choice=False)
