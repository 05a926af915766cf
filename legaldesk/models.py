"""Imports every ORM mapping, so that metadata (and Alembic) sees all tables."""

from legaldesk.admin.models import PasswordReset
from legaldesk.audit.models import AuditEntry
from legaldesk.auth.models import ApiToken, User
from legaldesk.cases.models import (
    Category,
    ClosingCode,
    Consultation,
    ConsultationCountry,
    Counterparty,
    TimelineEntry,
)
from legaldesk.cases.search_models import CaseSearch
from legaldesk.documents.models import Document
from legaldesk.enterprises.models import Contact, Enterprise
from legaldesk.followups.models import Callback, FollowUp
from legaldesk.mediation.models import Mediation, MediationDocument, MediationEvent
from legaldesk.notes.models import CaseNote
from legaldesk.notify.models import Notification, OutboxMessage
from legaldesk.ratelimit.models import RateLimitCounter
from legaldesk.reports.duration_models import ReportDurationDay
from legaldesk.reports.followup_models import ReportFollowUpDay, ReportFollowUpDueDay
from legaldesk.reports.rollup_models import ReportCountryDay, ReportDay, ReportLawyerDay
from legaldesk.reports.working_models import CaseWorkingTime
from legaldesk.rooms.models import Booking, BookingSeries, Room
from legaldesk.routing.models import ConflictOfInterest, Draw, Firm, HandBackRequest, Lawyer
from legaldesk.workcal.models import CalendarDay

__all__ = [
    "ApiToken",
    "AuditEntry",
    "Booking",
    "BookingSeries",
    "Callback",
    "CalendarDay",
    "CaseSearch",
    "CaseWorkingTime",
    "CaseNote",
    "Category",
    "ClosingCode",
    "Consultation",
    "ConsultationCountry",
    "Contact",
    "ConflictOfInterest",
    "Counterparty",
    "Document",
    "Draw",
    "Enterprise",
    "Firm",
    "HandBackRequest",
    "FollowUp",
    "Lawyer",
    "Mediation",
    "MediationDocument",
    "MediationEvent",
    "Notification",
    "OutboxMessage",
    "PasswordReset",
    "RateLimitCounter",
    "ReportDurationDay",
    "ReportFollowUpDay",
    "ReportFollowUpDueDay",
    "ReportCountryDay",
    "ReportDay",
    "ReportLawyerDay",
    "Room",
    "TimelineEntry",
    "User",
]
