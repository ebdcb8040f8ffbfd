"""The command line of the office database.

    python -m data_access migrate            create or upgrade the schema
    python -m data_access seed-demo          load the demo province into an empty database
    python -m data_access check              say whether the dashboard can use the database
    python -m data_access create-user LOGIN --role ROLE --name "FULL NAME"   password on standard input
    python -m data_access list-users | disable-user LOGIN | enable-user LOGIN
    python -m data_access reset-password LOGIN                              new password on standard input
    python -m data_access import dossiers|procedures|index FILE.xlsx|csv     [--dry-run] [--skip-refused]
    python -m data_access alerts refresh | alerts send                      open/end alerts; send the digests
    python -m data_access probe                                             probe every endpoint, write the checks
    python -m data_access set-endpoint CODE [HOST:PORT|URL]                 what the prober checks for a point

Messages come from the dashboard's Vietnamese catalogue (i18n). The database is
the one of DATABASE_URL, else .streamlit/secrets.toml, else the embedded SQLite file.
"""

from __future__ import annotations

import argparse
import getpass
import sys
import time
from pathlib import Path

from sqlalchemy.engine import make_url

from data_access.accounts import admin as user_admin
from data_access.accounts import users
from data_access.core import clock, replication
from data_access.core.config import database_read_url, database_url, demo_accounts_file
from data_access.core.edit_errors import EditError
from data_access.core.engine import get_engine
from data_access.core.errors import DatabaseProblem, classify
from data_access.core.migrate import check_schema, upgrade
from data_access.core.schema import ROLES
from data_access.demo.accounts import create_demo_accounts
from data_access.demo.seed import DatabaseNotEmpty, seed_demo
from data_access.documents import summary
from data_access.services import imports as service_imports
from i18n import known, t


def _problem_text(problem: DatabaseProblem) -> str:
    """The dashboard's message for a database problem; the command line does not retry by itself."""
    return t("cli.unreachable") if problem.reason == DatabaseProblem.UNREACHABLE else t(f"db.{problem.reason}")


def _operator() -> users.User:
    """Who runs the command, as the audit trail names them: whoever can run it administers the database."""
    return users.User(0, f"cli:{getpass.getuser()}", "Command line", "admin", True)


def _password() -> str:
    """The password from standard input (first line), never from the command line."""
    return sys.stdin.readline().rstrip("\n")


def _safe_url(url: str) -> str:
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:
        return t("cli.bad_url_shown")


def _import_file(engine, kind: str, path: Path, dry_run: bool, skip_refused: bool) -> int:
    """Check every row of an export, say what saving does, and save it (idempotent by code, audited)."""
    with path.open("rb") as stream, engine.connect() as conn:
        plan = service_imports.read_import(conn, kind, stream, path.name)
    for p in plan.problems:
        message = t(f"svcimport.{p.reason}", value=p.value)
        print(t("svcimport.line", line=p.line, column=t(f"svccol.{p.column}"), message=message), file=sys.stderr)
    if plan.problem_count > len(plan.problems):
        print(t("svcimport.more_problems", count=plan.problem_count - len(plan.problems)), file=sys.stderr)
    print(
        t(
            "svcimport.summary",
            rows=plan.rows,
            new=len(plan.new),
            changed=len(plan.changed),
            unchanged=plan.unchanged,
            refused=plan.refused_lines,
        )
    )
    if dry_run:
        print(t("svcimport.dry_run"))
        return 0
    if plan.refused_lines and not skip_refused:
        print(t("svcimport.refused_whole", refused=plan.refused_lines), file=sys.stderr)
        return 1
    if not plan.writes:
        print(t("svcimport.nothing"))
        return 0
    done = service_imports.save_import(engine, _operator(), plan, skip_refused=skip_refused)
    print(t("svcimport.saved", inserted=done.inserted, updated=done.updated))
    return 0


def _alerts(engine, action: str) -> None:
    """Refresh the stored alerts; for "send", then the e-mail digests and the webhook (each when configured)."""
    from data_access.alerts import delivery, state
    from reports.alert_digest import render_digest, render_webhook

    now = clock.now_utc()
    done = state.refresh(engine, now)
    print(t("cli.alerts_refreshed", opened=done.opened, closed=done.closed, open=done.open))
    if action != "send":
        return
    base = delivery.base_url()
    smtp = delivery.SmtpSettings.configured()
    if smtp is None:
        print(t("cli.alerts_no_smtp"))
    else:
        report = delivery.send_email_digests(engine, smtp, lambda d: render_digest(d, base, now), now)
        print(t("cli.alerts_sent", sent=report.sent, alerts=report.alerts, failed=report.failed))
        for error in report.errors:
            print(t("cli.delivery_error", error=error), file=sys.stderr)
    url = delivery.webhook_url()
    if url:
        report = delivery.send_webhook(engine, url, lambda new, counts: render_webhook(new, counts, base, now), now)
        print(t("cli.webhook_sent", sent=report.sent, alerts=report.alerts, failed=report.failed))
        for error in report.errors:
            print(t("cli.delivery_error", error=error), file=sys.stderr)


def _probe(engine, timeout: float, run_timeout: float) -> None:
    from data_access.alerts import state
    from data_access.probe import prober

    def note(o: prober.Outcome) -> str:  # the check's note in the catalogue's words, as a person would write it
        if o.why in ("connected", "slow"):
            return t(f"probe.{o.why}", ms=o.latency_ms)
        if o.why == "intermittent":
            return t("probe.intermittent", ok=o.ok, tries=o.tries)
        return t("probe.disconnected", reason=o.reason)

    result = prober.probe_all(engine, timeout=timeout, run_timeout=run_timeout, note=note)
    counts = result.counts()
    print(
        t(
            "cli.probed",
            points=result.points,
            systems=result.systems,
            connected=counts["connected"],
            degraded=counts["degraded"],
            disconnected=counts["disconnected"],
        )
    )
    done = state.refresh(engine, clock.now_utc())
    print(t("cli.alerts_refreshed", opened=done.opened, closed=done.closed, open=done.open))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m data_access", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("migrate", help="create or upgrade the schema")
    seed = commands.add_parser("seed-demo", help="load the demo province into an empty database")
    seed.add_argument("--scale", type=float, default=1.0, help="1 is the demo province; 10 is ten times it")
    seed.add_argument(
        "--accounts-file",
        type=Path,
        default=None,
        help="where to write the demo accounts' passwords (default: data/demo-accounts.txt)",
    )
    commands.add_parser("check", help="check that the database is reachable and up to date")
    commands.add_parser(
        "rebuild-summary", help="recompute the documents' daily summary from documents; says how many rows were off"
    )
    create = commands.add_parser("create-user", help="add a user; the password is read from standard input")
    create.add_argument("login")
    create.add_argument("--role", required=True, choices=ROLES)
    create.add_argument("--name", required=True)
    commands.add_parser("list-users", help="list the users and their roles")
    for name in ("disable-user", "enable-user", "reset-password"):
        commands.add_parser(name).add_argument("login")
    imported = commands.add_parser(
        "import", help="import dossiers, procedures or index scores from the procedure system's .xlsx or .csv export"
    )
    imported.add_argument("kind", choices=service_imports.KINDS)
    imported.add_argument("file", type=Path)
    imported.add_argument("--dry-run", action="store_true", help="check the rows and say what would change")
    imported.add_argument("--skip-refused", action="store_true", help="write the valid rows even if some are refused")
    alerts_cmd = commands.add_parser("alerts", help="the alerts: refresh them, or send the digests and the webhook")
    alerts_cmd.add_argument("action", choices=("refresh", "send"))
    endpoint_cmd = commands.add_parser(
        "set-endpoint", help="set (or clear, without ENDPOINT) what the prober checks for a point or a system"
    )
    endpoint_cmd.add_argument("code", help="a commune point's unit code or an information system's code")
    endpoint_cmd.add_argument("endpoint", nargs="?", default=None, help="host:port or an http(s) URL")
    probe_cmd = commands.add_parser("probe", help="probe every endpoint of the commune points and information systems")
    probe_cmd.add_argument("--timeout", type=float, default=3.0, help="seconds per try of one endpoint")
    probe_cmd.add_argument("--run-timeout", type=float, default=60.0, help="seconds for the whole run")
    args = parser.parse_args(argv)

    url = database_url()
    print(t("cli.database", url=_safe_url(url)), file=sys.stderr)
    started = time.perf_counter()
    try:
        # migrate and seed-demo may rightly run statements for minutes: no statement timeout for them
        engine = get_engine(url, bounded=args.command not in ("migrate", "seed-demo", "rebuild-summary", "import"))
        if args.command == "migrate":
            upgrade(engine)
            print(t("cli.migrated"))
        elif args.command == "seed-demo":
            counts = seed_demo(engine, clock.now_utc(), scale=args.scale)
            for table, n in counts.items():
                print(f"{table}: {n}")
            accounts_file = args.accounts_file or demo_accounts_file()
            create_demo_accounts(engine, accounts_file)
            print(t("cli.demo_accounts", path=accounts_file))
        elif args.command == "check":
            check_schema(engine)
            print(t("cli.ready"))
            read_url = database_read_url()
            if read_url:  # the read replica: the same schema, and how far behind the primary it has replayed
                replica = get_engine(read_url)
                check_schema(replica)
                with engine.connect() as conn:
                    position = replication.primary_position(conn)
                with replica.connect() as conn:
                    lag = replication.replay_lag_bytes(conn, position) if position else None
                if lag is None:
                    print(t("cli.replica_not_standby", url=_safe_url(read_url)))
                else:
                    print(t("cli.replica_ready", url=_safe_url(read_url), lag=lag))
        elif args.command == "rebuild-summary":
            check_schema(engine)
            with engine.begin() as conn:
                off = summary.drift(conn)
                summary.rebuild(conn)
            print(t("cli.summary_rebuilt", off=off))
        elif args.command == "create-user":
            user = user_admin.add_user(engine, _operator(), args.login, args.role, args.name, _password())
            print(t("cli.user_created", login=user.login, role=user.role))
        elif args.command == "list-users":
            for user in users.list_users(engine):
                state = t("users.active") if user.active else t("users.disabled")
                print(f"{user.login}\t{user.role}\t{state}\t{user.full_name}")
        elif args.command in ("disable-user", "enable-user"):
            user_admin.set_user_active(engine, _operator(), args.login, args.command == "enable-user")
            print(t("cli.user_updated"))
        elif args.command == "import":
            check_schema(engine)
            code = _import_file(engine, args.kind, args.file, args.dry_run, args.skip_refused)
            if code:
                return code
        elif args.command == "alerts":
            check_schema(engine)
            _alerts(engine, args.action)
        elif args.command == "set-endpoint":
            from data_access.probe.edits import set_endpoint

            set_endpoint(engine, _operator(), args.code, args.endpoint)
            print(t("cli.endpoint_set", code=args.code, endpoint=args.endpoint or "—"))
        elif args.command == "probe":
            check_schema(engine)
            _probe(engine, args.timeout, args.run_timeout)
        elif args.command == "reset-password":
            user_admin.set_password(engine, _operator(), args.login, _password())
            print(t("cli.password_reset"))
    except EditError as refused:
        label = t(f"field.{refused.field}") if known(f"field.{refused.field}") else refused.field
        print(t("cli.error", message=t(f"edit.{refused.reason}", field=label, **refused.params)), file=sys.stderr)
        return 1
    except users.UserError as refused:
        print(t("cli.error", message=t(f"user_error.{refused.reason}")), file=sys.stderr)
        return 1
    except service_imports.ImportFileError as refused:
        print(t("cli.error", message=t(f"svcimport.{refused.reason}", value=refused.value)), file=sys.stderr)
        return 1
    except OSError as missing:
        print(t("cli.error", message=str(missing)), file=sys.stderr)
        return 1
    except DatabaseNotEmpty:
        print(t("cli.not_empty"), file=sys.stderr)
        return 1
    except Exception as exc:  # every failure ends as one clear line, never a traceback
        problem = classify(exc)
        print(t("cli.error", message=f"{_problem_text(problem)} ({problem.detail or problem.reason})"), file=sys.stderr)
        return 2
    print(f"({time.perf_counter() - started:.1f} s)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
