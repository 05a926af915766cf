"""HTML forms for intake and status changes, and the case list's query arguments:
shape only; the service validates."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import date, datetime, time, timedelta, tzinfo
from typing import Any, TypeVar

from flask_babel import gettext as _
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

from legaldesk.cases.duplicate_rules import confirmed_references
from legaldesk.cases.labels import urgency_label
from legaldesk.cases.list_options import FIGURES, SORTS
from legaldesk.cases.listing import CaseFilters
from legaldesk.cases.region_rules import REGION_CHOICES
from legaldesk.cases.rules import NEEDED_LANGUAGES, STATUSES, URGENCIES
from legaldesk.countries import GROUP_LABELS, country_groups
from legaldesk.errors import FieldErrors
from legaldesk.i18n import data_label, language_name, locale_name
from legaldesk.messages import N_, Msg
from legaldesk.validation import calendar_day

F = TypeVar("F", bound="CaseFactsForm")
EARLIEST_DAY = date(1900, 1, 1)
LATEST_DAY = date(9998, 12, 31)

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


class CaseFactsForm(FlaskForm):
    """The facts an intake records and a correction changes, with one way to show the
    service's field errors."""

    contact_name = StringField(_l("Contact person"))
    phone = TelField(_l("Phone"))
    email = EmailField(_l("E-mail (optional)"))
    category = SelectField(_l("Category"))
    countries = SelectMultipleField(_l("Countries or regions concerned"), validate_choice=False)
    counterparties = TextAreaField(_l("Counterparties (one per line)"))
    summary = StringField(_l("Summary"))
    description = TextAreaField(_l("Description"))
    urgency = RadioField(_l("Urgency"), default="normal")
    language_needed = SelectField(_l("Language the lawyer must speak"), default="")

    def facts(self) -> dict:
        """The case's facts as the API body names them."""
        return {
            "contact": {
                "name": self.contact_name.data,
                "phone": self.phone.data,
                "email": self.email.data,
            },
            "category": self.category.data,
            "countries": self.countries.data or [],
            "counterparties": (self.counterparties.data or "").splitlines(),
            "summary": self.summary.data,
            "description": self.description.data,
            "urgency": self.urgency.data,
            "language_needed": self.language_needed.data or None,
        }

    def show_errors(self, fields: dict[str, list[str]]) -> None:
        for name, messages in fields.items():
            field = getattr(self, FIELD_NAMES.get(name, name), None)
            if field is not None:
                field.errors = list(field.errors or []) + messages


def with_choices(form: F, categories: list[Any]) -> F:
    """The facts' choices in the reader's language. The category starts empty ("please
    choose"): a preselected one would be recorded by whoever did not look."""
    form.urgency.choices = [(u, urgency_label(u)) for u in URGENCIES]
    form.language_needed.choices = [("", _("Chinese will do"))] + [
        (code, language_name(code)) for code in NEEDED_LANGUAGES
    ]
    form.category.choices = [("", _("— choose —"))] + [(c.code, data_label(c)) for c in categories]
    form.countries.choices = grouped_countries()
    return form


def grouped_countries() -> dict[str, list[tuple[str, str]]]:
    """The picker's choices as option groups: China, then 港澳台地区, then the other
    countries (Hong Kong, Macao and Taiwan are never sorted among countries)."""
    return {_(GROUP_LABELS[key]): choices for key, choices in country_groups(locale_name())}


def page_intake_options(config: Mapping[str, Any], form: Any, key: str | None) -> dict[str, Any]:
    """How an intake page (the front desk's, the enterprise's) asks record_intake to
    save: with the form's one-time ``key``, and stopping at a likely duplicate unless
    the person saw those cases and pressed "Record it anyway"."""
    return {
        "idempotency_key": key,
        "duplicates_within_days": config["DUPLICATE_WINDOW_DAYS"],
        "confirmed_duplicates": confirmed_references(" ".join(form.getlist("record_anyway"))),
    }


class IntakeForm(CaseFactsForm):
    # One key per blank form: submitting the same form twice records one case.
    intake_key = HiddenField(default=_new_intake_key, validators=[Length(max=100)])
    uscc = StringField(_l("Unified social credit code"))
    enterprise_name = StringField(_l("Enterprise name"))
    language = RadioField(_l("Language of e-mail"), default="zh_CN")
    # No default: a channel ticked in advance is recorded by whoever did not look
    # (reports count by channel); the service says at the field when none is chosen.
    channel = RadioField(_l("Channel"), validate_choice=False)

    def as_intake(self) -> dict:
        """The same body that POST /api/v1/consultations takes."""
        body = self.facts()
        body["contact"]["language"] = self.language.data
        return body | {
            "enterprise": {"name": self.enterprise_name.data, "uscc": self.uscc.data},
            "channel": self.channel.data,
        }


class CorrectionForm(CaseFactsForm):
    """Correcting a case: the same facts, prefilled from the case; the body of
    PATCH /api/v1/consultations/{reference}."""


# What the enterprise sees of the advice: the form's choice -> the API's "shared".
ADVICE_SHARING = {"full": True, "given_only": False}


class AdviceForm(FlaskForm):
    """Giving the advice on the case page: the body of a transition to "advised"
    (``{"opinion", "shared"}``). A file input (the advice letter) joins through the
    ``advice_form_fields`` slot, so the form posts multipart."""

    opinion = TextAreaField(_l("Written opinion"))
    shared = RadioField(
        _l("What the enterprise sees"),
        choices=[
            ("full", _l("The full written opinion")),
            ("given_only", _l("Only that advice was given, and on which day")),
        ],
        validate_choice=False,
    )

    def advice(self) -> dict:
        # an unchosen option is None, which the rule refuses with its field error
        return {"opinion": self.opinion.data, "shared": ADVICE_SHARING.get(self.shared.data or "")}

    def show_errors(self, fields: dict[str, list[str]]) -> None:
        for name, messages in fields.items():
            field = getattr(self, name.removeprefix("advice."), None)
            if field is not None:
                field.errors = list(field.errors or []) + messages


class TransitionForm(FlaskForm):
    to = StringField()
    note = TextAreaField(_l("Note"))
    closing_code = SelectField(_l("Closing code"), validate_choice=False)


def _int_arg(
    args: Mapping[str, str], errors: FieldErrors, name: str, default: int, low: int, high: int
) -> int:
    raw = args.get(name)
    if raw in (None, ""):
        return default
    if not (raw.isascii() and raw.isdigit()):  # int() also takes "3_0", "３", " +3"
        errors.add(name, Msg(N_("Enter a whole number.")))
        return default
    value = int(raw)
    if not low <= value <= high:
        errors.add(
            name, Msg(N_("Enter a number from %(low)d to %(high)d."), {"low": low, "high": high})
        )
    return value


def _day_arg(args: Mapping[str, str], errors: FieldErrors, name: str) -> date | None:
    raw = args.get(name)
    if not raw:
        return None
    try:
        day = calendar_day(raw)
    except ValueError:
        errors.add(name, Msg(N_("Enter a date as YYYY-MM-DD.")))
        return None
    if not EARLIEST_DAY <= day <= LATEST_DAY:  # beyond these, time-zone arithmetic overflows
        errors.add(
            name,
            Msg(
                N_("Enter a date between %(low)s and %(high)s."),
                {"low": EARLIEST_DAY.isoformat(), "high": LATEST_DAY.isoformat()},
            ),
        )
        return None
    return day


def _date_arg(
    args: Mapping[str, str], errors: FieldErrors, name: str, day_after: bool, zone: tzinfo
) -> datetime | None:
    """A date in the desk's zone as the start (or the end, exclusive) of that day."""
    day = _day_arg(args, errors, name)
    if day is None:
        return None
    if day_after:
        day += timedelta(days=1)
    return datetime.combine(day, time(), zone)


def _region_arg(args: Mapping[str, str], errors: FieldErrors) -> str | None:
    region = args.get("region") or None
    if region is not None and region not in REGION_CHOICES:
        errors.add("region", Msg(N_("Choose foreign-related or Hong Kong, Macao and Taiwan.")))
        return None
    return region


def _choice_arg(
    args: Mapping[str, str], errors: FieldErrors, name: str, choices: tuple[str, ...]
) -> str | None:
    raw = args.get(name) or None
    if raw is not None and raw not in choices:
        errors.add(name, Msg(N_("Choose one of: %(choices)s."), {"choices": ", ".join(choices)}))
        return None
    return raw


def _flag_arg(args: Mapping[str, str], errors: FieldErrors, name: str) -> bool:
    raw = args.get(name) or "0"
    if raw not in ("0", "1"):
        errors.add(name, Msg(N_("Choose one of: %(choices)s."), {"choices": "0, 1"}))
    return raw == "1"


def _figure_args(
    args: Mapping[str, str], errors: FieldErrors
) -> tuple[str | None, date | None, date | None]:
    """The report's figure (``figure``) and the period it counts by its own date
    (``figure_from``, ``figure_to``, both needed): never the days received."""
    figure = _choice_arg(args, errors, "figure", FIGURES)
    first, last = _day_arg(args, errors, "figure_from"), _day_arg(args, errors, "figure_to")
    if args.get("figure") and not (args.get("figure_from") and args.get("figure_to")):
        for name in ("figure_from", "figure_to"):
            if not args.get(name):
                errors.add(name, Msg(N_("Enter the first and last day of the figure's period.")))
    elif not args.get("figure") and (args.get("figure_from") or args.get("figure_to")):
        errors.add("figure", Msg(N_("Choose the figure this period is for.")))
    elif first and last and last < first:
        errors.add("figure_to", Msg(N_("The last day is before the first.")))
    return figure, first, last


def filters_from_args(args: Mapping[str, str], per_page: int, zone: tzinfo) -> CaseFilters:
    """The list's filters from a query string, shared by the case list page and
    GET /consultations; ``per_page`` is the default page size, ``zone`` the desk's
    (dates are its days). Raises ValidationFailed with every bad field at once."""
    errors = FieldErrors()
    status = args.get("status") or None
    if status and status not in STATUSES and status != "open":
        errors.add("status", Msg(N_("Unknown status.")))
    q = (args.get("q") or "").strip()
    if len(q) > 200:
        errors.add("q", Msg(N_("At most %(max)d characters."), {"max": 200}))
    filters = CaseFilters(
        status=status,
        category=args.get("category") or None,
        channel=args.get("channel") or None,
        country=args.get("country") or None,
        region=_region_arg(args, errors),
        date_from=_date_arg(args, errors, "from", day_after=False, zone=zone),
        date_to=_date_arg(args, errors, "to", day_after=True, zone=zone),
        q=q or None,
        page=_int_arg(args, errors, "page", 1, 1, 1_000_000),
        per_page=_int_arg(args, errors, "per_page", per_page, 1, 100),
        lawyer=_int_arg(args, errors, "lawyer", 0, 1, 2**31 - 1) or None,
        urgency=_choice_arg(args, errors, "urgency", URGENCIES),
        overdue=_flag_arg(args, errors, "overdue"),
        mediation_due=_flag_arg(args, errors, "mediation_due"),
        sort=_choice_arg(args, errors, "sort", SORTS) or "newest",
        firm=_int_arg(args, errors, "firm", 0, 1, 2**31 - 1) or None,
    )
    filters.figure, filters.figure_from, filters.figure_to = _figure_args(args, errors)
    errors.raise_if_any()
    return filters


def filter_args(filters: CaseFilters, per_page: int) -> dict[str, str]:
    """The query string that gives ``filters`` again (no page), the inverse of
    ``filters_from_args``: the list, its pager and its export links are built from
    these known names alone, never from the raw request (where Flask's ``url_for``
    would read ``_external``, ``_anchor``, ``endpoint`` … as its own)."""
    args = {
        "q": filters.q,
        "status": filters.status,
        "category": filters.category,
        "channel": filters.channel,
        "country": filters.country,
        "region": filters.region,
        "from": filters.date_from.date().isoformat() if filters.date_from else None,
        "to": (filters.date_to.date() - timedelta(days=1)).isoformat() if filters.date_to else None,
        "lawyer": str(filters.lawyer) if filters.lawyer else None,
        "firm": str(filters.firm) if filters.firm else None,
        "urgency": filters.urgency,
        "overdue": "1" if filters.overdue else None,
        "mediation_due": "1" if filters.mediation_due else None,
        "sort": filters.sort if filters.sort != "newest" else None,
        "per_page": str(filters.per_page) if filters.per_page != per_page else None,
        "figure": filters.figure,
        "figure_from": filters.figure_from.isoformat() if filters.figure_from else None,
        "figure_to": filters.figure_to.isoformat() if filters.figure_to else None,
    }
    return {name: value for name, value in args.items() if value}
