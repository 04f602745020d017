"""The HTTP side of the resolvers: a careful JSON client for an external registry service that speaks
``docs/registry-api.yaml`` (another instance of this provider, or a service written to that contract).

Careful means: a connect and a read timeout and an overall deadline per call, a bounded number of retries
on idempotent calls (every call is a GET) with a short back-off, pooled keep-alive connections, replies
read up to a size limit and never further, and a short TTL cache for pages (never for the re-check of a
posted choice, which must be exact). Anything unexpected becomes
:class:`~mandate_resolver.types.SourceUnavailable`: the chain then fails closed for that source.

>>> options = HttpOptions(base_url="https://registry.example/registry-api/v1", timeout_s=1.5)
>>> options.retries, options.cache_ttl_s
(1, 10.0)
>>> HttpOptions(base_url="http://registry.example")
Traceback (most recent call last):
  ...
mandate_resolver.plugins.OptionError: base_url: plain http is only allowed to localhost (or set allow_insecure_http)
"""

from __future__ import annotations

import ipaddress
import logging
import os
import re
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Final
from urllib.parse import quote, urlsplit

import requests
from requests.adapters import HTTPAdapter

from mandate_resolver.plugins import OptionError
from mandate_resolver.types import SourceUnavailable

__all__ = ["HttpOptions", "RegistryClient"]

log = logging.getLogger(__name__)

USER_AGENT: Final = "mandate-resolver/1 (+docs/registry-api.yaml)"
# Statuses worth another try of an idempotent call: the server or a proxy in front of it was in trouble.
RETRY_STATUSES: Final = frozenset({500, 502, 503, 504})
_BACKOFF_S: Final = 0.05
_CHUNK: Final = 16 * 1024
_ENV_NAME: Final = re.compile(r"[A-Z_][A-Z0-9_]{0,127}")


@dataclass(frozen=True, slots=True)
class HttpOptions:
    """Options of every ``http`` backend (``resolvers[i].options`` in the configuration).

    ``base_url`` is the contract's base (``https://registry.example/registry-api/v1``); ``token_env`` the
    name of the environment variable holding the bearer token (never the token itself in a file).
    """

    base_url: str
    token_env: str = ""
    timeout_s: float = 2.0
    retries: int = 1
    cache_ttl_s: float = 10.0
    cache_entries: int = 1024
    max_response_bytes: int = 1_000_000
    verify_tls: bool = True
    ca_bundle: str = ""
    allow_insecure_http: bool = False

    def __post_init__(self) -> None:
        _check_url(self.base_url, self.allow_insecure_http)
        if self.token_env:
            if not _ENV_NAME.fullmatch(self.token_env):
                raise OptionError("token_env", "must be the name of an environment variable (A-Z, 0-9, _)")
            if not os.environ.get(self.token_env):
                raise OptionError("token_env", f"environment variable {self.token_env} is not set")
        _check_range("timeout_s", self.timeout_s, 0.05, 30)
        _check_range("retries", self.retries, 0, 3)
        _check_range("cache_ttl_s", self.cache_ttl_s, 0, 300)
        _check_range("cache_entries", self.cache_entries, 1, 100_000)
        _check_range("max_response_bytes", self.max_response_bytes, 1024, 10_000_000)
        if self.ca_bundle and not os.path.isfile(self.ca_bundle):
            raise OptionError("ca_bundle", f"no such file: {self.ca_bundle}")

    @property
    def token(self) -> str:
        return os.environ.get(self.token_env, "") if self.token_env else ""


def _check_range(key: str, value: float, low: float, high: float) -> None:
    if not low <= value <= high:
        raise OptionError(key, f"must be between {low} and {high}, not {value}")


def _check_url(url: str, allow_insecure_http: bool) -> None:
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise OptionError("base_url", "is not a valid URL") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise OptionError("base_url", "must be an http or https URL")
    if parts.username or parts.password or parts.query or parts.fragment:
        raise OptionError("base_url", "must not hold credentials, a query or a fragment")
    if port == 0:
        raise OptionError("base_url", "has no valid port")
    if parts.scheme == "http" and not allow_insecure_http and not _is_loopback(parts.hostname):
        # The bearer token and personal numbers travel in every call: never in clear over a network.
        raise OptionError("base_url", "plain http is only allowed to localhost (or set allow_insecure_http)")


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class RegistryClient:
    """GET JSON documents from one registry service, within the limits of :class:`HttpOptions`.

    >>> client = RegistryClient(HttpOptions(base_url="https://registry.example/registry-api/v1"))
    >>> client.url("persons", "85073003328", "options", "ssm")
    'https://registry.example/registry-api/v1/persons/85073003328/options/ssm'
    >>> client.close()
    """

    def __init__(
        self,
        options: HttpOptions,
        *,
        clock: Callable[[], float] = time.monotonic,
        session: requests.Session | None = None,
    ) -> None:
        self.options = options
        self._clock = clock
        self._base = options.base_url.rstrip("/")
        self._session = session or requests.Session()
        # Keep-alive connections, reused by every thread of the chain; retries are ours (below), not urllib3's.
        adapter = HTTPAdapter(pool_connections=4, pool_maxsize=32, max_retries=0)
        self._session.mount("https://", adapter)
        self._session.mount("http://", adapter)
        self._session.headers.update({"Accept": "application/json", "User-Agent": USER_AGENT})
        self._session.trust_env = False  # no proxy or .netrc credentials picked up from the environment
        token = options.token
        if token:
            self._session.headers["Authorization"] = f"Bearer {token}"

    def url(self, *segments: str) -> str:
        """The URL of a path below ``base_url``; every segment is percent-encoded."""
        return self._base + "".join("/" + quote(segment, safe=":") for segment in segments)

    def get(self, segments: tuple[str, ...], params: Mapping[str, str]) -> bytes:
        """The body of a 200 reply; :class:`SourceUnavailable` for anything else (a 404 too: the contract
        answers "nothing" with an empty 200, so a 404 means a wrong ``base_url``)."""
        url = self.url(*segments)
        timeout = self.options.timeout_s
        attempts = 1 + self.options.retries
        deadline = self._clock() + attempts * timeout + self.options.retries * _BACKOFF_S * 4
        last = "no attempt"
        for attempt in range(attempts):
            if attempt:
                time.sleep(min(_BACKOFF_S * 2 ** (attempt - 1), max(deadline - self._clock(), 0)))
            try:
                return self._get_once(url, params, deadline)
            except _RetryableError as exc:
                last = str(exc)
                log.info("registry %s: attempt %d of %d failed: %s", self._base, attempt + 1, attempts, last)
            if self._clock() + timeout > deadline:
                break
        raise SourceUnavailable("unavailable", last)

    def _get_once(self, url: str, params: Mapping[str, str], deadline: float) -> bytes:
        options = self.options
        verify: bool | str = options.ca_bundle or options.verify_tls
        try:
            response = self._session.get(
                url,
                params=dict(params),
                timeout=(options.timeout_s, options.timeout_s),
                stream=True,
                allow_redirects=False,
                verify=verify,
            )
        except (requests.ConnectionError, requests.Timeout) as exc:
            raise _RetryableError(f"{exc.__class__.__name__}") from None
        except requests.RequestException as exc:
            raise SourceUnavailable("unavailable", exc.__class__.__name__) from None
        with response:
            status = response.status_code
            if status in RETRY_STATUSES:
                raise _RetryableError(f"HTTP {status}")
            if status != 200:
                raise SourceUnavailable("unavailable", f"HTTP {status}")
            content_type = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
            if content_type != "application/json":
                raise SourceUnavailable("invalid_reply", f"content type {content_type[:60]!r}")
            return self._read_body(response, deadline)

    def _read_body(self, response: requests.Response, deadline: float) -> bytes:
        limit = self.options.max_response_bytes
        declared = response.headers.get("Content-Length")
        if declared is not None and (not declared.isdigit() or int(declared) > limit):
            raise SourceUnavailable("invalid_reply", f"reply larger than {limit} bytes")
        body = bytearray()
        try:
            for chunk in response.iter_content(_CHUNK):
                body.extend(chunk)
                # Bounded in size and in time: a server that drips bytes never holds the chain.
                if len(body) > limit:
                    raise SourceUnavailable("invalid_reply", f"reply larger than {limit} bytes")
                if self._clock() > deadline:
                    raise SourceUnavailable("unavailable", "reply too slow")
        except requests.RequestException as exc:
            raise _RetryableError(f"reading the reply: {exc.__class__.__name__}") from None
        return bytes(body)

    def close(self) -> None:
        self._session.close()


class _RetryableError(Exception):
    """A failure another attempt may not have: connection refused or reset, timeout, HTTP 5xx."""
