"""One demo account per role, for trying the dashboard; never for a real office.

The passwords are random, made when the accounts are, and written only to a
file beside the embedded database (mode 0600, outside git): no password
lives in the repository, the logs or the page.
"""

from __future__ import annotations

import os
import secrets
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from sqlalchemy import Engine

from data_access.accounts.users import create_user
from data_access.demo.alerts import subscribe_demo_accounts

DEMO_ACCOUNTS = (  # login, role, full name
    ("trinhchieu", "display", "Màn hình trình chiếu"),
    ("nguoixem", "viewer", "Phạm Thu Hà"),
    ("chuyenvien", "specialist", "Nguyễn Thị Mai"),
    ("lanhdao", "leader", "Trần Văn Hùng"),
    ("quantri", "admin", "Lê Hoàng Nam"),
)


def create_demo_accounts(engine: Engine, passwords_file: Path) -> dict[str, str]:
    """Create the demo accounts and write their logins and passwords to `passwords_file`."""
    passwords = {login: secrets.token_urlsafe(9) for login, _, _ in DEMO_ACCOUNTS}
    # Each password's hash takes most of a second (Argon2, which leaves the interpreter free): side by side.
    with ThreadPoolExecutor(max_workers=len(DEMO_ACCOUNTS)) as pool:
        made = [
            pool.submit(create_user, engine, login, role, name, passwords[login]) for login, role, name in DEMO_ACCOUNTS
        ]
        for future in made:
            future.result()
    subscribe_demo_accounts(engine)  # their digests, to try `alerts send` against a test mail server
    passwords_file.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(passwords_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write("# Demo accounts: for trying the dashboard only, never for real data.\n")
        for login, role, _ in DEMO_ACCOUNTS:
            out.write(f"{login}\t{role}\t{passwords[login]}\n")
    return passwords


def read_demo_passwords(passwords_file: Path) -> dict[str, str]:
    lines = passwords_file.read_text(encoding="utf-8").splitlines()
    return {parts[0]: parts[2] for parts in (line.split("\t") for line in lines if not line.startswith("#"))}
