"""Document use cases: upload, list, download, remove a mistaken upload, share with
the enterprise or take the share back. Each asks the predicates of auth/rules.py and
writes an audit entry naming the document, never its content. An upload tells the
wings above (``signals.document_attached``): mediation ticks its case file."""

from __future__ import annotations

import logging
import os
from datetime import datetime
from pathlib import Path
from typing import Any, NamedTuple

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from legaldesk import signals
from legaldesk.actor import Actor
from legaldesk.audit import service as audit
from legaldesk.auth import rules as permissions
from legaldesk.cases.models import Consultation
from legaldesk.cases.service import case_for_change
from legaldesk.db import DbSession
from legaldesk.documents import rules, storage
from legaldesk.documents.models import Document
from legaldesk.errors import FieldErrors, Forbidden, NotFound
from legaldesk.messages import N_, Msg

log = logging.getLogger(__name__)


class Upload(NamedTuple):
    """A file as it arrived: the name the browser gave and (at most limit + 1) bytes."""

    filename: str | None
    data: bytes


def documents_of(session: DbSession, actor: Actor, case: Consultation) -> list[Document]:
    """The case's documents the actor may read (the enterprise: the shared ones),
    newest first; removed ones are gone from every list."""
    found = session.scalars(
        sa.select(Document)
        .where(Document.consultation_id == case.id, Document.removed_at.is_(None))
        .options(selectinload(Document.uploaded_by))
        .order_by(Document.uploaded_at.desc(), Document.id.desc())
    )
    return [d for d in found if permissions.may_read_document(actor, case, d)]


def upload(
    session: DbSession,
    actor: Actor,
    now: datetime,
    case: Consultation,
    file: Upload | None,
    raw: dict[str, Any],
    *,
    store: str | os.PathLike[str],
    limit: int,
) -> Document:
    """Check the file (kind, size, real type), keep it in the store, record it."""
    if not permissions.may_add_documents(actor, case):
        raise Forbidden()
    errors = FieldErrors()
    kind = rules.parse_kind(errors, raw.get("kind"))
    shared = rules.parse_shared(errors, raw.get("shared"))
    if file is None:
        errors.add("file", Msg(N_("Choose a file to upload.")))
    elif not file.data:
        errors.add("file", Msg(N_("The file is empty.")))
    errors.raise_if_any()
    assert file is not None
    rules.check_size(len(file.data), limit)
    checked = rules.check_type(rules.safe_name(file.filename), file.data)
    digest = storage.put(store, file.data)
    document = Document(
        consultation_id=case.id,
        kind=kind,
        name=checked.name,
        content_type=checked.content_type,
        size=len(file.data),
        sha256=digest,
        shared=shared,
        uploaded_by_id=actor.id,
        uploaded_at=now,
    )
    session.add(document)
    session.flush()
    audit.record(
        session,
        actor,
        now,
        "document.upload",
        "consultation",
        case.reference,
        {"document": document.id, "kind": kind, "shared": shared, "size": document.size},
    )
    signals.document_attached.send(case, session=session, actor=actor, now=now, kind=kind)
    return document


def readable(session: DbSession, actor: Actor, document_id: int) -> Document:
    """A document the actor may read; 404 alike for absent, removed and not yours."""
    document = session.get(Document, document_id)
    if document is None or not permissions.may_read_document(actor, document.case, document):
        raise NotFound()
    return document


def download(
    session: DbSession,
    actor: Actor,
    now: datetime,
    document_id: int,
    store: str | os.PathLike[str],
) -> tuple[Document, Path]:
    """The document and its file, the download in the audit log."""
    document = readable(session, actor, document_id)
    path = storage.path_of(store, document.sha256)
    if not path.is_file():
        log.error("document %s: %s is missing from the document store", document.id, path)
        raise NotFound(Msg(N_("The file is missing from the document store.")))
    audit.record(
        session,
        actor,
        now,
        "document.download",
        "consultation",
        document.case.reference,
        {"document": document.id},
    )
    return document, path


def for_change(session: DbSession, actor: Actor, document_id: int) -> Document:
    """A document to remove or share, its case locked; 404 for anyone who may not
    add documents to that case."""
    document = session.get(Document, document_id)
    if document is None or document.removed_at is not None:
        raise NotFound()
    case = case_for_change(session, actor, document.case.reference)
    if not permissions.may_add_documents(actor, case):
        raise NotFound()
    return document


def remove(session: DbSession, actor: Actor, now: datetime, document: Document) -> None:
    """A mistaken upload leaves every list; the row and the file stay for the record."""
    if not permissions.may_remove_document(actor, document.case, document):
        raise Forbidden()
    if document.removed_at is not None:
        return
    document.removed_at = now
    document.removed_by_id = actor.id
    session.flush()
    audit.record(
        session,
        actor,
        now,
        "document.remove",
        "consultation",
        document.case.reference,
        {"document": document.id},
    )


def set_shared(
    session: DbSession, actor: Actor, now: datetime, document: Document, raw: Any
) -> None:
    """Show the document to the enterprise (on /my), or stop showing it."""
    if not permissions.may_add_documents(actor, document.case):
        raise Forbidden()
    errors = FieldErrors()
    shared = rules.parse_shared(errors, raw)
    errors.raise_if_any()
    if document.shared == shared:
        return
    document.shared = shared
    session.flush()
    audit.record(
        session,
        actor,
        now,
        "document.share",
        "consultation",
        document.case.reference,
        {"document": document.id, "shared": shared},
    )
