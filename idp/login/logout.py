"""Logout: end the server-side session and tell every application that took part (L07).

The protocol layers register a propagator each; logout calls all of them with the ended session and its
participants. A propagator sends back-channel messages itself and may return front-channel URLs, which the
logged-out page loads in hidden frames (OIDC Front-Channel Logout, a SAML LogoutRequest by redirect).

    from idp.login.logout import register_logout_propagator

    @register_logout_propagator
    def tell_oidc_clients(session: SsoSession, participants: Sequence[SsoParticipant]) -> list[str]:
        oidc = [p for p in participants if p.protocol == "oidc"]
        send_backchannel_logout_tokens(session.sid, oidc)
        return [frontchannel_url(p, session.sid) for p in oidc]

A failing propagator is logged and skipped: logout at the provider always happens.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from typing import TypeAlias
from urllib.parse import urlsplit

from flask import g

from ..models import SsoParticipant, SsoSession
from ..sessions import ActiveSession, current_session, end_session

log = logging.getLogger(__name__)

LogoutPropagator: TypeAlias = Callable[[SsoSession, Sequence[SsoParticipant]], Iterable[str] | None]

_PROPAGATORS: list[LogoutPropagator] = []


def register_logout_propagator(propagator: LogoutPropagator) -> LogoutPropagator:
    """Call ``propagator`` at every logout (registering the same function twice registers it once)."""
    if propagator not in _PROPAGATORS:
        _PROPAGATORS.append(propagator)
    return propagator


def registered_propagators() -> tuple[LogoutPropagator, ...]:
    return tuple(_PROPAGATORS)


def log_out(active: ActiveSession) -> list[str]:
    """End ``active`` and propagate; returns the front-channel URLs the logged-out page must load."""
    session = active.session
    participants = end_session(session)
    urls: list[str] = []
    for propagator in registered_propagators():
        try:
            urls.extend(propagator(session, participants) or ())
        except Exception:
            log.exception("logout propagation by %r failed for session %s", propagator, session.sid)
    return [url for url in urls if url.startswith(("https://", "http://"))]


def add_frame_destination(url: str) -> None:
    """Note that a front-channel frame of this request goes on to ``url`` (a page of ours that posts a form
    to an application): the page framing it must allow that origin too, as CSP ``frame-src`` also governs
    where a frame navigates."""
    destinations: set[str] = g.setdefault("logout_frame_destinations", set())
    destinations.add(origin(url))


def frame_sources(urls: Iterable[str]) -> str:
    """The CSP ``frame-src`` sources of a page that frames ``urls``: their origins and their destinations'."""
    origins = {origin(url) for url in urls} | set(g.get("logout_frame_destinations", ()))
    return " ".join(sorted(origins))


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def log_out_current() -> list[str]:
    """End the browser's session, if any (the OIDC end_session and SAML SLO endpoints call this)."""
    active = current_session()
    return log_out(active) if active is not None else []
