"""The office's own details printed on every document the dashboard hands out (Decree 30/2020/NĐ-CP).

The province, the office's name and symbol, the place of issue, the signer
and the recipients: one row per setting in `office_settings`, edited by an
administrator (audited), with defaults for the fictitious demo province.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, fields, replace

from sqlalchemy import Connection, Engine, delete, insert, select

from data_access.accounts import audit, permissions
from data_access.core import clock
from data_access.core.database import CHOICES, freshness
from data_access.core.edit_errors import EditError
from data_access.core.schema import office_settings


@dataclass(frozen=True)
class OfficeSettings:
    province: str = "Phù Sa"  # the province's name, as in "UBND TỈNH PHÙ SA"
    office_name: str = "Văn phòng"  # the issuing body under the People's Committee
    office_symbol: str = "VP"  # in the number and symbol: Số: 12/BC-VP
    place: str = "Phù Sa"  # where documents are issued: "Phù Sa, ngày 28 tháng 8 năm 2025"
    signer_title: str = "Chánh Văn phòng"
    signer_name: str = "Nguyễn Văn An"
    recipients: str = "UBND tỉnh (để báo cáo);\nLãnh đạo Văn phòng;\nCác phòng, đơn vị thuộc Văn phòng;\nLưu: VT, TH."

    @property
    def recipient_lines(self) -> list[str]:
        return [line.strip() for line in self.recipients.splitlines() if line.strip()]


SETTING_NAMES = tuple(f.name for f in fields(OfficeSettings))
MAX_LENGTH = 2000


@freshness(CHOICES)
def office_settings_in(conn: Connection) -> OfficeSettings:
    """The settings as saved, the defaults for any not saved."""
    saved = dict(conn.execute(select(office_settings.c.key, office_settings.c.value)).all())
    return replace(OfficeSettings(), **{k: v for k, v in saved.items() if k in SETTING_NAMES and v})


def read_office_settings(engine: Engine) -> OfficeSettings:
    with engine.connect() as conn:
        return office_settings_in(conn)


def save_office_settings(engine: Engine, actor, values: dict[str, str]) -> None:
    """An administrator's changes; each changed setting written and audited, the others left as they are."""
    permissions.require(actor, permissions.MANAGE_USERS)
    unknown = [k for k in values if k not in SETTING_NAMES]
    if unknown:
        raise EditError(unknown[0], "unknown_code", value=unknown[0])
    cleaned = {}
    for name, value in values.items():
        text = (value or "").strip()
        if not text:
            raise EditError(name, "required")
        if len(text) > MAX_LENGTH:
            raise EditError(name, "too_long", max=MAX_LENGTH)
        cleaned[name] = text
    now: dt.datetime = clock.now_utc()
    with engine.begin() as conn:
        before = asdict(office_settings_in(conn))
        changed = {k: v for k, v in cleaned.items() if before[k] != v}
        for name, value in changed.items():
            conn.execute(delete(office_settings).where(office_settings.c.key == name))
            conn.execute(insert(office_settings).values(key=name, value=value, updated_at=now, updated_by=actor.login))
        if changed:
            audit.record(
                conn,
                actor.login,
                now,
                "update_settings",
                office_settings.name,
                0,
                {k: before[k] for k in changed},
                changed,
            )
