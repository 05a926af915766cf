"""`flask desk ...`: the desk's administrative commands."""

from __future__ import annotations

from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import AppGroup

from legaldesk.auth.rules import ROLES
from legaldesk.clock import utcnow
from legaldesk.db import db
from legaldesk.errors import DeskError

desk = AppGroup(
    "desk",
    help="LegalDesk administration: users, tokens, sessions, demo data, audit, backups, "
    "the search index.\n\n"
    "Files the desk makes (the SQLite database and its -wal/-shm, backups, keys, audit "
    "checkpoints) are readable by this system user only (0600; folders 0700), whatever "
    "the umask. The instance folder is LEGALDESK_INSTANCE_PATH (default ./instance).",
)


def _fail(error: DeskError) -> None:
    db.session.rollback()
    details = "; ".join(
        f"{name}: {', '.join(map(str, msgs))}" for name, msgs in error.fields.items()
    )
    raise click.ClickException(f"{error.message}{' ' + details if details else ''}")


@desk.command("create-user")
@click.argument("email")
@click.option("--name", required=True, help="Full name as shown on pages.")
@click.option(
    "--role",
    required=True,
    type=click.Choice(ROLES),
)
@click.option("--password", help="Omit to be asked (hidden input).")
@click.option("--lawyer", "lawyer_id", type=int, help="Directory id, for role lawyer.")
@click.option("--enterprise", "uscc", help="Credit code, for role enterprise.")
def create_user(email, name, role, password, lawyer_id, uscc):
    """Create a staff or enterprise account."""
    from legaldesk.admin.service import create_user as create

    if password is None:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    try:
        user = create(db.session, None, utcnow(), email, name, role, password, lawyer_id, uscc)
    except DeskError as error:
        _fail(error)
    db.session.commit()
    click.echo(f"created user {user.id} {user.email} ({user.role})")


@desk.command("create-token")
@click.argument("email")
@click.option("--name", default="", help="What the token is for (shown to admins).")
def create_token(email, name):
    """Print a new API bearer token for EMAIL (its last line is the token)."""
    from legaldesk.auth.service import create_token as create

    try:
        token = create(db.session, None, utcnow(), email, name)
    except DeskError as error:
        _fail(error)
    db.session.commit()
    click.echo("Keep this token secret; it is not shown again.")
    click.echo(token)


@desk.command("logout-everywhere")
@click.argument("email")
def logout_everywhere(email):
    """End every login session of EMAIL on every device (audited; API tokens stay).

    Each browser that was logged in is sent to the login page at its next click,
    with "You were signed out from another device".
    """
    from legaldesk.auth.sessions import end_all_of_email

    try:
        ended = end_all_of_email(db.session, None, utcnow(), email)
    except DeskError as error:
        _fail(error)
    db.session.commit()
    click.echo(f"ended {ended} session(s) of {email.strip().lower()}")


@desk.command("demo")
@click.option("--if-empty", is_flag=True, help="Only when the database has no consultations.")
def demo(if_empty):
    """Load the demo desk (panel, firms, rooms, users, ~30 cases); safe to run twice."""
    from legaldesk.demo import load_demo
    from legaldesk.zone import desk_zone

    summary = load_demo(
        db.session,
        utcnow(),
        desk_zone(),
        only_if_empty=if_empty,
        documents_path=current_app.config["DOCUMENTS_PATH"],
    )
    db.session.commit()
    click.echo(summary)


@desk.command("scheduler")
@click.option("--once", is_flag=True, help="Run every job once, then exit.")
def scheduler(once):
    """Run the desk's scheduler in the foreground (exactly one per deployment).

    \b
    Jobs:
      deliver_outbox  every LEGALDESK_OUTBOX_INTERVAL_SECONDS (default 5 s): send due
                      e-mail from the outbox; failures retry after 1 min, 5 min,
                      15 min, 1 h and 4 h, then are shown to coordinators.
      escalate_overdue
                      every LEGALDESK_SLA_CHECK_INTERVAL_SECONDS (default 300 s):
                      tell coordinators of routed cases not accepted within
                      LEGALDESK_SLA_ACCEPT_WORKING_HOURS working hours (default 4;
                      urgent cases LEGALDESK_SLA_ACCEPT_URGENT_WORKING_HOURS, default
                      2; official calendar with adjusted days, the center's own days).
      mediation_timers
                      every LEGALDESK_MEDIATION_CHECK_INTERVAL_SECONDS (default
                      300 s): a mediation without consent 14 days after the
                      application fails (silence is refusal); a 30-day window for
                      judicial confirmation that ran out is closed.
      session_reminders
                      every LEGALDESK_REMINDER_INTERVAL_SECONDS (default 900 s):
                      e-mail the participants and mediator of tomorrow's bookings,
                      once per booking and address (again if it is moved).
      followup_reminders
                      every LEGALDESK_REMINDER_INTERVAL_SECONDS: remind each
                      due follow-up's lawyer once, in the desk and by e-mail
                      (follow-ups fall due LEGALDESK_FOLLOWUP_DAYS, default 7,
                      after the advice).
      purge_rate_limits
                      every 600 s: delete ended rate-limit windows from the
                      database (the default LEGALDESK_RATELIMIT_STORAGE_URI).
      calendar_year_reminder
                      every LEGALDESK_REMINDER_INTERVAL_SECONDS, from 1 November:
                      remind coordinators once a week, by bell and e-mail, until
                      next year's official holidays are confirmed on /calendar.
      seal_audit_log  every LEGALDESK_AUDIT_SEAL_SECONDS (default 5 s): seal the
                      reads written pending into the audit chain, in id order,
                      in batches under the chain lock (`flask desk audit-seal`
                      does it at once); a second scheduler takes turns on the
                      lock and finds nothing left to seal.
      audit_checkpoint
                      every LEGALDESK_AUDIT_CHECKPOINT_INTERVAL_SECONDS (default
                      3600 s), acting once a day: verify the whole audit chain
                      (seals and every earlier checkpoint); if it holds, append
                      its head (count, id, seal) to LEGALDESK_AUDIT_CHECKPOINT_FILE
                      (instance/audit-checkpoints.log) and mail it to admins; if
                      not, write no checkpoint, log an error and mail the admins
                      the first bad entry (once a day). Entries after the last
                      checkpoint can be cut unseen until the next one.
    A second scheduler started by mistake does no harm: outbox rows are claimed
    atomically and a claim expires after LEGALDESK_OUTBOX_LEASE_SECONDS (120 s).
    Stop it with Ctrl-C or SIGTERM.
    """
    import logging

    from legaldesk import scheduler as desk_scheduler

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    app = current_app._get_current_object()
    if once:
        for job in desk_scheduler.jobs(app):
            click.echo(f"{job['id']}: {job['func'](*job['args'])}")
        return
    desk_scheduler.run(app)


@desk.command("seed")
@click.option(
    "--cases",
    type=click.IntRange(1, 5_000_000),
    required=True,
    help="How many synthetic consultations to add.",
)
@click.option(
    "--seed",
    "seed_value",
    type=int,
    default=0,
    show_default=True,
    help="Random seed: the same seed gives the same data.",
)
def seed(cases, seed_value):
    """Add synthetic consultations in bulk, for benchmarks (progress bar).

    Onto an empty desk (the demo's lawyers are added to assign from) or one holding
    the demo or an earlier seeding. On PostgreSQL the load is one transaction that
    holds the case tables until it ends; on SQLite the desk's writers get their turn
    between batches."""
    from legaldesk.demo.seed import seed as add

    with click.progressbar(length=cases, label="seeding consultations") as bar:
        add(db.session, utcnow(), cases, seed_value, progress=bar.update)
    db.session.commit()
    click.echo(f"added {cases} synthetic consultations")


@desk.command("reindex")
def reindex():
    """Bring the case search's index up to date with every case (after an upgrade
    that changes how cases are searched, or to repair it); safe on a running desk."""
    import sqlalchemy as sa

    from legaldesk.cases import search
    from legaldesk.cases.models import Consultation

    total = db.session.scalar(sa.select(sa.func.count()).select_from(Consultation)) or 0

    with click.progressbar(length=total, label="indexing cases") as bar:

        def step(done: int) -> None:
            db.session.commit()
            bar.update(done)

        written = search.reindex(db.session, each_batch=step)
    db.session.commit()
    click.echo(f"{total} cases checked, {written} index entries written")


@desk.command("recount")
def recount():
    """Recompute the report's stored counts from the cases (after a restore or a
    hand edit that went around the database's triggers); holds off case writes on
    PostgreSQL while it runs; also the working hours each case took and the day
    each follow-up was done on, with the desk's calendar and time zone (after
    changing LEGALDESK_TIMEZONE)."""
    from legaldesk.reports import done_days, rollups, working
    from legaldesk.workcal.service import overrides
    from legaldesk.zone import desk_zone

    rollups.rebuild(db.session)
    working.rebuild(db.session, desk_zone(), overrides(db.session))
    done_days.rebuild(db.session, desk_zone())
    db.session.commit()
    click.echo("report counts recomputed from the cases")


@desk.command("verify-draw")
@click.argument("reference")
def verify_draw(reference):
    """Recompute every routing draw of the case; exit 0 when all match, 1 otherwise."""
    from legaldesk.cases.service import load_case
    from legaldesk.routing.service import verify_case

    case = load_case(db.session, reference)
    if case is None:
        raise click.ClickException(f"no case {reference}")
    rounds = verify_case(db.session, case)
    if not rounds:
        raise click.ClickException(f"{case.reference} has no draw")
    for number, problems in rounds:
        click.echo(f"round {number}: " + ("; ".join(problems) if problems else "matches"))
    if any(problems for _, problems in rounds):
        raise SystemExit(1)


@desk.command("audit-verify")
@click.option(
    "--checkpoint",
    "checkpoint_file",
    type=click.Path(exists=True, dir_okay=False),
    help="Checkpoint file to check against (default: LEGALDESK_AUDIT_CHECKPOINT_FILE, "
    "instance/audit-checkpoints.log, when it exists).",
)
def audit_verify(checkpoint_file):
    """Check the audit chain's seals and checkpoints, and the own MAC of each entry
    pending sealing; exit 1 naming the first entry that differs (edited, removed,
    resealed with a stolen key, or cut short; or a pending entry edited).

    The scheduler runs the same check before each daily checkpoint and writes none
    for a broken chain (it mails the admins instead). Entries after the last
    checkpoint (the tail) are protected by their seals only: cutting them off shows
    only once a later checkpoint counted them. Reads wait a few seconds pending
    (LEGALDESK_AUDIT_SEAL_SECONDS) before the scheduler seals them into the chain:
    the output says how many.
    """
    from legaldesk.audit import checkpoints
    from legaldesk.audit.service import pending_count, verify
    from legaldesk.sqlite_locking import reading_session

    path = checkpoint_file or current_app.config["AUDIT_CHECKPOINT_FILE"]
    try:
        marks = checkpoints.read(path)
    except (OSError, ValueError) as error:
        click.echo(f"{path}: {error}", err=True)
        raise SystemExit(1) from None
    with reading_session(db.engine) as reader:  # never SQLite's write lock, however long
        count, broken = verify(reader, checkpoints=marks)
        pending = pending_count(reader)
    if broken is None:
        click.echo(f"audit chain intact: {count} entries, {len(marks)} checkpoints in {path}")
        click.echo(f"{pending} entries pending sealing")
        return
    click.echo(f"audit chain broken at {broken.describe()}", err=True)
    raise SystemExit(1)


@desk.command("audit-seal")
def audit_seal():
    """Seal the reads pending in the audit log into the chain now (what the
    scheduler's seal_audit_log job does every few seconds); exit 1 naming the first
    pending entry that fails its own MAC (it stays pending, unsealed)."""
    from legaldesk import scheduler as desk_scheduler
    from legaldesk.audit.service import pending_count
    from legaldesk.sqlite_locking import reading_session

    outcome = desk_scheduler.seal_audit_log(current_app._get_current_object())
    with reading_session(db.engine) as reader:
        left = pending_count(reader)
    click.echo(f"sealed {outcome['sealed']} entries into the audit chain; {left} pending")
    if outcome["refused"]:
        click.echo(
            f"{outcome['refused']} pending entries fail their own MAC and were not sealed; "
            f"first: {outcome['first_refused']}",
            err=True,
        )
        raise SystemExit(1)


@desk.command("backup")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
def backup(path):
    """Write a consistent online backup of the database to PATH (private, mode 0600).

    \b
    SQLite: a copy through SQLite's backup API; PostgreSQL: pg_dump -Fc. The desk
    may keep serving meanwhile. The instance folder (secret key, other key files)
    is not in the database: back it up separately.
    """
    from legaldesk.backup import BackupError
    from legaldesk.backup import backup as write

    try:
        size = write(db.engine, path, current_app.config["PG_BIN_DIR"])
    except BackupError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"backup written to {path} ({size} bytes)")


@desk.command("restore")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
def restore(path):
    """Load the backup at PATH into this desk's database, which must be empty.

    \b
    Empty: no rows except what `flask db upgrade` writes (schema version,
    categories, closing codes); a database holding data is refused (exit 1) and
    left as it was. A restored SQLite file is private (0600), also when `flask db
    upgrade` of an older version made it readable. Afterwards run `flask db
    upgrade` if the backup is older than this version of the desk.
    """
    from legaldesk.backup import BackupError
    from legaldesk.backup import restore as load

    try:
        load(db.engine, path, current_app.config["PG_BIN_DIR"])
    except BackupError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"restored {path}; check it with `flask desk audit-verify`")


def register(app: Flask) -> None:
    app.cli.add_command(desk)
