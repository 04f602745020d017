"""The upload in a real Chromium: 500 lines checked with the progress bar (bulk.js), then created.

Served over real HTTP; the login happens through the test client and its cookies go to the browser (the
login pages have their own browser tests). Skipped without Playwright or Chromium (the ``browser`` fixture).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy.orm import Session
from werkzeug.serving import make_server

from mandate_resolver.registry.demo import DemoWorld
from tests.idp.portal_bulk.bulk_support import clean_rows, count_mandates, csv_bytes, make_organisations
from tests.portal_support import enter, sign_in

from .conftest import ARTIFACTS, sync_api


@pytest.fixture
def served(app: Flask) -> Iterator[str]:
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=5)


def test_500_lines_through_the_browser(
    demo: DemoWorld,
    client: FlaskClient,
    session: Session,
    served: str,
    tmp_path: Path,
    browser: sync_api.Browser,
) -> None:
    parties = make_organisations(session, 500)
    file = tmp_path / "clients.csv"
    file.write_bytes(csv_bytes(clean_rows(parties), bom=True))
    sign_in(client, "sammy")
    enter(client, "Emmaüs")
    cookies = [{"name": c.key, "value": c.value, "url": served} for c in client._cookies.values()]
    before = count_mandates(session)
    context = browser.new_context(locale="en-GB")
    context.add_cookies(cookies)  # type: ignore[arg-type]
    page = context.new_page()
    page.set_default_timeout(60_000)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    # Every failed request but the favicon the browser asks for on its own.
    page.on(
        "response",
        lambda r: errors.append(f"{r.status} {r.url}") if r.status >= 400 and "favicon" not in r.url else None,
    )
    page.on("console", lambda m: errors.append(m.text) if "Content Security Policy" in m.text else None)
    page.goto(served + "/portal/bulk?lang=en")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "portal-bulk-page.png"), full_page=True)
    started = time.monotonic()
    page.set_input_files("#file", str(file))
    page.get_by_role("button", name="Check the file").click()
    page.get_by_text("All 500 lines are fine.").wait_for()
    checked = time.monotonic()
    page.screenshot(path=str(ARTIFACTS / "portal-bulk-checked.png"))
    page.get_by_label("I accept the contract text").check()
    page.get_by_role("button", name="Create 500 mandates").click()
    page.get_by_text("500 mandates created.").wait_for()
    finished = time.monotonic()
    page.screenshot(path=str(ARTIFACTS / "portal-bulk-500-created.png"), full_page=True)
    assert errors == []  # no CSP violation, no script error
    context.close()
    assert count_mandates(session) == before + 500
    # A figure to read, not a pass mark (speed goals live in bench/).
    print(f"\nbrowser, 500 lines: check {checked - started:.2f} s, creation {finished - checked:.2f} s")
