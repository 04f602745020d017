"""Browser tests: Debian's Chromium driven by Playwright against the provider served over real HTTP.

Chromium comes from the distribution (``apt-get install chromium``), never from ``playwright install``.
Every test saves screenshots under ``test-artifacts/``. Without Chromium or Playwright the tests are
skipped with the reason.
"""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from tests.login_helpers import Journey, journey  # noqa: F401 - fixture

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"

sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")


@dataclass
class Live:
    """The journey app served at ``url``, and the browser page driving it."""

    journey: Journey
    url: str
    page: sync_api.Page

    def open(self, path: str) -> None:
        self.page.goto(self.url + path)

    def shot(self, name: str) -> Path:
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path


@pytest.fixture(scope="session")
def browser() -> Iterator[sync_api.Browser]:
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def live(journey: Journey, browser: sync_api.Browser) -> Iterator[Live]:  # noqa: F811
    server = make_server("127.0.0.1", 0, journey.app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    context = browser.new_context(locale="nl-BE", viewport={"width": 1000, "height": 800})
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        yield Live(journey, f"http://127.0.0.1:{server.server_port}", page)
    finally:
        context.close()
        server.shutdown()
        thread.join(timeout=5)
