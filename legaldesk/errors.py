"""Errors named after the rule they enforce.

Rules and services raise them; each surface turns them into a response in one
handler (HTML: a flash message or 4xx page; API: the JSON error body).
"""

from __future__ import annotations

from legaldesk.messages import N_, Msg


class DeskError(Exception):
    status = 400
    code = "bad_request"
    default_message = Msg(N_("The request could not be processed."))

    def __init__(self, message: Msg | None = None, fields: dict[str, list[Msg]] | None = None):
        self.message = message or self.default_message
        self.fields = fields or {}
        super().__init__(str(self.message))


class Malformed(DeskError):
    status = 400
    code = "malformed"
    default_message = Msg(N_("The request body is not valid JSON."))


class ForbiddenCharacters(Malformed):
    """Control characters (NUL above all) or lone surrogates: no database stores them
    alike (PostgreSQL refuses NUL, SQLite's LIKE stops reading at it)."""

    default_message = Msg(N_("The request contains characters that are not allowed, such as NUL."))


class NestedTooDeep(Malformed):
    default_message = Msg(N_("The request body is nested too deeply."))


class NotFound(DeskError):
    status = 404
    code = "not_found"
    default_message = Msg(N_("Not found."))


class Unauthorized(DeskError):
    status = 401
    code = "unauthorized"
    default_message = Msg(N_("Log in or give a valid API token."))


class Forbidden(DeskError):
    status = 403
    code = "forbidden"
    default_message = Msg(N_("Your role may not do this."))


class Conflict(DeskError):
    status = 409
    code = "conflict"
    default_message = Msg(N_("This conflicts with the current state."))


class InvalidTransition(Conflict):
    code = "invalid_transition"
    default_message = Msg(N_("This status change is not allowed from the current status."))


class CaseNotCorrectable(Conflict):
    code = "case_not_correctable"
    default_message = Msg(N_("A closed or withdrawn case cannot be corrected."))


class ConflictWithParty(Conflict):
    """A correction would give the case a party its lawyer or mediator conflicts with;
    nothing is saved unless the conflict is accepted (then the case page warns)."""

    code = "conflict_of_interest"
    default_message = Msg(N_("A lawyer on this case has a conflict of interest with a party."))


class LossAlreadyConfirmed(Conflict):
    code = "loss_already_confirmed"
    default_message = Msg(N_("You have already confirmed this loss avoided."))


class LossNotConfirmable(Conflict):
    """The case is no longer (or not yet again) where a loss avoided is confirmed;
    the message says why (``followups.rules.why_not_confirmable``)."""

    code = "loss_not_confirmable"
    default_message = Msg(N_("The loss avoided cannot be confirmed now."))


class TooManyGuesses(DeskError):
    """Too many wrong access codes for a case from this address (or everywhere);
    ``retry_after``: seconds until a guess from here is evaluated again."""

    status = 429
    code = "rate_limited"
    default_message = Msg(N_("Too many requests. Please wait a moment and try again."))

    def __init__(self, retry_after: int | None = None):
        super().__init__()
        self.retry_after = retry_after


class ValidationFailed(DeskError):
    status = 422
    code = "invalid"
    default_message = Msg(N_("Some fields are not valid."))


def field_error(field: str, message: Msg) -> ValidationFailed:
    """One field's error, to raise."""
    return ValidationFailed(fields={field: [message]})


class FieldErrors:
    """Collects field-level messages, then raises them all at once."""

    def __init__(self) -> None:
        self.fields: dict[str, list[Msg]] = {}

    def add(self, field: str, message: Msg) -> None:
        self.fields.setdefault(field, []).append(message)

    def __bool__(self) -> bool:
        return bool(self.fields)

    def raise_if_any(self) -> None:
        if self.fields:
            raise ValidationFailed(fields=self.fields)


class DocumentTooLarge(DeskError):
    """A document over LEGALDESK_DOCUMENT_MAX_BYTES."""

    status = 413
    code = "too_large"
    default_message = Msg(N_("The file is too large."))


class DocumentTypeRefused(DeskError):
    """A file whose content is not one of the accepted types (or not the type its
    name claims): the desk keeps PDF, images, Office documents and plain text."""

    status = 415
    code = "unsupported_media_type"
    default_message = Msg(N_("This type of file is not accepted."))
