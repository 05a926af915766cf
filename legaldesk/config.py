"""Configuration defaults. The only module that reads the environment.

Order of precedence: explicit overrides (tests) > ``LEGALDESK_*`` variables >
``instance/config.py`` > the defaults below.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any

from legaldesk import private

DEFAULTS: dict[str, Any] = {
    "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
    "MAIL_SERVER": "localhost",
    "MAIL_PORT": 25,
    "MAIL_DEFAULT_SENDER": "legaldesk@localhost",
    "MAIL_USERNAME": None,
    "MAIL_PASSWORD": None,
    "MAIL_USE_STARTTLS": False,
    "MAIL_TIMEOUT": 15,
    # The desk's address as enterprises reach it, for links in e-mails.
    "PUBLIC_URL": "http://127.0.0.1:5000",
    # The scheduler: how often it looks at the outbox, and how long a claim lasts
    # before another scheduler may take the row over (its claimant died).
    "OUTBOX_INTERVAL_SECONDS": 5,
    "OUTBOX_LEASE_SECONDS": 120,
    # A drawn lawyer has this many working hours to accept before coordinators are told.
    "SLA_ACCEPT_WORKING_HOURS": 4,
    # An urgent case's drawn lawyer has this many (LEGALDESK_SLA_ACCEPT_URGENT_WORKING_HOURS).
    "SLA_ACCEPT_URGENT_WORKING_HOURS": 2,
    # A draw needs at least this many eligible lawyers (LEGALDESK_DRAW_MIN_POOL): the
    # panel widens to partner-firm lawyers first; fewer, and a coordinator assigns.
    "DRAW_MIN_POOL": 3,
    "SLA_CHECK_INTERVAL_SECONDS": 300,
    "MEDIATION_CHECK_INTERVAL_SECONDS": 300,
    "REMINDER_INTERVAL_SECONDS": 900,
    "FOLLOWUP_DAYS": 7,  # the first follow-up falls due this many days after advice
    # An intake like one of the enterprise's open cases, or its cases of this many
    # days, warns before saving (LEGALDESK_DUPLICATE_WINDOW_DAYS).
    "DUPLICATE_WINDOW_DAYS": 14,
    # Rate-limit counters in the desk's database, shared by every worker and machine;
    # redis://… also works, memory:// counts per worker (one process only).
    "RATELIMIT_STORAGE_URI": "legaldesk+db://",
    "RATELIMIT_ENABLED": True,
    "RATELIMIT_HEADERS_ENABLED": True,
    "TIMEZONE": "Asia/Shanghai",
    # How many reverse proxies (nginx) stand in front: their X-Forwarded-* headers are
    # then believed, for client addresses (rate limits) and external URLs (receipts).
    "TRUSTED_PROXIES": 0,
    "BABEL_DEFAULT_LOCALE": "zh_CN",
    "LANGUAGES": ["zh_CN", "en"],
    "WTF_CSRF_TIME_LIMIT": None,
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "PER_PAGE": 20,
    "MAX_CONTENT_LENGTH": 2 * 1024 * 1024,
    # The audit log's seal key (LEGALDESK_AUDIT_KEY) is generated into the instance
    # folder when unset; the head of the chain is checkpointed daily (first run of the
    # scheduler's check each day) into AUDIT_CHECKPOINT_FILE, by default
    # instance/audit-checkpoints.log, and mailed to admins.
    "AUDIT_CHECKPOINT_INTERVAL_SECONDS": 3600,
    # Reads are written to the audit log pending and sealed into the chain by the
    # scheduler this often (LEGALDESK_AUDIT_SEAL_SECONDS): the longest a read stays
    # protected by its own MAC only.
    "AUDIT_SEAL_SECONDS": 5,
    # How enterprises reach the center's front desk (phone, address), shown on /status
    # when lookups are limited: "0571-…, 杭州市拱墅区…". Empty: "the consultation window".
    "FRONT_DESK_CONTACT": "",
    # The key of access codes' digests (LEGALDESK_ACCESS_CODE_KEY) is generated into the
    # instance folder when unset, like the audit key: see ``load_access_code_key``.
    # Where pg_dump and pg_restore live, when not on PATH (`flask desk backup`).
    "PG_BIN_DIR": None,
    # The largest document a case may hold (bytes); upload forms may send this much
    # (and a little framing) while every other request keeps MAX_CONTENT_LENGTH.
    # LEGALDESK_DOCUMENTS_PATH (default instance/documents) is where they are kept.
    "DOCUMENT_MAX_BYTES": 20 * 1024 * 1024,
}


def instance_path() -> str | None:
    """LEGALDESK_INSTANCE_PATH: where the database, keys and checkpoints live (default
    ./instance beside the code); one desk's folder, made private (0700) when created."""
    path = os.environ.get("LEGALDESK_INSTANCE_PATH")
    return os.path.abspath(path) if path else None


def default_database_uri(instance_path: str) -> str:
    return "sqlite:///" + str(Path(instance_path) / "legaldesk.sqlite3")


def load_secret_key(instance_path: str) -> str:
    """Read the instance's secret key (sessions, CSRF), generating it on first run."""
    return _instance_key(Path(instance_path) / "secret_key")


def load_audit_key(instance_path: str) -> str:
    """Read the key that seals the audit log, generating it on first run.

    It lives outside the database on purpose: whoever can write the database but not
    read this file cannot reseal a rewritten chain. Back it up with the database.
    """
    return _instance_key(Path(instance_path) / "audit_key")


def load_access_code_key(instance_path: str) -> str:
    """Read the key of the access codes' digests (``cases.codes.code_digest``),
    generating it on first run.

    A key of its own, not one derived from the secret key: rotating the secret key
    (sessions, CSRF) after a leak must not lock every enterprise out of its status
    page, and a leaked secret key must not open the codes to an offline search. It
    lives outside the database, so a copy of the database alone gives no code away.
    Back it up apart from the database (without it every code must be reissued);
    several machines share it like the secret key.
    """
    return _instance_key(Path(instance_path) / "access_code_key")


def default_documents_path(instance_path: str) -> str:
    """Where case documents are kept by their SHA-256; several machines serving one
    desk point LEGALDESK_DOCUMENTS_PATH at the same shared folder (docs/deploy.md)."""
    return str(Path(instance_path) / "documents")


def default_checkpoint_file(instance_path: str) -> str:
    return str(Path(instance_path) / "audit-checkpoints.log")


def _instance_key(path: Path) -> str:
    """A random key kept in ``path`` (mode 0600). Two processes starting at once agree:
    the key is written to a temporary file and linked into place only if none is there."""
    if path.exists():
        return path.read_text().strip()
    private.folder(path.parent)
    key = secrets.token_hex(32)
    draft = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    fd = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(key)
        handle.flush()
        os.fsync(handle.fileno())
    try:
        os.link(draft, path)
    except FileExistsError:
        key = path.read_text().strip()
    finally:
        draft.unlink()
    return key
