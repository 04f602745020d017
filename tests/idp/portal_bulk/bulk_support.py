"""Helpers for the grouped-action tests: counterparties in numbers, CSV files, uploads and waiting for jobs."""

from __future__ import annotations

import datetime as dt
import re
import time
from collections.abc import Sequence

from flask.testing import FlaskClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from werkzeug.test import TestResponse

from mandate_resolver.identifiers import make_kbo
from mandate_resolver.registry.models import Mandate, Party, PartyKind
from tests.portal_support import DEMO_TODAY, csrf

HEADER = ("role", "counterparty", "mandate_type", "valid_from", "valid_until", "reference", "language", "emails")
START = DEMO_TODAY + dt.timedelta(days=10)


def make_organisations(session: Session, count: int, *, first_body: int = 12_300_000) -> list[Party]:
    """``count`` enterprises with valid KBO numbers no demo party uses."""
    parties = [
        Party(
            kind=PartyKind.ORGANISATION,
            scheme="kbo",
            identifier=make_kbo(first_body + n).value,
            name=f"Client {n:04d} BV",
            target_group="EA",
        )
        for n in range(count)
    ]
    session.add_all(parties)
    session.commit()
    return parties


def csv_bytes(rows: Sequence[Sequence[str]], *, separator: str = ";", bom: bool = False, header: bool = True) -> bytes:
    lines = ([separator.join(HEADER)] if header else []) + [separator.join(row) for row in rows]
    text = "\r\n".join(lines) + "\r\n"
    return (("\ufeff" if bom else "") + text).encode()


def clean_rows(parties: Sequence[Party], *, mandate_type: str = "wse_loket") -> list[list[str]]:
    """One mandate per party, Emmaüs as mandator, formatted numbers as people type them."""
    return [
        [
            "mandator",
            f"BE {p.identifier[:4]}.{p.identifier[4:7]}.{p.identifier[7:]}",
            mandate_type,
            START.strftime("%d/%m/%Y"),
            "",
            f"REF-{n}",
            "nl",
            "",
        ]
        for n, p in enumerate(parties)
    ]


def upload(client: FlaskClient, data: bytes, *, filename: str = "mandates.csv", **form: str) -> TestResponse:
    from io import BytesIO

    return client.post(
        "/portal/bulk/upload",
        data={"csrf_token": csrf(client, "/portal/bulk"), "file": (BytesIO(data), filename), **form},
        content_type="multipart/form-data",
    )


def job_path(response: TestResponse) -> str:
    assert response.status_code == 303, response.get_data(as_text=True)[:2000]
    location = response.headers["Location"]
    assert re.fullmatch(r"/portal/bulk/jobs/[A-Za-z0-9_-]{43}", location), location
    return location


def wait_for_job(client: FlaskClient, path: str, *, timeout_s: float = 120) -> dict[str, object]:
    """Poll the status endpoint, as bulk.js does, until the step has finished."""
    deadline = time.monotonic() + timeout_s
    while True:
        status: dict[str, object] = client.get(f"{path}/status").get_json()
        if not status["running"]:
            return status
        assert time.monotonic() < deadline, status
        time.sleep(0.05)


def count_mandates(session: Session) -> int:
    session.expire_all()
    return int(session.scalar(select(func.count()).select_from(Mandate)) or 0)
