"""The reports from the command line, for scheduled use, on the database chosen as the dashboard's.

    python -m reports summary --from 2025-07-01 --to 2025-08-28 --out report.docx    (.docx, .pptx or .pdf)
    python -m reports urging-letters --as-of 2025-08-28 --out DIR [--one-file]

The letters record an urging on every task they list (audited as cli:<user>), as on the page.
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import sys
from itertools import groupby
from pathlib import Path

from data_access.accounts.settings import read_office_settings
from data_access.accounts.users import User
from data_access.core import clock
from data_access.core.config import database_url
from data_access.core.engine import get_engine
from data_access.core.errors import classify
from data_access.core.periods import current_period
from data_access.overview.report import report_figures
from data_access.tasks import edits as task_edits
from data_access.tasks.filters import TaskFilter
from data_access.tasks.lists import urging_list
from i18n import fmt_date, fmt_int, t
from reports.conference_report import build_report_docx
from reports.conference_slides import build_report_deck
from reports.pdf import PdfUnavailable, docx_to_pdf
from reports.urging_letters import build_urging_letter, build_urging_letters, letter_file_name

FORMATS = (".docx", ".pptx", ".pdf")


def _day(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(t("reports_cli.bad_date", value=value)) from None


def _operator() -> User:
    return User(0, f"cli:{getpass.getuser()}", "Command line", "admin", True)


def _summary(engine, start: dt.date, end: dt.date, out: Path) -> None:
    if out.suffix.lower() not in FORMATS:
        raise SystemExit(t("reports_cli.bad_format", suffix=out.suffix or "—"))
    today = clock.today_vn()
    period = current_period("custom", today, start, end)
    with engine.connect() as conn:
        figures = report_figures(conn, period, clock.now_utc())
    settings = read_office_settings(engine)
    if out.suffix.lower() == ".pptx":
        data = build_report_deck(figures, settings)
    else:
        data = build_report_docx(figures, settings, today)
        if out.suffix.lower() == ".pdf":
            data = docx_to_pdf(data)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(data)
    print(t("reports_cli.written", path=out))


def _letters(engine, as_of: dt.date, out: Path, one_file: bool) -> None:
    today = clock.today_vn()
    with engine.connect() as conn:
        rows = urging_list(conn, TaskFilter(as_of))
    if not rows:
        print(t("reports_cli.no_overdue", day=fmt_date(as_of)))
        return
    settings = read_office_settings(engine)
    out.mkdir(parents=True, exist_ok=True)
    files = []
    if one_file:
        files.append(out / f"{t('reports_page.letters_file')}-{as_of.isoformat()}.docx")
        files[0].write_bytes(build_urging_letters(rows, as_of, settings, today, one_file=True))
    else:
        for unit, unit_rows in groupby(rows, key=lambda r: r.unit_name):
            path = out / letter_file_name(unit, as_of)
            path.write_bytes(build_urging_letter(unit, list(unit_rows), as_of, settings, today))
            files.append(path)
    count = task_edits.record_urging_letters(
        engine, _operator(), [r.code for r in rows], t("reports_page.letters_note", day=fmt_date(as_of))
    )
    print(t("reports_cli.letters_written", files=fmt_int(len(files)), path=out, count=fmt_int(count)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m reports", description=t("reports_cli.description"))
    commands = parser.add_subparsers(dest="command", required=True)
    summary = commands.add_parser("summary", help=t("reports_cli.summary_help"))
    summary.add_argument("--from", dest="start", type=_day, required=True)
    summary.add_argument("--to", dest="end", type=_day, required=True)
    summary.add_argument("--out", type=Path, required=True)
    letters = commands.add_parser("urging-letters", help=t("reports_cli.letters_help"))
    letters.add_argument("--as-of", type=_day, default=None)
    letters.add_argument("--out", type=Path, required=True)
    letters.add_argument("--one-file", action="store_true")
    args = parser.parse_args(argv)
    try:
        engine = get_engine(database_url())
        if args.command == "summary":
            if args.start > args.end:
                print(t("reports_cli.bad_range", start=fmt_date(args.start), end=fmt_date(args.end)), file=sys.stderr)
                return 1
            _summary(engine, args.start, args.end, args.out)
        else:
            _letters(engine, args.as_of or clock.today_vn(), args.out, args.one_file)
    except PdfUnavailable as problem:
        print(t("reports_cli.pdf_failed", reason=t(f"report.{problem.reason}")), file=sys.stderr)
        return 2
    except SystemExit as refused:
        print(refused.code, file=sys.stderr)
        return 1
    except Exception as exc:  # every failure ends as one clear line, never a traceback
        problem = classify(exc)
        print(t("cli.error", message=t(f"db.{problem.reason}")), file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
