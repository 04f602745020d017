"""L06: unknown user, wrong password and disabled account look identical: message, status, timing."""

from __future__ import annotations

import datetime as dt
import statistics
import time

from flask.testing import FlaskClient

from idp.login import authn, throttle
from mandate_resolver.identifiers import make_insz
from mandate_resolver.registry.passwords import DEFAULT_PROFILE, hash_password
from tests.login_helpers import OTHER_PERSON, PASSWORD, Journey, hidden, hold_blocks, make_user, start


def _attempt(client: FlaskClient, username: str, password: str) -> tuple[int, str, float]:
    page = start(client).get_data(as_text=True)
    data = {"username": username, "password": password, "pending": hidden(page, "pending")}
    data["csrf_token"] = hidden(page, "csrf_token")
    began = time.perf_counter()
    response = client.post("/login/password", data=data)
    elapsed = time.perf_counter() - began
    text = response.get_data(as_text=True)
    # The pending id and CSRF token differ per page; the rest must not.
    body = text.replace(hidden(text, "pending"), "P").replace(hidden(text, "csrf_token"), "T")
    return response.status_code, body.replace(f'value="{username}"', 'value="U"'), elapsed


def test_L06_same_answer_and_similar_timing(journey: Journey) -> None:
    # Production-strength hashes on both real accounts, so the dummy verification costs the same.
    strong = hash_password(PASSWORD, profile=DEFAULT_PROFILE)
    make_user(journey.session, "real", insz=OTHER_PERSON, name="Real Person", password_hash=strong)

    make_user(
        journey.session,
        "gone",
        insz=make_insz(dt.date(1970, 5, 5), 21),
        name="Gone",
        password_hash=strong,
        disabled=True,
    )
    journey.app.extensions["idp.password_profile"] = DEFAULT_PROFILE
    authn.dummy_hash(DEFAULT_PROFILE)  # made once per process; not part of the measured time
    cases = {
        "unknown": ("nobody-here", "whatever"),
        "wrong": ("real", "wrong password"),
        "disabled": ("gone", PASSWORD),
    }
    answers: dict[str, set[tuple[int, str]]] = {}
    timings: dict[str, list[float]] = {}
    for _round in range(3):
        for name, (username, password) in cases.items():
            client = journey.app.test_client()
            status, body, elapsed = _attempt(client, username, password)
            answers.setdefault(name, set()).add((status, body))
            timings.setdefault(name, []).append(elapsed)
    bodies = {next(iter(found)) for found in answers.values()}
    assert len(bodies) == 1, "different answers for unknown, wrong and disabled"
    status, body = bodies.pop()
    assert status == 400 and "gebruikersnaam of het wachtwoord is niet juist" in body
    medians = {name: statistics.median(values) for name, values in timings.items()}
    assert max(medians.values()) < 3 * min(medians.values()), medians


def test_L06_throttled_answer_is_the_same_for_existing_and_unknown_accounts(journey: Journey) -> None:
    def status_after_failures(username: str) -> int:
        client = journey.app.test_client()
        for n in range(throttle.ACCOUNT_FREE_FAILURES):
            assert _attempt(client, username, f"wrong-{n}")[0] == 400
        hold_blocks(journey)
        return _attempt(client, username, "wrong-again")[0]

    assert status_after_failures("sammy") == status_after_failures("nobody-at-all") == 429
