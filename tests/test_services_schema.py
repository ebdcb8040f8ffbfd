"""The public-services tables (migration 0010): rows of the contract's columns only are valid, bad ones refused."""

import datetime as dt

import pytest
from sqlalchemy import insert, text
from sqlalchemy.exc import IntegrityError

from data_access.core.schema import dossiers, procedures, service_index
from tests.builders import Office

D = dt.date


def _unit(engine):
    with engine.begin() as conn:
        return Office(conn).unit()


def test_rows_with_only_contract_columns_are_valid(engine):
    unit = _unit(engine)
    with engine.begin() as conn:
        procedure = conn.execute(
            text(
                "INSERT INTO procedures (code, name, level, published_on) "
                "VALUES ('1.001612', 'Cấp giấy phép', 'province', '2025-01-01') RETURNING id"
            )
        ).scalar_one()
        conn.execute(
            text(
                "INSERT INTO dossiers (code, procedure_id, unit_id, channel, received_on) "
                "VALUES ('000.00.12.H01-250828-0042', :p, :u, 'online', '2025-08-28')"
            ),
            {"p": procedure, "u": unit},
        )
        conn.execute(
            text(
                "INSERT INTO service_index (period_end, component, score, max_score) "
                "VALUES ('2025-07-31', 'total', 82.08, 100)"
            )
        )
        assert conn.execute(text("SELECT online FROM procedures")).scalar_one() == "none"
        assert not conn.execute(text("SELECT at_centre FROM dossiers")).scalar_one()


def _procedure(engine, **change):
    row = {"code": "P-1", "name": "Thủ tục", "level": "province", "published_on": D(2025, 1, 1)} | change
    with engine.begin() as conn:
        return conn.execute(insert(procedures).values(**row).returning(procedures.c.id)).scalar_one()


BAD_PROCEDURES = [
    pytest.param({"level": "district"}, id="unknown-level"),
    pytest.param({"online": "yes"}, id="unknown-online"),
    pytest.param({"withdrawn_on": D(2024, 12, 31)}, id="withdrawn-before-published"),
    pytest.param({"name": None}, id="no-name"),
]


@pytest.mark.parametrize("change", BAD_PROCEDURES)
def test_database_refuses_bad_procedures(engine, change):
    with pytest.raises(IntegrityError):
        _procedure(engine, **change)


BAD_DOSSIERS = [
    pytest.param({"channel": "fax"}, id="unknown-channel"),
    pytest.param({"outcome": "lost", "resolved_on": D(2025, 8, 2)}, id="unknown-outcome"),
    pytest.param({"due_on": D(2025, 7, 31)}, id="due-before-received"),
    pytest.param({"resolved_on": D(2025, 7, 31), "outcome": "approved"}, id="resolved-before-received"),
    pytest.param({"outcome": "approved"}, id="outcome-while-open"),
    pytest.param({"procedure_id": 999999}, id="unknown-procedure"),
    pytest.param({"code": "HS-1"}, id="duplicate-code"),
]


@pytest.mark.parametrize("change", BAD_DOSSIERS)
def test_database_refuses_bad_dossiers(engine, change):
    unit = _unit(engine)
    procedure = _procedure(engine)
    row = {"code": "HS-1", "procedure_id": procedure, "unit_id": unit, "channel": "counter"}
    row["received_on"] = D(2025, 8, 1)
    with engine.begin() as conn:
        conn.execute(insert(dossiers).values(**row))
    with pytest.raises(IntegrityError), engine.begin() as conn:
        conn.execute(insert(dossiers).values(**(row | {"code": "HS-2"} | change)))


BAD_SCORES = [
    pytest.param({"component": "speed"}, id="unknown-component"),
    pytest.param({"score": 101.0}, id="over-max"),
    pytest.param({"score": -1.0}, id="negative"),
    pytest.param({"rank": 35, "rank_of": 34}, id="rank-beyond"),
    pytest.param({}, id="province-twice-a-month"),
]


@pytest.mark.parametrize("change", BAD_SCORES)
def test_database_refuses_bad_index_scores(engine, change):
    row = {"period_end": D(2025, 7, 31), "component": "total", "score": 82.08, "max_score": 100.0}
    with engine.begin() as conn:
        conn.execute(insert(service_index).values(**row))
    with pytest.raises(IntegrityError), engine.begin() as conn:
        conn.execute(insert(service_index).values(**(row | change)))


def test_a_unit_and_the_province_may_share_a_month(engine):
    unit = _unit(engine)
    row = {"period_end": D(2025, 7, 31), "component": "total", "score": 80.0, "max_score": 100.0}
    with engine.begin() as conn:
        conn.execute(insert(service_index).values(**row))
        conn.execute(insert(service_index).values(**(row | {"unit_id": unit})))
    with pytest.raises(IntegrityError), engine.begin() as conn:
        conn.execute(insert(service_index).values(**(row | {"unit_id": unit})))
