"""What the OIDC flow and security tests share: a provider served over real HTTP on a loopback port, a
small world of people and mandates, a registered client per test, and a browser that follows the journey.

Imported by ``tests/flows/conftest.py`` and ``tests/security/conftest.py``.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import secrets
import threading
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any
from urllib.parse import parse_qs, urlencode, urljoin, urlsplit

import pytest
import requests
from flask import Flask
from sqlalchemy import select
from werkzeug.serving import BaseWSGIServer, make_server

import idp.oidc.models  # noqa: F401 - registers the OIDC tables, so the test database wipes them too
from idp.app import create_app
from idp.database import database as app_database
from idp.models import PendingLogin, SsoSession
from idp.oidc.clients import ClientRegistration, register_client
from idp.selection.codec import selection_to_json
from idp.sessions import token_hash
from idp.settings import Settings
from mandate_resolver.identifiers import Insz
from mandate_resolver.registry.exchange import import_world
from mandate_resolver.registry.models import Application, User
from mandate_resolver.registry.passwords import TEST_PROFILE
from mandate_resolver.sources import SELF_REF
from mandate_resolver.types import Capacity, Party, Selection, option_key

PASSWORD = "correct horse battery staple"
CALLBACK = "https://rp.example/cb"
OTHER_CALLBACK = "https://rp.example/other"
POST_LOGOUT = "https://rp.example/bye"

EMMAUS = "kbo:0411515075"
BAROCY = "kbo:0806154033"
PWC = "kbo:0429501944"  # a valid number standing in for PricewaterhouseCoopers Tax Consultants
IMEC = "kbo:0425260668"
MANDATE_EMMAUS_BAROCY = "3b0f8a0e-3c6f-4f7e-9a55-2f3b1c9d7e01"
MANDATE_IMEC_BAROCY = "6a1d3c9e-0a59-4d0b-8f3e-1b2c3d4e5f60"
MANDATE_IMEC_PWC = "7b2e4d0f-1b6a-4e1c-9f4f-2c3d4e5f6071"


def world() -> dict[str, Any]:
    """Ines is only herself; Eve works for BAROCY; Sammy represents Emmaüs by law; Bart executes Emmaüs'
    mandate to BAROCY; Karel executes IMEC's mandates through both BAROCY and PwC (the second dialog)."""
    parties = [
        {"scheme": "kbo", "identifier": "0411515075", "name": "Emmaüs"},
        {"scheme": "kbo", "identifier": "0806154033", "name": "BAROCY"},
        {"scheme": "kbo", "identifier": "0429501944", "name": "PricewaterhouseCoopers Tax Consultants"},
        {"scheme": "kbo", "identifier": "0425260668", "name": "IMEC"},
    ]
    users = []
    for username, insz, given, family in PEOPLE:
        parties.append({"scheme": "insz", "identifier": insz, "given_name": given, "family_name": family})
        users.append(
            {
                "username": username,
                "person": f"insz:{insz}",
                "email": f"{username}@people.example",
                "credentials": [{"kind": "password", "password": PASSWORD}],
            }
        )
    today = dt.date.today()
    start = (today - dt.timedelta(days=400)).isoformat()
    signed = f"{start}T09:00:00Z"

    def mandate(mandate_id: str, mandator: str, mandatee: str) -> dict[str, Any]:
        return {
            "id": mandate_id,
            "type": "wse_loket",
            "mandator": mandator,
            "mandatee": mandatee,
            "valid_from": start,
            "state": "signed",
            "initiator": "mandator",
            "mandator_signed_at": signed,
            "mandatee_signed_at": signed,
        }

    def executor(user: str, organisation: str) -> dict[str, Any]:
        return {
            "user": user,
            "organisation": organisation,
            "right": "ssm_mandaatuitvoerder",
            "valid_from": start,
            "mandate_types": ["wse_loket"],
        }

    return {
        "format": "mandate-idp/registry",
        "version": 1,
        "parties": parties,
        "users": users,
        "work_relations": [
            {"user": "eve", "organisation": BAROCY, "kind": "Vaste Medewerker", "valid_from": start},
        ],
        "rights": [executor("bart", BAROCY), executor("karel", BAROCY), executor("karel", PWC)],
        "legal_representatives": [
            {"person": "insz:" + SAMMY_INSZ, "organisation": EMMAUS, "function": "Bestuurder", "valid_from": start}
        ],
        "mandate_types": [
            {
                "code": "wse_loket",
                "number": 104,
                "mandator_kinds": ["organisation"],
                "mandatee_kinds": ["organisation"],
                "texts": {"nl": {"name": "WSE Loket"}, "en": {"name": "WSE Loket"}},
            }
        ],
        "mandates": [
            mandate(MANDATE_EMMAUS_BAROCY, EMMAUS, BAROCY),
            mandate(MANDATE_IMEC_BAROCY, IMEC, BAROCY),
            mandate(MANDATE_IMEC_PWC, IMEC, PWC),
        ],
    }


SAMMY_INSZ = "85073003328"
PEOPLE = (
    ("ines", "90110222236", "Ines", "Claes"),
    ("eve", "79031210155", "Eve", "Peeters"),
    ("sammy", SAMMY_INSZ, "Sammy", "Roos"),
    ("bart", "85010100115", "Bart", "Baert"),
    ("karel", "86020200212", "Karel", "Janssens"),
    ("nobody", "87030300309", "Nora", "Body"),
)


# --- the provider, served for real ---------------------------------------------------------------


@dataclass
class Provider:
    """The app under test on ``issuer`` (an http://127.0.0.1:PORT URL)."""

    issuer: str
    app: Flask
    server: BaseWSGIServer

    def url(self, path: str) -> str:
        return self.issuer + path

    def sessions(self) -> Any:
        return app_database(self.app).sessions()

    def register(self, **options: Any) -> RegisteredClient:
        """Register a client (defaults: confidential, client_secret_basic, the standard profile)."""
        allow_citizen = options.pop("allow_citizen", True)
        allow_employee = options.pop("allow_employee", True)
        options.setdefault("name", "Test RP")
        options.setdefault("redirect_uris", [CALLBACK])
        options.setdefault("post_logout_redirect_uris", [POST_LOGOUT])
        options.setdefault("mandate_types", ["wse_loket"])
        with self.sessions() as session:
            registered = register_client(session, ClientRegistration(**options))
            application = session.scalar(select(Application).where(Application.client_id == registered.client_id))
            assert application is not None
            application.allow_citizen = allow_citizen
            application.allow_employee = allow_employee
            session.commit()
        return RegisteredClient(registered.client_id, registered.client_secret or "", list(options["redirect_uris"]))


@dataclass
class RegisteredClient:
    client_id: str
    client_secret: str
    redirect_uris: list[str] = field(default_factory=list)

    @property
    def basic(self) -> tuple[str, str]:
        return (self.client_id, self.client_secret)


def _prepare_app(app: Flask, settings: Settings) -> None:
    # Until the journey and the chain are wired into create_app, wire them here (no-ops once it does).
    if "login" not in app.blueprints:
        from idp.login import init_app

        init_app(app)
    if "idp.chain" not in app.extensions:
        from mandate_resolver.plugins import build_chain

        app.extensions["idp.chain"] = build_chain(settings.resolvers, session_factory=app_database(app).sessions)


@pytest.fixture
def provider(settings: Settings) -> Iterator[Provider]:
    server = make_server("127.0.0.1", 0, Flask("placeholder"), threaded=True)
    issuer = f"http://127.0.0.1:{server.port}"
    app = create_app(settings.replace(issuer=issuer))
    app.extensions["idp.password_profile"] = TEST_PROFILE
    _prepare_app(app, settings)
    server.app = app
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    with app_database(app).sessions() as session:
        import_world(session, world(), profile=TEST_PROFILE)
        session.commit()
    try:
        yield Provider(issuer, app, server)
    finally:
        server.shutdown()
        thread.join(5)
        chain = app.extensions.get("idp.chain")
        if chain is not None and hasattr(chain, "close"):
            chain.close()
        app_database(app).engine.dispose()


# --- PKCE and authorization requests -------------------------------------------------------------


def pkce_pair() -> tuple[str, str]:
    verifier = secrets.token_urlsafe(48)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    return verifier, challenge


def authorize_url(provider: Provider, client: RegisteredClient, **params: str) -> str:
    values = {
        "response_type": "code",
        "client_id": client.client_id,
        "redirect_uri": client.redirect_uris[0],
        "scope": "openid profile mandate",
        "state": secrets.token_urlsafe(12),
    }
    values.update(params)
    return provider.url("/authorize?" + urlencode({k: v for k, v in values.items() if v is not None}))


def query_of(location: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(location).query, keep_blank_values=True).items()}


# --- a browser that walks the journey -------------------------------------------------------------


@dataclass
class Form:
    action: str
    method: str
    fields: dict[str, str]
    radios: list[tuple[str, str]]  # (value, label text)


class _FormParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.forms: list[Form] = []
        self.links: list[str] = []
        self._labels: dict[str, str] = {}
        self._radio_ids: list[tuple[str, str, Form]] = []
        self._label_for: str | None = None
        self._label_text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.forms.append(Form(a.get("action", ""), a.get("method", "get").lower(), {}, []))
        elif tag == "input" and self.forms:
            form = self.forms[-1]
            if a.get("type") == "radio":
                self._radio_ids.append((a.get("id", ""), a.get("value", ""), form))
            elif a.get("name") and a.get("type") not in ("submit", "button"):
                form.fields[a["name"]] = a.get("value", "")
        elif tag == "a" and a.get("href"):
            self.links.append(a["href"])
        elif tag == "label":
            self._label_for = a.get("for", "")
            self._label_text = []

    def handle_data(self, data: str) -> None:
        if self._label_for is not None:
            self._label_text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "label" and self._label_for is not None:
            self._labels[self._label_for] = " ".join("".join(self._label_text).split())
            self._label_for = None

    def finish(self) -> None:
        for radio_id, value, form in self._radio_ids:
            form.radios.append((value, self._labels.get(radio_id, "")))


def parse_page(html: str) -> _FormParser:
    parser = _FormParser()
    parser.feed(html)
    parser.finish()
    return parser


@dataclass
class Step:
    """Where the browser stopped: at the relying party (``location``) or on one of our pages."""

    location: str = ""
    page: requests.Response | None = None

    @property
    def html(self) -> str:
        return self.page.text if self.page is not None else ""


class Browser:
    """A requests session that follows our redirects and stops at the relying party's address."""

    def __init__(self, provider: Provider) -> None:
        self.provider = provider
        self.http = requests.Session()

    def go(self, url: str, *, method: str = "GET", data: Mapping[str, str] | None = None) -> Step:
        statuses: list[int] = []
        for _hop in range(15):
            if method == "POST":
                response = self.http.post(url, data=data, allow_redirects=False, timeout=10)
            else:
                response = self.http.get(url, allow_redirects=False, timeout=10)
            statuses.append(response.status_code)
            if response.status_code not in (301, 302, 303, 307, 308):
                self.last_statuses = statuses
                return Step(page=response)
            target = urljoin(url, response.headers["Location"])
            if not target.startswith(self.provider.issuer):
                self.last_statuses = statuses
                return Step(location=target)
            url, method, data = target, "GET", None
        raise AssertionError("too many redirects")

    def submit(self, step: Step, action_part: str, **values: str) -> Step:
        assert step.page is not None, f"expected a page, got a redirect to {step.location}"
        page = parse_page(step.page.text)
        forms = [f for f in page.forms if action_part in f.action]
        assert forms, f"no form posting to {action_part!r} on {step.page.url}: {step.page.text[:2000]}"
        form = forms[0]
        return self.go(urljoin(step.page.url, form.action), method="POST", data={**form.fields, **values})

    def sign_in(self, step: Step, username: str, password: str = PASSWORD) -> Step:
        return self.submit(step, "/login/password", username=username, password=password)

    def choose(self, step: Step, label_part: str) -> Step:
        """Pick the option whose label mentions ``label_part`` (a name, or a mandate id in the key)."""
        assert step.page is not None, f"expected the selection screen, got {step.location}"
        page = parse_page(step.page.text)
        for form in page.forms:
            for value, label in form.radios:
                if label_part in label or label_part in value:
                    return self.submit(step, form.action, option=value)
        raise AssertionError(f"no option {label_part!r} on {step.page.url}: {step.page.text[:3000]}")

    def via(self, step: Step) -> Step:
        """Follow "several mandates possible" to the second dialog."""
        assert step.page is not None
        links = [link for link in parse_page(step.page.text).links if "/select/via" in link]
        assert links, f"no second-dialog link on {step.page.url}"
        return self.go(urljoin(step.page.url, links[0]))


def code_for(browser: Browser, client: RegisteredClient, step: Step) -> dict[str, str]:
    assert step.location.startswith(client.redirect_uris[0]), step.page.text[:2000] if step.page else step.location
    return query_of(step.location)


# --- a login without the journey pages (for protocol tests that are not about the journey) --------


def finish_login_directly(provider: Provider, browser: Browser, step: Step, username: str = "ines") -> Step:
    """Complete a pending login as the journey would (authenticated, "as myself"), then resume."""
    assert step.page is None or step.location == "", "expected to be sent into the journey"
    login_page = step.page
    assert login_page is not None
    pending_id = query_of(login_page.url)["pending"]
    with provider.sessions() as session:
        user = session.scalar(select(User).where(User.username == username))
        assert user is not None
        sso = _ensure_sso_session(session, browser, user)
        pending = session.get(PendingLogin, pending_id)
        assert pending is not None
        me = Party(Insz.parse(user.person.identifier), user.person.name, "BUR")
        chosen = Selection(option_key("citizen", SELF_REF), "citizen", Capacity.CITIZEN, me, me, dt.date.today())
        pending.status = "completed"
        pending.user_id = user.id
        pending.session_id = sso.id
        pending.selection = selection_to_json(chosen)
        pending.selection_key = chosen.key
        session.commit()
    return browser.go(provider.url("/authorize/resume?" + urlencode({"pending": pending_id})))


def _ensure_sso_session(session: Any, browser: Browser, user: User) -> SsoSession:
    cookie_name = "idp_session_sso"
    token = browser.http.cookies.get(cookie_name)
    if token:
        existing = session.get(SsoSession, token_hash(token))
        if existing is not None and existing.ended_at is None:
            return existing  # type: ignore[no-any-return]
    token = secrets.token_urlsafe(32)
    now = dt.datetime.now(dt.UTC)
    row = SsoSession(
        id=token_hash(token),
        sid=secrets.token_urlsafe(32),
        user_id=user.id,
        created_at=now,
        authenticated_at=now,
        last_seen_at=now,
        expires_at=now + dt.timedelta(hours=8),
        acr="urn:mandate-idp:acr:password",
        amr=["pwd"],
    )
    session.add(row)
    session.flush()
    host = urlsplit(browser.provider.issuer).hostname or "127.0.0.1"
    browser.http.cookies.set(cookie_name, token, domain=host, path="/")
    return row


def quick_code(provider: Provider, client: RegisteredClient, **params: str) -> tuple[dict[str, str], str, Browser]:
    """A code for ``client`` through /authorize and /authorize/resume; returns (callback query, verifier, browser)."""
    verifier, challenge = pkce_pair()
    browser = Browser(provider)
    params.setdefault("code_challenge", challenge)
    params.setdefault("code_challenge_method", "S256")
    step = browser.go(authorize_url(provider, client, **params))
    done = finish_login_directly(provider, browser, step)
    return code_for(browser, client, done), verifier, browser


def redeem(provider: Provider, client: RegisteredClient, code: str, verifier: str, **extra: str) -> requests.Response:
    data = {"grant_type": "authorization_code", "code": code, "redirect_uri": client.redirect_uris[0]}
    if verifier:
        data["code_verifier"] = verifier
    data.update(extra)
    return requests.post(provider.url("/token"), data=data, auth=client.basic, timeout=10)
