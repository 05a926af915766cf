"""Configuration defaults. The only module that reads the environment.

Order of precedence: explicit overrides (tests) > ``LEGALDESK_*`` variables >
``instance/config.py`` > the defaults below.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any

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
    "SLA_CHECK_INTERVAL_SECONDS": 300,
    "MEDIATION_CHECK_INTERVAL_SECONDS": 300,
    "REMINDER_INTERVAL_SECONDS": 900,
    "FOLLOWUP_DAYS": 7,  # the first follow-up falls due this many days after advice
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
    # Access-code hashing: scrypt by default; bulk seeding may lower the cost.
    "ACCESS_CODE_HASH_METHOD": "scrypt",
    # Where pg_dump and pg_restore live, when not on PATH (`flask desk backup`).
    "PG_BIN_DIR": None,
}


def default_database_uri(instance_path: str) -> str:
    return "sqlite:///" + str(Path(instance_path) / "legaldesk.sqlite3")


def load_secret_key(instance_path: str) -> str:
    """Read the instance's secret key, generating it on first run."""
    path = Path(instance_path) / "secret_key"
    if path.exists():
        return path.read_text().strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(key)
    return key
