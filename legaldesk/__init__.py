"""LegalDesk: the case desk of a business-environment legal service center."""

from __future__ import annotations

from typing import Any

from flask import Flask, abort, redirect, request, url_for
from flask_login import current_user

from legaldesk import config as defaults

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)


def create_app(config: dict[str, Any] | None = None) -> Flask:
    """Build an app: defaults, then instance/config.py, then LEGALDESK_* variables,
    then ``config`` (tests)."""
    app = Flask(__name__, instance_path=defaults.instance_path(), instance_relative_config=True)
    app.config.from_mapping(defaults.DEFAULTS)
    app.config.from_pyfile("config.py", silent=True)
    app.config.from_prefixed_env("LEGALDESK")
    if config:
        app.config.from_mapping(config)
    app.config.setdefault(
        "SQLALCHEMY_DATABASE_URI", defaults.default_database_uri(app.instance_path)
    )
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = defaults.load_secret_key(app.instance_path)
    _audit_settings(app)
    _access_code_key(app)
    app.config.setdefault("DOCUMENTS_PATH", defaults.default_documents_path(app.instance_path))
    _check_zone(app)
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite:///"):
        from legaldesk import private

        private.folder(app.instance_path)  # it will hold the database: 0700

    proxies = int(app.config["TRUSTED_PROXIES"])
    if proxies:
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(  # type: ignore[method-assign]
            app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies, x_prefix=proxies
        )
    from legaldesk import inputs

    inputs.register(app)  # first: it refuses what no database takes, before any reads one
    _init_extensions(app)
    _register_blueprints(app)
    _register_hooks(app)
    _init_hooks(app)

    from legaldesk import cli, handlers, i18n, list_links

    handlers.register(app)
    i18n.register(app)
    list_links.register(app)
    cli.register(app)
    return app


def _init_hooks(app: Flask) -> None:
    """Each wing's hooks: its template labels, its messages' words, the signals it
    listens to. Wings meet here, never by importing each other's views."""
    from legaldesk.admin import hooks as admin_hooks
    from legaldesk.audit import hooks as audit_hooks
    from legaldesk.auth import hooks as auth_hooks
    from legaldesk.cases import hooks as cases_hooks
    from legaldesk.documents import hooks as documents_hooks
    from legaldesk.followups import hooks as followups_hooks
    from legaldesk.mediation import hooks as mediation_hooks
    from legaldesk.notes import hooks as notes_hooks
    from legaldesk.notify import hooks as notify_hooks
    from legaldesk.reports import hooks as reports_hooks
    from legaldesk.rooms import hooks as rooms_hooks
    from legaldesk.routing import hooks as routing_hooks
    from legaldesk.workcal import hooks as workcal_hooks

    hooked = (
        audit_hooks,
        auth_hooks,
        cases_hooks,
        documents_hooks,
        followups_hooks,
        mediation_hooks,
        notes_hooks,
        notify_hooks,
        rooms_hooks,
        routing_hooks,
        workcal_hooks,
        admin_hooks,
        reports_hooks,
    )
    for wing in hooked:
        wing.init_app(app)


def _check_zone(app: Flask) -> None:
    """LEGALDESK_TIMEZONE, checked once: an unknown zone stops the start, rather than
    the first page or due date that needs it."""
    from legaldesk.clock import zone_named

    name = app.config.get("TIMEZONE")
    try:
        zone_named(str(name))
    except (KeyError, ValueError, OSError) as error:
        raise RuntimeError(
            f"LEGALDESK_TIMEZONE={name!r} is not a known time zone; use an IANA name "
            "such as 'Asia/Shanghai'."
        ) from error


def _audit_settings(app: Flask) -> None:
    """The audit key (never the secret key, never in the database) and checkpoint file."""
    if not app.config.get("AUDIT_KEY"):
        app.config["AUDIT_KEY"] = defaults.load_audit_key(app.instance_path)
    app.config["AUDIT_KEY"] = str(app.config["AUDIT_KEY"])  # a number in the environment
    if app.config["AUDIT_KEY"] == str(app.config["SECRET_KEY"]):
        raise ValueError("LEGALDESK_AUDIT_KEY must differ from LEGALDESK_SECRET_KEY")
    app.config.setdefault(
        "AUDIT_CHECKPOINT_FILE", defaults.default_checkpoint_file(app.instance_path)
    )


def _access_code_key(app: Flask) -> None:
    """The key of the access codes' digests: outside the database, and never one of the
    other keys (each can be rotated, or leak, without the others)."""
    if not app.config.get("ACCESS_CODE_KEY"):
        app.config["ACCESS_CODE_KEY"] = defaults.load_access_code_key(app.instance_path)
    key = app.config["ACCESS_CODE_KEY"] = str(app.config["ACCESS_CODE_KEY"])
    if key in (str(app.config["SECRET_KEY"]), app.config["AUDIT_KEY"]):
        raise ValueError("LEGALDESK_ACCESS_CODE_KEY must differ from the secret and audit keys")


def _init_extensions(app: Flask) -> None:
    # Imported here, not at the top: a package-level name ``db`` would hide the
    # ``legaldesk.db`` module (migrations refer to ``legaldesk.db.UTCDateTime``).
    from legaldesk.db import db
    from legaldesk.extensions import babel, csrf, limiter, login_manager, migrate
    from legaldesk.i18n import select_locale
    from legaldesk.sqlite_locking import install_sqlite_locking

    install_sqlite_locking()
    db.init_app(app)
    migrate.init_app(
        app, db, directory=str(_migrations_dir()), render_as_batch=True, compare_type=True
    )
    csrf.init_app(app)
    babel.init_app(
        app,
        locale_selector=select_locale,
        default_translation_directories=str(_package_dir() / "translations"),
    )
    limiter.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = None

    from legaldesk.auth.models import User
    from legaldesk.auth.sessions import user_for_key

    @login_manager.user_loader
    def load_user(session_key: str) -> User | None:
        """The cookie names a login session; an ended one is nobody (see auth/sessions)."""
        return user_for_key(db.session, session_key)

    import legaldesk.models  # noqa: F401  (every mapping, so metadata is complete)


def _register_blueprints(app: Flask) -> None:
    from werkzeug.routing import IntegerConverter

    class RowId(IntegerConverter):
        """A database id: 1 to 2**31 - 1, in ASCII digits without leading zeros (one
        spelling per row: 00030 and Arabic-Indic digits are no other way to it);
        anything else is a 404, not an overflow."""

        regex = r"[1-9][0-9]{0,9}"

        def __init__(self, url_map):
            super().__init__(url_map, min=1, max=2**31 - 1)

    app.url_map.converters["id"] = RowId
    from legaldesk import api
    from legaldesk.admin.password_views import bp as passwords_bp
    from legaldesk.admin.views import bp as admin_bp
    from legaldesk.auth.views import bp as auth_bp
    from legaldesk.cases.advice_views import bp as advice_bp
    from legaldesk.cases.export_views import bp as case_exports_bp
    from legaldesk.cases.reference_views import bp as reference_bp
    from legaldesk.cases.views import bp as cases_bp
    from legaldesk.desk.views import bp as desk_bp
    from legaldesk.documents.views import bp as documents_bp
    from legaldesk.followups.views import bp as followups_bp
    from legaldesk.mediation.views import bp as mediation_bp
    from legaldesk.notes.views import bp as notes_bp
    from legaldesk.notify.views import bp as notify_bp
    from legaldesk.portal.account_views import bp as account_bp
    from legaldesk.portal.views import bp as portal_bp
    from legaldesk.reports.views import bp as reports_bp
    from legaldesk.rooms.admin_views import bp as room_admin_bp
    from legaldesk.rooms.booking_views import bp as bookings_bp
    from legaldesk.rooms.views import bp as rooms_bp
    from legaldesk.routing.batch_views import bp as lottery_bp
    from legaldesk.routing.directory_views import bp as directory_bp
    from legaldesk.routing.handon_views import bp as handon_bp
    from legaldesk.routing.public_views import bp as draws_bp
    from legaldesk.routing.views import bp as routing_bp
    from legaldesk.workcal.views import bp as workcal_bp

    for blueprint in (
        account_bp,
        advice_bp,
        auth_bp,
        bookings_bp,
        cases_bp,
        desk_bp,
        directory_bp,
        documents_bp,
        followups_bp,
        mediation_bp,
        notes_bp,
        notify_bp,
        portal_bp,
        rooms_bp,
        routing_bp,
        draws_bp,
        lottery_bp,
        workcal_bp,
        handon_bp,
        reports_bp,
        admin_bp,
        passwords_bp,
        reference_bp,
        room_admin_bp,
        case_exports_bp,
    ):
        app.register_blueprint(blueprint)
    api.register(app)


def _register_hooks(app: Flask) -> None:
    from legaldesk.auth.rules import is_enterprise_account
    from legaldesk.auth.sessions import note_seen
    from legaldesk.auth.views import note_signed_out_elsewhere
    from legaldesk.clock import utcnow
    from legaldesk.db import db
    from legaldesk.publicity import enterprise_may_use, is_public

    @app.before_request
    def require_login():
        """Every page needs a login unless its view is marked public; the API checks tokens."""
        if request.endpoint is None or "api" in request.blueprints:
            return None
        if request.endpoint == "static" or is_public(app.view_functions.get(request.endpoint)):
            return None
        if not current_user.is_authenticated:
            note_signed_out_elsewhere()
            return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
        if note_seen(db.session, current_user, utcnow()):
            db.session.commit()  # before the view runs: nothing else is pending yet
        if is_enterprise_account(current_user) and not enterprise_may_use(
            app.view_functions.get(request.endpoint)
        ):
            abort(404)  # staff pages do not exist for enterprise accounts
        return None

    @app.after_request
    def security_headers(response):
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        if request.endpoint != "static":
            response.headers.setdefault("Cache-Control", "no-store")
        return response


def _package_dir():
    from pathlib import Path

    return Path(__file__).resolve().parent


def _migrations_dir():
    return _package_dir().parent / "migrations"
