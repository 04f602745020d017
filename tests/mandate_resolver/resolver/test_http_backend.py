"""The HTTP backends against faults (requests-mock): timeouts, 5xx, malformed, oversized and lying replies.

Whatever goes wrong, the source fails as a whole (SECURITY.md M03): no option is ever built from a part of
a reply, and the wait is bounded by the timeouts and the number of retries.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import requests
import requests_mock

from mandate_resolver.chain import ResolverChain
from mandate_resolver.citizen import CitizenHttpBackend, CitizenResolver
from mandate_resolver.http import HttpOptions
from mandate_resolver.idm import IdmHttpBackend, IdmResolver
from mandate_resolver.ssm import SsmHttpBackend, SsmResolver
from mandate_resolver.testing import sample_mandate_option, sample_subject
from mandate_resolver.types import (
    AccessPath,
    AppPolicy,
    Capacity,
    CappedCount,
    PageRequest,
    PathKind,
    Principal,
    Resolution,
    SourceUnavailable,
    Window,
)
from mandate_resolver.wire import encode_check, encode_resolution
from tests.mandate_resolver.resolver.resolver_helpers import TODAY

BASE = "https://registry.example/registry-api/v1"
SUBJECT = sample_subject()
POLICY = AppPolicy(TODAY, frozenset({"wse_loket"}), legal_representatives=False)
PAGES = re.compile(re.escape(f"{BASE}/persons/{SUBJECT.identifier.value}/options/ssm") + r"(\?.*)?$")
CHECKS = re.compile(re.escape(f"{BASE}/persons/{SUBJECT.identifier.value}/options/ssm/") + r".+")
OPTION = sample_mandate_option()


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def ssm(clock: Clock) -> Iterator[SsmResolver]:
    resolver = SsmResolver(SsmHttpBackend(HttpOptions(base_url=BASE, timeout_s=0.5, retries=1), clock=clock))
    yield resolver
    resolver.close()


@pytest.fixture
def remote() -> Iterator[requests_mock.Mocker]:
    with requests_mock.Mocker() as mocker:
        yield mocker


def page_body(*options: object, more: bool = False) -> bytes:
    """A page with Emmaüs as the one principal: with OPTION, or with ``options`` as JSON instead."""
    principal = Principal(OPTION.mandator, Capacity.MANDATE, "remote", "emmaüs", (OPTION,))
    document = json.loads(encode_resolution(Resolution((principal,), more, CappedCount(1))))
    if options:
        document["principals"][0]["options"] = list(options)
    return json.dumps(document).encode()


def option_json(**changes: object) -> dict[str, object]:
    document: dict[str, object] = json.loads(page_body())["principals"][0]["options"][0]
    document.update(changes)
    return document


def test_a_page_from_the_registry_becomes_options_keyed_for_this_resolver(
    ssm: SsmResolver, remote: requests_mock.Mocker
) -> None:
    remote.get(PAGES, content=page_body(), headers={"Content-Type": "application/json"})

    page = ssm.resolve(SUBJECT, POLICY, PageRequest())

    [principal] = page.principals
    assert principal.source == "ssm" and principal.options[0] == OPTION
    query = remote.last_request.qs
    assert query["on"] == [TODAY.isoformat()] and query["types"] == ["wse_loket"] and query["limit"] == ["50"]
    assert remote.last_request.headers["Accept"] == "application/json"


def test_the_bearer_token_comes_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, remote: requests_mock.Mocker
) -> None:
    monkeypatch.setenv("REGISTRY_TOKEN", "s" * 40)
    backend = SsmHttpBackend(HttpOptions(base_url=BASE, token_env="REGISTRY_TOKEN"))
    remote.get(PAGES, content=page_body(), headers={"Content-Type": "application/json"})

    SsmResolver(backend).resolve(SUBJECT, POLICY, PageRequest())

    assert remote.last_request.headers["Authorization"] == "Bearer " + "s" * 40
    backend.close()


@pytest.mark.parametrize(
    "fault",
    [
        {"exc": requests.exceptions.ConnectTimeout},
        {"exc": requests.exceptions.ReadTimeout},
        {"exc": requests.exceptions.ConnectionError},
        {"status_code": 500},
        {"status_code": 503},
    ],
    ids=["connect-timeout", "read-timeout", "refused", "500", "503"],
)
def test_M03_a_transient_fault_is_retried_a_bounded_number_of_times_then_the_source_fails(
    ssm: SsmResolver, remote: requests_mock.Mocker, fault: dict[str, object]
) -> None:
    remote.get(PAGES, **fault)  # type: ignore[arg-type]

    with pytest.raises(SourceUnavailable) as raised:
        ssm.resolve(SUBJECT, POLICY, PageRequest())

    assert raised.value.reason == "unavailable"
    assert remote.call_count == 2  # the first try and one retry


def test_a_500_followed_by_an_answer_succeeds_on_the_retry(ssm: SsmResolver, remote: requests_mock.Mocker) -> None:
    remote.get(PAGES, [{"status_code": 500}, {"content": page_body(), "headers": {"Content-Type": "application/json"}}])

    assert ssm.resolve(SUBJECT, POLICY, PageRequest()).principals
    assert remote.call_count == 2


@pytest.mark.parametrize("status", [400, 401, 403, 404, 302])
def test_an_answer_that_another_try_would_not_change_fails_at_once(
    ssm: SsmResolver, remote: requests_mock.Mocker, status: int
) -> None:
    remote.get(PAGES, status_code=status, headers={"Location": "https://elsewhere.example/"})

    with pytest.raises(SourceUnavailable):
        ssm.resolve(SUBJECT, POLICY, PageRequest())
    assert remote.call_count == 1  # and a redirect is never followed


def big(size: int) -> bytes:
    return b'{"principals": [], "more": false, "count": {"value": 0, "capped": false}, "x": "' + b"a" * size + b'"}'


@pytest.mark.parametrize(
    ("body", "headers"),
    [
        (b"<html>oops</html>", {"Content-Type": "text/html"}),
        (b"not json", {"Content-Type": "application/json"}),
        (b'{"principals": [], "more": false}', {"Content-Type": "application/json"}),
        (b'{"principals": [], "more": false, "more": true, "count": {"value": 0, "capped": false}}', {}),
        (b'{"principals": [], "more": NaN, "count": {"value": 0, "capped": false}}', {}),
        (b'{"principals": [], "more": false, "count": {"value": 0, "capped": false}, "extra": 1}', {}),
        (b'{"principals": [], "more": true, "count": {"value": 0, "capped": false}}', {}),
        (b"\xff\xfe", {}),
        (b"[" * 100_000 + b"]" * 100_000, {}),
    ],
    ids=[
        "html",
        "garbage",
        "missing-field",
        "duplicate-key",
        "nan",
        "extra-field",
        "more-after-nothing",
        "not-utf8",
        "deep",
    ],
)
def test_M03_a_malformed_or_oversized_reply_fails_the_source(
    ssm: SsmResolver, remote: requests_mock.Mocker, body: bytes, headers: dict[str, str]
) -> None:
    remote.get(PAGES, content=body, headers={"Content-Type": "application/json", **headers})

    with pytest.raises(SourceUnavailable) as raised:
        ssm.resolve(SUBJECT, POLICY, PageRequest())

    assert raised.value.reason in {"invalid_reply", "unavailable"}


@pytest.mark.parametrize(
    ("body", "headers"),
    [(big(2_000_000), {}), (big(10), {"Content-Length": "5000000"})],
    ids=["streamed-without-length", "said-up-front"],
)
def test_M03_an_oversized_reply_is_not_read_beyond_the_limit(
    ssm: SsmResolver, remote: requests_mock.Mocker, body: bytes, headers: dict[str, str]
) -> None:
    remote.get(PAGES, content=body, headers={"Content-Type": "application/json", **headers})

    with pytest.raises(SourceUnavailable, match="larger than 1000000 bytes"):
        ssm.resolve(SUBJECT, POLICY, PageRequest())


@pytest.mark.parametrize(
    "option",
    [
        option_json(mandatee={"scheme": "kbo", "id": "0806154034", "name": "BAROCY", "target_group": "EA"}),
        option_json(mandatee={"scheme": "kbo", "id": "0806.154.033", "name": "BAROCY", "target_group": "EA"}),
        option_json(mandatee={"scheme": "kbo", "id": "0806154033", "name": "B" * 201, "target_group": "EA"}),
        option_json(mandatee={"scheme": "kbo", "id": "٠٨٠٦١٥٤٠٣٣", "name": "BAROCY", "target_group": "EA"}),
        option_json(mandatee={"scheme": "vat", "id": "0806154033", "name": "BAROCY", "target_group": "EA"}),
        option_json(mandate_id="7C0E2A4E-4F0B-4B7E-9D8E-0C1F2A3B4C5D"),
        option_json(mandate_id="1; DROP TABLE mandates"),
        option_json(valid_from="2025-13-01"),
        option_json(valid_from=(TODAY + dt.timedelta(days=1)).isoformat()),  # M11: not yet valid
        option_json(valid_until=(TODAY - dt.timedelta(days=1)).isoformat()),  # M11: expired
        option_json(mandate_type={"code": "fisc", "name": "Fiscaal", "number": None}),  # a type not accepted
        option_json(path={"kind": "legal_representative", "valid_from": None, "valid_until": None, "function": ""}),
        option_json(
            path={"kind": "executor_right", "valid_from": "2020-01-01", "valid_until": "2021-01-01", "function": ""}
        ),
        option_json(path={"kind": "person_mandatee", "valid_from": None, "valid_until": None, "function": ""}),
        option_json(path={"kind": "by_magic", "valid_from": None, "valid_until": None, "function": ""}),
        option_json(mandator={"scheme": "kbo", "id": "0806154033", "name": "BAROCY", "target_group": "EA"}),
    ],
    ids=[
        "bad-check-digits",
        "not-canonical",
        "name-too-long",
        "unicode-digits",
        "unknown-scheme",
        "upper-case-uuid",
        "injection",
        "impossible-date",
        "not-yet-valid",
        "expired",
        "type-not-accepted",
        "legal-path-without-feature",
        "expired-right",
        "person-path-of-someone-else",
        "unknown-path",
        "option-of-another-principal",
    ],
)
def test_M04_every_identifier_and_rule_in_a_reply_is_checked_again(
    ssm: SsmResolver, remote: requests_mock.Mocker, option: dict[str, object]
) -> None:
    remote.get(PAGES, content=page_body(option), headers={"Content-Type": "application/json"})

    with pytest.raises(SourceUnavailable) as raised:
        ssm.resolve(SUBJECT, POLICY, PageRequest())

    assert raised.value.reason == "invalid_reply"


def test_a_reply_out_of_order_before_the_cursor_or_longer_than_asked_fails_the_source(
    ssm: SsmResolver, remote: requests_mock.Mocker
) -> None:
    document = json.loads(page_body())
    document["principals"] = document["principals"] * 2
    remote.get(PAGES, content=json.dumps(document).encode(), headers={"Content-Type": "application/json"})

    with pytest.raises(SourceUnavailable):
        ssm.resolve(SUBJECT, POLICY, PageRequest(size=1))
    with pytest.raises(SourceUnavailable):
        ssm.resolve(SUBJECT, POLICY, PageRequest(size=2))


def test_pages_are_cached_briefly_and_checks_never(
    ssm: SsmResolver, remote: requests_mock.Mocker, clock: Clock
) -> None:
    remote.get(PAGES, content=page_body(), headers={"Content-Type": "application/json"})
    remote.get(CHECKS, content=encode_check(OPTION), headers={"Content-Type": "application/json"})

    ssm.resolve(SUBJECT, POLICY, PageRequest())
    ssm.resolve(SUBJECT, POLICY, PageRequest())
    clock.now += 11  # past the 10 s default
    ssm.resolve(SUBJECT, POLICY, PageRequest())
    for _ in range(3):
        assert ssm.check(SUBJECT, POLICY, OPTION.key) == OPTION

    pages = [r for r in remote.request_history if PAGES.match(r.url)]
    assert len(pages) == 2 and remote.call_count == 5


def test_M08_a_check_the_registry_refuses_is_refused(ssm: SsmResolver, remote: requests_mock.Mocker) -> None:
    remote.get(CHECKS, content=encode_check(None), headers={"Content-Type": "application/json"})

    assert ssm.check(SUBJECT, POLICY, OPTION.key) is None
    ref = OPTION.key.removeprefix("ssm:")
    assert remote.last_request.path.endswith(f"/options/ssm/{ref}")


def test_a_check_answered_with_another_option_fails_the_source(ssm: SsmResolver, remote: requests_mock.Mocker) -> None:
    other = sample_mandate_option(path=AccessPath(PathKind.EXECUTOR_RIGHT, dt.date(2020, 1, 1), None))
    remote.get(CHECKS, content=encode_check(other), headers={"Content-Type": "application/json"})

    with pytest.raises(SourceUnavailable):
        ssm.check(SUBJECT, POLICY, "ssm:00000000-0000-4000-8000-000000000000:kbo:0806154033")


def test_M04_a_tampered_key_never_reaches_the_registry(ssm: SsmResolver, remote: requests_mock.Mocker) -> None:
    for key in ("ssm:../../admin", "ssm:7c0e2a4e-4f0b-4b7e-9d8e-0c1f2a3b4c5d:kbo:0806154034", "ssm:x/y"):
        assert ssm.check(SUBJECT, POLICY, key) is None
    assert remote.call_count == 0


def test_M03_through_the_chain_the_screen_says_mandates_are_unavailable(remote: requests_mock.Mocker) -> None:
    remote.get(PAGES, status_code=500)
    options = HttpOptions(base_url=BASE, retries=0)
    idm_pages = re.compile(re.escape(f"{BASE}/persons/{SUBJECT.identifier.value}/options/idm") + r"(\?.*)?$")
    citizen_pages = re.compile(re.escape(f"{BASE}/persons/{SUBJECT.identifier.value}/options/citizen") + r"(\?.*)?$")
    empty = encode_resolution(Resolution())
    remote.get(idm_pages, content=empty, headers={"Content-Type": "application/json"})
    remote.get(citizen_pages, content=empty, headers={"Content-Type": "application/json"})
    chain = ResolverChain(
        [
            CitizenResolver(CitizenHttpBackend(options)),
            IdmResolver(IdmHttpBackend(options)),
            SsmResolver(SsmHttpBackend(options)),
        ]
    )

    result = chain.resolve_options(SUBJECT, POLICY)

    assert result.mandates_unavailable and [f.source for f in result.failures] == ["ssm"]
    # A registry that does not know the person still leaves "as myself", with the name they logged in with.
    assert [(p.capacity, p.party.name) for p in result.principals] == [(Capacity.CITIZEN, "Sammy Roos")]
    chain.close()


def test_a_window_past_the_sources_capacity_asks_only_for_the_count(
    ssm: SsmResolver, remote: requests_mock.Mocker
) -> None:
    remote.get(PAGES, content=encode_resolution(Resolution()), headers={"Content-Type": "application/json"})

    ssm.backend.page(SUBJECT, POLICY, Window(size=5, past=True), "ssm")

    assert remote.last_request.qs["count_only"] == ["true"]


def test_connections_are_kept_alive_and_reused() -> None:
    """Against a server that keeps connections open (HTTP/1.1), five calls use one connection."""
    body = encode_resolution(Resolution())

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        connections = 0

        def setup(self) -> None:
            type(self).connections += 1
            super().setup()

        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    backend = SsmHttpBackend(HttpOptions(base_url=f"http://127.0.0.1:{server.server_port}/v1", cache_ttl_s=0))
    try:
        for day in range(5):
            policy = AppPolicy(TODAY + dt.timedelta(days=day), frozenset({"wse_loket"}))
            assert backend.page(SUBJECT, policy, Window(), "ssm") == Resolution()
    finally:
        backend.close()
        server.shutdown()
        thread.join(timeout=5)

    assert Handler.connections == 1
