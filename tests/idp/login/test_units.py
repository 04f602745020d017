from __future__ import annotations

import base64
import datetime as dt
import json

import pytest
from flask import Flask

from idp.login import acr, throttle
from idp.login.journey import safe_next
from idp.selection.codec import SelectionDecodeError, selection_from_json, selection_to_json
from idp.selection.service import Hint, parse_hint
from mandate_resolver.types import Selection, SourceUnavailable
from tests.login_helpers import BAROCY, EMMAUS, SAMMY, citizen, employee, mandate

M = mandate(EMMAUS, BAROCY, "7c0e2a4e-4f0b-4b7e-9d8e-0c1f2a3b4c5d")


def _b64(data: object) -> str:
    return base64.b64encode(json.dumps(data).encode()).decode()


@pytest.mark.parametrize("option", [citizen(), employee(BAROCY), M])
def test_codec_round_trip(option: object) -> None:
    from mandate_resolver.types import Subject

    selection = Selection.of(option, Subject(SAMMY, "Sammy Roos"), dt.date(2025, 3, 1))  # type: ignore[arg-type]
    assert selection_from_json(json.loads(json.dumps(selection_to_json(selection)))) == selection


@pytest.mark.parametrize(
    "change",
    [
        {"capacity": "king"},
        {"principal": {"id": "0411515076", "id_type": "kbo", "name": "x", "target_group": "EA"}},
        {"checked_on": "yesterday"},
        {"key": 5},
        {"principal": None},
    ],
)
def test_codec_refuses_what_it_did_not_write(change: dict[str, object]) -> None:
    from mandate_resolver.types import Subject

    data = selection_to_json(Selection.of(M, Subject(SAMMY, "Sammy Roos"), dt.date(2025, 3, 1)))
    data.update(change)
    with pytest.raises(SelectionDecodeError):
        selection_from_json(data)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (_b64({"cap_hint": "EA", "code_hint": "0411515075"}), Hint("EA", "0411515075")),
        (_b64({"cap_hint": "ea", "code_hint": "BE 0411.515.075"}), Hint("EA", "0411515075")),
        (_b64({"mandate_hint": "abc"}), Hint(mandate_id="abc")),
        (_b64({"cap_hint": "BUR"}), Hint("BUR", "")),
        (_b64({"cap_hint": "EA", "code_hint": "0411515076"}), Hint("EA", "!invalid")),
        (
            base64.urlsafe_b64encode(b'{"cap_hint":"EA","code_hint":"0411515075"}').decode().rstrip("="),
            Hint("EA", "0411515075"),
        ),
        ("sammy@example.be", None),
        (_b64([1, 2]), None),
        (_b64({"cap_hint": 5}), None),
        ("x" * 5000, None),
        ("", None),
    ],
)
def test_parse_hint(raw: str, expected: Hint | None) -> None:
    assert parse_hint(raw) == expected


def test_a_hint_matches_only_its_option() -> None:
    hint = Hint("EA", EMMAUS.id)
    assert hint.matches(M) and not hint.matches(employee(BAROCY)) and not hint.matches(citizen())
    assert Hint("BUR", "").matches(citizen())
    assert Hint(mandate_id=M.mandate_id).matches(M)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("/portal", "/portal"),
        ("/select?x=1", "/select?x=1"),
        ("//evil.example", "/"),
        ("https://evil.example/", "/"),
        ("/\\evil.example", "/"),
        ("javascript:alert(1)", "/"),
        ("", "/"),
        (None, "/"),
    ],
)
def test_safe_next(app: Flask, value: str | None, expected: str) -> None:
    with app.test_request_context("/"):
        assert safe_next(value) == expected


def test_levels() -> None:
    assert acr.required_level([], "") == 0
    assert acr.required_level([acr.ACR_LOW, acr.ACR_SUBSTANTIAL], "") == 1
    assert acr.required_level([acr.ACR_LOW], acr.ACR_SUBSTANTIAL) == 2
    assert acr.required_level(["urn:unknown"], "") == 0
    assert acr.acr_for_level(2) == acr.ACR_SUBSTANTIAL


def test_delays_grow_and_cap() -> None:
    delays = [throttle.delay_after(n, 5) for n in range(30)]
    assert delays[:5] == [0] * 5
    assert delays == sorted(delays)
    assert max(delays) == throttle.MAX_DELAY_S == 900


def test_source_unavailable_is_importable() -> None:
    assert issubclass(SourceUnavailable, Exception)
