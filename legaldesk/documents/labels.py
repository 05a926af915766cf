"""The documents wing's words in the reader's language (template globals)."""

from __future__ import annotations

from legaldesk.documents.rules import KIND_LABELS, format_size
from legaldesk.i18n import table_label


def document_kind_label(kind: str) -> str:
    return table_label(KIND_LABELS, kind)


def document_size(size: int) -> str:
    return format_size(size)
