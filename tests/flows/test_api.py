"""The JSON API as an accountant's software uses it: the provider served over real HTTP, a client registered
for the API's scopes, an access token obtained through the real authorization code flow with PKCE by
Authlib's OAuth2Session (the user signs in on our pages), then plain ``requests`` calls: 200 mandates
created in bulk (a dry run first), listed in pages, signed in bulk by the counterparty with a second
user's token, one stopped; and the refusals (401, 403, 422)."""

from __future__ import annotations

import datetime as dt
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import requests
from authlib.common.security import generate_token
from authlib.integrations.requests_client import OAuth2Session
from sqlalchemy import select

from mandate_resolver.registry.models import Party, RightKind, User, UserRight
from tests.oidc_support import CALLBACK, EMMAUS, PWC, Browser, Provider, RegisteredClient

API_SCOPES = "openid mandates:read mandates:write"
ROWS = 200


def token_for(
    provider: Provider, client: RegisteredClient, username: str, scope: str = API_SCOPES, *, granted: str | None = None
) -> str:
    """Sign ``username`` in through the real journey and redeem the code with PKCE, as a client would."""
    rp = OAuth2Session(
        client.client_id, client.client_secret, scope=scope, redirect_uri=CALLBACK, code_challenge_method="S256"
    )
    verifier = generate_token(64)
    url, _ = rp.create_authorization_url(provider.url("/authorize"), code_verifier=verifier)
    browser = Browser(provider)
    done = browser.sign_in(browser.go(url), username)
    assert done.location.startswith(CALLBACK + "?"), done.html[:3000]
    token = rp.fetch_token(provider.url("/token"), authorization_response=done.location, code_verifier=verifier)
    assert set(token["scope"].split()) == set((scope if granted is None else granted).split())
    access: str = token["access_token"]
    return access


def make_manager(provider: Provider, username: str, organisation: str) -> None:
    """Give ``username`` the IDM right "SSM Mandaatbeheerder" for ``organisation`` (kbo:...)."""
    scheme, _, number = organisation.partition(":")
    with provider.sessions() as session:
        user = session.scalar(select(User).where(User.username == username))
        party = session.scalar(select(Party).where(Party.scheme == scheme, Party.identifier == number))
        assert user is not None and party is not None
        session.add(
            UserRight(
                user_id=user.id,
                organisation_id=party.id,
                right=RightKind.MANDATE_MANAGER,
                valid_from=dt.date.today() - dt.timedelta(days=1),
            )
        )
        session.commit()


class Api:
    """``requests`` with a bearer token, against ``/api/v1``."""

    def __init__(self, provider: Provider, token: str | None, language: str = "en") -> None:
        self.base = provider.url("/api/v1")
        self.http = requests.Session()
        self.http.headers["Accept-Language"] = language
        if token is not None:
            self.http.headers["Authorization"] = f"Bearer {token}"

    def get(self, path: str) -> requests.Response:
        return self.http.get(path if path.startswith("http") else self.base + path, timeout=30)

    def post(self, path: str, body: Any = None) -> requests.Response:
        return self.http.post(self.base + path, json=body, timeout=120)


def rows(count: int) -> list[dict[str, object]]:
    """Emmaüs gives PwC a WSE Loket mandate for each of ``count`` short periods, none overlapping."""
    today = dt.date.today()
    return [
        {
            "role": "mandator",
            "counterparty": PWC,
            "mandate_type": "wse_loket",
            "valid_from": (today + dt.timedelta(days=3 * i)).isoformat(),
            "valid_until": (today + dt.timedelta(days=3 * i + 1)).isoformat(),
            "reference": f"CLIENT-{i:04d}",
            "accept_contract": True,
        }
        for i in range(count)
    ]


def test_an_accountant_s_software_creates_lists_signs_and_stops_mandates_in_bulk(provider: Provider) -> None:
    client = provider.register(scopes=API_SCOPES.split(), mandate_types=[])
    make_manager(provider, "karel", PWC)
    sammy = Api(provider, token_for(provider, client, "sammy"))  # Emmaüs's legal representative
    assert EMMAUS in [party["id"] for party in sammy.get("/me").json()["parties"]]

    # A dry run checks all 200 rows and writes nothing; then for real.
    dry = sammy.post(f"/parties/{EMMAUS}/bulk/mandates", {"dry_run": True, "rows": rows(ROWS)})
    assert dry.status_code == 200, dry.text[:2000]
    assert dry.json() == {"dry_run": True, "rows": ROWS, "mandates": []}
    assert sammy.get(f"/parties/{EMMAUS}/mandates?listing=awaiting_other").json()["total"] == 0
    created = sammy.post(f"/parties/{EMMAUS}/bulk/mandates", {"rows": rows(ROWS)})
    assert created.status_code == 201, created.text[:2000]
    assert len(created.json()["mandates"]) == ROWS

    # Listed in pages of 50 by following ``next``.
    url: str | None = f"/parties/{EMMAUS}/mandates?listing=awaiting_other&limit=50"
    listed: list[str] = []
    while url is not None:
        page = sammy.get(url)
        assert page.status_code == 200
        listed += [m["id"] for m in page.json()["mandates"]]
        url = page.json()["next"]
    assert len(listed) == ROWS and set(listed) == {m["id"] for m in created.json()["mandates"]}

    # The counterparty signs them all at once, with its own user's token.
    karel = Api(provider, token_for(provider, client, "karel"))
    to_sign = karel.get(f"/parties/{PWC}/mandates?listing=to_sign&limit=200").json()
    assert to_sign["total"] == ROWS
    signed = karel.post(f"/parties/{PWC}/bulk/sign", {"mandate_ids": listed, "accept_contract": True})
    assert signed.status_code == 200, signed.text[:2000]
    assert {m["status"] for m in signed.json()["mandates"]} <= {"active", "future"}
    assert karel.get(f"/parties/{PWC}/mandates?listing=to_sign").json()["total"] == 0

    # One stopped by the mandator; its history tells who did what.
    first = listed[-1]
    stopped = sammy.post(f"/parties/{EMMAUS}/mandates/{first}/stop")
    assert stopped.status_code == 200 and stopped.json()["status"] == "stopped"
    history = sammy.get(f"/parties/{EMMAUS}/mandates/{first}").json()["history"]
    assert [entry["action"] for entry in history] == ["created", "signed", "stopped"]
    assert history[1]["actor"] == "Karel Janssens"


def test_refusals_over_http(provider: Provider) -> None:
    client = provider.register(scopes=API_SCOPES.split(), mandate_types=[])
    anonymous = Api(provider, None)
    response = anonymous.get(f"/parties/{EMMAUS}/mandates")
    assert response.status_code == 401
    assert response.headers["Content-Type"] == "application/problem+json"
    assert response.headers["WWW-Authenticate"].startswith("Bearer ")
    forged = Api(provider, "forged-" + generate_token(40)).get(f"/parties/{EMMAUS}/mandates")
    assert forged.status_code == 401 and 'error="invalid_token"' in forged.headers["WWW-Authenticate"]

    # Read only: the token was asked without mandates:write.
    reader = Api(provider, token_for(provider, client, "sammy", "openid mandates:read"))
    assert reader.get(f"/parties/{EMMAUS}/mandates").status_code == 200
    refused = reader.post(f"/parties/{EMMAUS}/mandates", rows(1)[0])
    assert refused.status_code == 403 and 'error="insufficient_scope"' in refused.headers["WWW-Authenticate"]

    # Sammy represents Emmaüs, not PwC (M05): nothing written.
    sammy = Api(provider, token_for(provider, client, "sammy"), language="nl")
    not_his = sammy.post(f"/parties/{PWC}/bulk/mandates", {"rows": rows(1)})
    assert not_his.status_code == 403 and not_his.json()["code"] == "authority.not_allowed"

    # One bad row among good ones: nothing is created, the row and its field are named, in Dutch.
    batch = rows(3)
    batch[1]["valid_from"] = "2001-01-01"
    batch[2]["counterparty"] = "kbo:0411515076"
    bad = sammy.post(f"/parties/{EMMAUS}/bulk/mandates", {"rows": batch})
    assert bad.status_code == 422
    errors = {(e["field"], e["code"]): e["message"] for e in bad.json()["errors"]}
    assert errors[("rows[1].valid_from", "mandate.start_in_past")] == "De begindatum ligt in het verleden."
    assert ("rows[2].counterparty", "identifier.checksum") in errors
    assert sammy.get(f"/parties/{EMMAUS}/mandates?listing=awaiting_other").json()["total"] == 0

    # The API is described where a client looks for it, without a token.
    document = anonymous.get("/openapi.json").json()
    assert document["servers"][0]["url"] == provider.url("/api/v1")


def test_two_retries_at_once_with_one_idempotency_key_create_once(provider: Provider) -> None:
    client = provider.register(scopes=API_SCOPES.split(), mandate_types=[])
    token = token_for(provider, client, "sammy")
    body = {"rows": rows(50)}

    def send() -> requests.Response:
        headers = {"Authorization": f"Bearer {token}", "Idempotency-Key": "batch-2026-001"}
        return requests.post(
            provider.url(f"/api/v1/parties/{EMMAUS}/bulk/mandates"), json=body, headers=headers, timeout=120
        )

    with ThreadPoolExecutor(max_workers=2) as pool:
        answers = list(pool.map(lambda _: send(), range(2)))
    statuses = sorted(answer.status_code for answer in answers)
    assert statuses in ([201, 201], [201, 409]), [a.text[:500] for a in answers]
    assert send().headers.get("Idempotent-Replayed") == "true"
    listed = Api(provider, token).get(f"/parties/{EMMAUS}/mandates?listing=awaiting_other&limit=200").json()
    assert listed["total"] == 50


def test_a_client_not_registered_for_the_api_scopes_does_not_get_them(provider: Provider) -> None:
    assert {"mandates:read", "mandates:write"} <= set(
        requests.get(provider.url("/.well-known/openid-configuration"), timeout=10).json()["scopes_supported"]
    )
    # Even the "full" claim profile leaves them out: they are registered by name only.
    client = provider.register(profile="full", mandate_types=[])
    token = token_for(provider, client, "sammy", API_SCOPES, granted="openid")
    response = Api(provider, token).get(f"/parties/{EMMAUS}/mandates")
    assert response.status_code == 403 and 'error="insufficient_scope"' in response.headers["WWW-Authenticate"]
