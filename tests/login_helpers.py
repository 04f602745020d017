"""Test support for the login journey: people, applications, a scripted resolver chain, a protocol stub,
and a browser-like driver of the login forms.

The protocol stub is a tiny blueprint that stands where OIDC and SAML stand: it starts a pending login and
shows the result of ``take_result`` as JSON. It lives in the tests only, never in the product.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from html import unescape

import pyotp
import pytest
from flask import Blueprint, Flask, request
from flask.testing import FlaskClient
from sqlalchemy import update
from sqlalchemy.orm import Session
from werkzeug.test import TestResponse
from werkzeug.wrappers import Response

from idp.login.models import LoginCounter
from idp.login.pending import LoginRequest, start_login, take_result
from idp.login.throttle import ACCOUNT_FREE_FAILURES
from mandate_resolver.chain import ResolverChain
from mandate_resolver.identifiers import Insz, KboNumber, make_insz, make_kbo
from mandate_resolver.registry.models import (
    Application,
    ApplicationMandateType,
    Credential,
    MandateType,
    MandateTypeText,
    Party,
    PartyKind,
    User,
)
from mandate_resolver.registry.passwords import TEST_PROFILE, hash_password
from mandate_resolver.testing import StaticResolver
from mandate_resolver.types import (
    AccessPath,
    AppPolicy,
    Capacity,
    CitizenOption,
    EmployeeOption,
    LoginOption,
    MandateOption,
    MandateTypeRef,
    PathKind,
    SourceUnavailable,
    Subject,
)
from mandate_resolver.types import Party as PartyValue

PASSWORD = "correct horse battery staple"
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
SAMMY = Insz.parse("85073003328")
OTHER_PERSON = make_insz(dt.date(1990, 1, 1), 11)
EMMAUS = PartyValue(KboNumber.parse("0411515075"), "Emmaüs", "EA")
BAROCY = PartyValue(KboNumber.parse("0806154033"), "BAROCY", "EA")
IMEC = PartyValue(KboNumber.parse("0425260668"), "Interuniversitair Micro-Electronica Centrum", "EA")
PWC = PartyValue(make_kbo(4545454), "PricewaterhouseCoopers Tax Consultants", "EA")
WSE = MandateTypeRef("wse_loket", "WSE Loket", 104)
OTHER_TYPE = MandateTypeRef("fisc", "Fiscaal", 105)
SINCE = dt.date(2020, 1, 1)


# --- registry rows -------------------------------------------------------------------------------


def make_user(
    session: Session,
    username: str = "sammy",
    *,
    insz: Insz = SAMMY,
    name: str = "Sammy Roos",
    password: str | None = PASSWORD,
    totp_secret: str | None = None,
    password_hash: str | None = None,
    disabled: bool = False,
) -> User:
    person = Party(kind=PartyKind.PERSON, scheme="insz", identifier=insz.value, name=name, target_group="BUR")
    session.add(person)
    session.flush()
    user = User(person_id=person.id, username=username, disabled=disabled)
    session.add(user)
    session.flush()
    if password is not None:
        secret = password_hash or hash_password(password, profile=TEST_PROFILE)
        session.add(Credential(user_id=user.id, kind="password", secret=secret))
    if totp_secret is not None:
        session.add(Credential(user_id=user.id, kind="totp", secret=totp_secret))
    session.commit()
    return user


def make_application(
    session: Session,
    client_id: str,
    *,
    name: str | None = None,
    mandate_types: Sequence[MandateTypeRef] = (WSE,),
    allow_citizen: bool = True,
) -> Application:
    app = Application(
        client_id=client_id, name=name or client_id, protocol="oidc", allow_citizen=allow_citizen, enabled=True
    )
    session.add(app)
    session.flush()
    for ref in mandate_types:
        row = session.query(MandateType).filter_by(code=ref.code).one_or_none()
        if row is None:
            row = MandateType(code=ref.code, number=ref.number)
            row.texts.append(MandateTypeText(language="nl", name=ref.name))
            session.add(row)
            session.flush()
        session.add(ApplicationMandateType(application_id=app.id, mandate_type_id=row.id))
    session.commit()
    return app


# --- options and a scripted chain ----------------------------------------------------------------


def citizen(insz: Insz = SAMMY, name: str = "Sammy Roos") -> CitizenOption:
    return CitizenOption(f"citizen:{insz.value}", PartyValue(insz, name, "BUR"))


def employee(organisation: PartyValue) -> EmployeeOption:
    return EmployeeOption(f"idm:{organisation.id}", organisation, "Vaste Medewerker", SINCE, None)


def mandate(mandator: PartyValue, mandatee: PartyValue, mandate_id: str, kind: MandateTypeRef = WSE) -> MandateOption:
    return MandateOption(
        key=f"ssm:{mandate_id}",
        mandate_id=mandate_id,
        mandate_type=kind,
        valid_from=SINCE,
        valid_until=None,
        mandator=mandator,
        mandatee=mandatee,
        path=AccessPath(PathKind.EXECUTOR_RIGHT, SINCE, None),
    )


class ScriptedResolver(StaticResolver):
    """The package's ``StaticResolver`` answering per person and policy: ``options`` by INSZ, ``revoked``
    keys are gone (offered no more, refused at the re-check), ``failing`` makes the source unavailable."""

    def __init__(self, name: str, capacity: Capacity, *, failing: bool = False) -> None:
        super().__init__(name, capacity, self._allowed)
        self.options: dict[str, list[LoginOption]] = {}
        self.revoked: set[str] = set()
        self.failing = failing

    def _allowed(self, subject: Subject, policy: AppPolicy) -> list[LoginOption]:
        if self.failing:
            raise SourceUnavailable("unavailable", "scripted failure")
        found: list[LoginOption] = []
        for option in self.options.get(subject.identifier.value, []):
            if option.key in self.revoked:
                continue
            if isinstance(option, MandateOption) and not policy.accepts(option.mandate_type.code):
                continue
            if isinstance(option, CitizenOption) and not policy.allow_citizen:
                continue
            found.append(option)
        return found


@dataclass
class Scenario:
    """The resolvers of one test, by name: ``citizen``, ``idm``, ``ssm``."""

    citizen: ScriptedResolver
    idm: ScriptedResolver
    ssm: ScriptedResolver

    def give(self, insz: Insz, *options: LoginOption) -> None:
        for option in options:
            target = {Capacity.CITIZEN: self.citizen, Capacity.EMPLOYEE: self.idm, Capacity.MANDATE: self.ssm}[
                option.capacity
            ]
            target.options.setdefault(insz.value, []).append(option)


def install_scenario(app: Flask) -> Scenario:
    scenario = Scenario(
        ScriptedResolver("citizen", Capacity.CITIZEN),
        ScriptedResolver("idm", Capacity.EMPLOYEE),
        ScriptedResolver("ssm", Capacity.MANDATE),
    )
    previous = app.extensions.get("idp.chain")
    if previous is not None and hasattr(previous, "close"):
        previous.close()
    app.extensions["idp.chain"] = ResolverChain([scenario.citizen, scenario.idm, scenario.ssm], deadline_s=5.0)
    return scenario


# --- a protocol stand-in -------------------------------------------------------------------------


def stub_blueprint() -> Blueprint:
    bp = Blueprint("stub", __name__)

    @bp.get("/stub/start")
    def start() -> Response:
        args = request.args
        return start_login(
            LoginRequest(
                protocol="stub",
                client_id=args.get("client_id", "app-a"),
                resume_endpoint="stub.resume",
                protocol_request={"state": args.get("state", "")},
                force_authn=args.get("prompt") == "login",
                passive=args.get("prompt") == "none",
                select_account=args.get("prompt") == "select_account",
                max_age_s=int(args["max_age"]) if "max_age" in args else None,
                acr_values=args.get("acr_values", "").split(),
                login_hint=args.get("login_hint", ""),
            )
        )

    @bp.get("/stub/resume")
    def resume() -> dict[str, object]:
        pending = take_result(request.args.get("pending", ""))
        return {
            "error": pending.error,
            "selection_key": pending.selection_key,
            "selection": pending.selection,
            "user_id": pending.user_id,
            "session_id": pending.session_id,
        }

    return bp


# --- driving the forms ---------------------------------------------------------------------------

_INPUT = re.compile(r"<input\b([^>]*)>", re.S)
_ATTR = re.compile(r'([a-zA-Z_-]+)="([^"]*)"')


def inputs(page: str) -> list[dict[str, str]]:
    return [{k: unescape(v) for k, v in _ATTR.findall(tag)} for tag in _INPUT.findall(page)]


def hidden(page: str, name: str) -> str:
    for attrs in inputs(page):
        if attrs.get("name") == name and attrs.get("type") == "hidden":
            return attrs["value"]
    raise AssertionError(f"no hidden input {name!r} in page")


def radio_values(page: str) -> list[str]:
    return [a["value"] for a in inputs(page) if a.get("type") == "radio" and a.get("name") == "option"]


def follow(client: FlaskClient, response: TestResponse, *, limit: int = 10) -> TestResponse:
    """Follow 303 redirects (checking they are 303, SECURITY.md O29)."""
    for _ in range(limit):
        if response.status_code not in (301, 302, 303, 307, 308):
            return response
        assert response.status_code == 303, response.status_code
        response = client.get(response.headers["Location"])
    return response


def post_form(client: FlaskClient, url: str, page: str, data: Mapping[str, str]) -> TestResponse:
    form = {"csrf_token": hidden(page, "csrf_token")}
    with contextlib.suppress(AssertionError):
        form["pending"] = hidden(page, "pending")
    form.update(data)
    return client.post(url, data=form)


def current_totp(secret: str = TOTP_SECRET, *, at: dt.datetime | None = None) -> str:
    moment = at or dt.datetime.now(dt.UTC)
    return str(pyotp.TOTP(secret).at(moment))


def _step_time(step: int) -> dt.datetime:
    return dt.datetime.now(dt.UTC) + dt.timedelta(seconds=30 * step)


def start(client: FlaskClient, **params: str) -> TestResponse:
    """Start a login at the protocol stub and follow to the first page shown."""
    return follow(client, client.get("/stub/start", query_string=params))


def log_in(
    client: FlaskClient,
    page: TestResponse,
    *,
    username: str = "sammy",
    password: str = PASSWORD,
    totp_secret: str | None = None,
    totp_step: int = 0,
) -> TestResponse:
    """Fill the login page (and the one-time code page) and follow to what comes next.

    ``totp_step`` 1 uses the next period's code (accepted as clock drift): a second login within one period
    needs it, since a code is accepted once.
    """
    text = page.get_data(as_text=True)
    response = follow(client, post_form(client, "/login/password", text, {"username": username, "password": password}))
    if totp_secret is not None:
        text = response.get_data(as_text=True)
        assert 'name="code"' in text
        response = follow(
            client,
            post_form(client, "/login/totp", text, {"code": current_totp(totp_secret, at=_step_time(totp_step))}),
        )
    return response


def choose(client: FlaskClient, page: TestResponse, key: str) -> TestResponse:
    return follow(client, post_form(client, "/select", page.get_data(as_text=True), {"option": key}))


def session_cookie(client: FlaskClient) -> str | None:
    cookie = client.get_cookie("idp_session_sso")
    return cookie.value if cookie is not None else None


def keys_of(options: Iterable[LoginOption]) -> list[str]:
    return [option.key for option in options]


def hold_blocks(journey: Journey, free: int = ACCOUNT_FREE_FAILURES, kind: str = "account") -> None:
    """Make every block the failures so far earned on ``kind`` counters last 10 minutes, as it would after
    more failures: the assertions then do not depend on how fast this machine runs the attempts."""
    later = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=10)
    held = (LoginCounter.failures >= free) & LoginCounter.key.startswith(kind + ":")
    journey.session.execute(update(LoginCounter).where(held).values(blocked_until=later))
    journey.session.commit()


# --- fixtures --------------------------------------------------------------------------------------


@dataclass
class Journey:
    app: Flask
    client: FlaskClient
    scenario: Scenario
    session: Session


@pytest.fixture
def journey(app: Flask, session: Session) -> Iterator[Journey]:
    """An app with the protocol stub, a scripted chain, Sammy (password + TOTP) and two applications."""
    app.register_blueprint(stub_blueprint())
    # Users get light hashes here, so unknown users are checked against a light dummy too (same cost).
    app.extensions["idp.password_profile"] = TEST_PROFILE
    scenario = install_scenario(app)
    make_user(session, totp_secret=TOTP_SECRET)
    make_application(session, "app-a", name="Toepassing A")
    make_application(session, "app-b", name="Toepassing B")
    make_application(session, "app-c", name="Toepassing C", mandate_types=(OTHER_TYPE,))
    yield Journey(app, app.test_client(), scenario, session)
    app.extensions["idp.chain"].close()
