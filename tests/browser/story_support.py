"""The whole provider and the demo application, each served over real HTTP, for browser tests of the seed
story: the demo world, the demo relying party (examples/demo_rp, Authlib's client) registered at its port,
and one browser context (its own cookies) per person.
"""

from __future__ import annotations

import datetime as dt
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import delete, select
from werkzeug.serving import BaseWSGIServer, make_server

from examples.demo_rp.app import DemoSettings, create_demo_app
from idp.app import create_app
from idp.database import database as app_database
from idp.oidc.demo import DEMO_RP_SECRET, register_demo_client
from idp.oidc.models import OidcClient
from idp.settings import Settings
from mandate_resolver.registry.demo import _BY_USERNAME, DemoWorld, load_demo
from mandate_resolver.registry.models import Mandate, MandateEvent
from mandate_resolver.registry.passwords import TEST_PROFILE
from tests.login_helpers import current_totp

from .conftest import ARTIFACTS, sync_api


def _serve(app: Flask) -> tuple[BaseWSGIServer, threading.Thread]:
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server, thread


@dataclass
class Story:
    """The provider at ``url``, the demo application at ``rp_url``, and a browser to open people's pages."""

    url: str
    rp_url: str
    app: Flask
    world: DemoWorld
    browser: sync_api.Browser
    contexts: list[sync_api.BrowserContext] = field(default_factory=list)
    logins: dict[str, int] = field(default_factory=dict)

    def person(self, locale: str = "nl-BE") -> sync_api.Page:
        """A new browser (own cookies) for one person."""
        context = self.browser.new_context(locale=locale, viewport={"width": 1100, "height": 900})
        self.contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(20_000)
        return page

    def sign_in(self, page: sync_api.Page, username: str) -> None:
        """On the login page: password, then the one-time code (the next period's for a second login)."""
        user = _BY_USERNAME[username]
        page.get_by_role("heading", name="Aanmelden").wait_for()
        page.get_by_label("Gebruikersnaam", exact=True).fill(username)
        page.get_by_label("Wachtwoord", exact=True).fill(user.password)
        page.get_by_role("button", name="Aanmelden", exact=True).click()
        page.get_by_label("Code", exact=True).wait_for()
        # A code is accepted once: a second login within the same 30 s uses the next period's code.
        step = self.logins.get(username, 0)
        self.logins[username] = step + 1
        at = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=30 * step)
        page.get_by_label("Code", exact=True).fill(current_totp(user.totp_secret, at=at))
        page.get_by_role("button", name="Verder").click()

    def shot(self, page: sync_api.Page, name: str) -> Path:
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / f"story-{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    def session(self):  # type: ignore[no-untyped-def]
        return app_database(self.app).sessions()

    def wait_for_rp(self, page: sync_api.Page) -> None:
        page.wait_for_url(re.compile(re.escape(self.rp_url) + r"/($|\?)"), timeout=20_000)


@pytest.fixture
def story(settings: Settings, browser: sync_api.Browser) -> Iterator[Story]:
    server = make_server("127.0.0.1", 0, Flask("placeholder"), threaded=True)
    url = f"http://127.0.0.1:{server.server_port}"
    app = create_app(settings.replace(issuer=url))
    app.extensions["idp.password_profile"] = TEST_PROFILE
    server.app = app
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    rp_server = make_server("127.0.0.1", 0, Flask("placeholder"), threaded=True)
    rp_url = f"http://127.0.0.1:{rp_server.server_port}"
    rp_server.app = create_demo_app(
        DemoSettings(issuer=url, client_id="demo-rp", client_secret=DEMO_RP_SECRET, base_url=rp_url)
    )
    rp_thread = threading.Thread(target=rp_server.serve_forever, daemon=True)
    rp_thread.start()
    with app_database(app).sessions() as session:
        world = load_demo(session, dt.date.today(), profile=TEST_PROFILE)
        register_demo_client(session)
        client = session.get(OidcClient, "demo-rp")
        assert client is not None
        client.redirect_uris = [rp_url + "/callback"]
        client.post_logout_redirect_uris = [rp_url + "/"]
        session.commit()
    story = Story(url, rp_url, app, world, browser)
    try:
        yield story
    finally:
        for context in story.contexts:
            context.close()
        for running, running_thread in ((server, thread), (rp_server, rp_thread)):
            running.shutdown()
            running_thread.join(5)
        app_database(app).engine.dispose()


def forget_mandate(story: Story, slug: str) -> None:
    """Remove one of the demo world's mandates (and its history), so the story can create it anew."""
    mandate_id = next(m.id for m in story.world.mandates if m.slug == slug)
    with story.session() as session:
        session.execute(delete(MandateEvent).where(MandateEvent.mandate_id == mandate_id))
        session.execute(delete(Mandate).where(Mandate.id == mandate_id))
        session.commit()
        assert session.scalar(select(Mandate).where(Mandate.id == mandate_id)) is None
