"""Single sign-on sessions, kept server-side in the database so every worker and host shares them.

The browser holds a random token in a cookie; the database holds its SHA-256, so a leaked database row
cannot be replayed as a cookie. A new token is issued at every authentication (session fixation, L01),
and a session ends at its idle timeout, at its absolute lifetime, or at logout (L07, L08).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from flask import current_app, g, request
from sqlalchemy import select, update
from werkzeug.wrappers import Response

from mandate_resolver.registry.models import User, as_utc, utcnow

from .database import db_session
from .models import SsoParticipant, SsoSession
from .settings import Settings

# Re-checked at most this often per session, so a busy page does not write on every request.
LAST_SEEN_GRANULARITY = dt.timedelta(seconds=30)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("ascii", "replace")).hexdigest()


def _settings() -> Settings:
    settings: Settings = current_app.extensions["idp.settings"]
    return settings


def _cookie_name() -> str:
    return _settings().session.cookie_name + "_sso"


@dataclass(frozen=True, slots=True)
class ActiveSession:
    """The live session of this request's browser and its person."""

    session: SsoSession
    user: User

    @property
    def authenticated_at(self) -> dt.datetime:
        return as_utc(self.session.authenticated_at)


def current_session(now: dt.datetime | None = None) -> ActiveSession | None:
    """The browser's live session, or None (no cookie, unknown, ended, idle too long or too old)."""
    if "sso_session" in g:
        cached: ActiveSession | None = g.sso_session
        return cached
    g.sso_session = _load_session(now or utcnow())
    return g.sso_session  # type: ignore[no-any-return]


def _load_session(now: dt.datetime) -> ActiveSession | None:
    token = request.cookies.get(_cookie_name())
    if not token or len(token) > 100:
        return None
    db = db_session()
    row = db.get(SsoSession, token_hash(token))
    if row is None or row.ended_at is not None:
        return None
    idle = dt.timedelta(seconds=_settings().session.idle_timeout_s)
    if as_utc(row.expires_at) <= now or as_utc(row.last_seen_at) + idle <= now:
        end_session(row, now=now)
        return None
    user = db.get(User, row.user_id)
    if user is None or user.disabled:
        end_session(row, now=now)
        return None
    if now - as_utc(row.last_seen_at) >= LAST_SEEN_GRANULARITY:
        row.last_seen_at = now
        db.commit()
    return ActiveSession(row, user)


def open_session(user: User, *, acr: str, amr: list[str], now: dt.datetime | None = None) -> ActiveSession:
    """Start a new session after a successful authentication, ending the browser's previous one.

    The new cookie is set on the response by ``set_session_cookie`` (called from an after-request hook).
    """
    now = now or utcnow()
    db = db_session()
    previous = current_session(now)
    if previous is not None:
        end_session(previous.session, now=now)
    token = secrets.token_urlsafe(32)
    row = SsoSession(
        id=token_hash(token),
        sid=secrets.token_urlsafe(32),
        user_id=user.id,
        created_at=now,
        authenticated_at=now,
        last_seen_at=now,
        expires_at=now + dt.timedelta(seconds=_settings().session.absolute_lifetime_s),
        acr=acr,
        amr=amr,
    )
    db.add(row)
    db.commit()
    active = ActiveSession(row, user)
    g.sso_session = active
    g.sso_cookie = token
    return active


def end_session(row: SsoSession, *, now: dt.datetime | None = None) -> list[SsoParticipant]:
    """End a session (logout, expiry). Returns the applications that took part, for logout propagation."""
    db = db_session()
    # Ending is a conditional update: two logouts at once end it once.
    db.execute(
        update(SsoSession)
        .where(SsoSession.id == row.id, SsoSession.ended_at.is_(None))
        .values(ended_at=now or utcnow())
    )
    participants = list(db.scalars(select(SsoParticipant).where(SsoParticipant.session_id == row.id)))
    db.commit()
    if "sso_session" in g and g.sso_session is not None and g.sso_session.session.id == row.id:
        g.sso_session = None
        g.sso_cookie = ""
    return participants


def add_participant(
    active: ActiveSession, *, protocol: str, client_id: str, selection_key: str, details: dict[str, object]
) -> SsoParticipant:
    """Record that ``client_id`` received a login from this session (replacing an earlier record)."""
    db = db_session()
    existing = db.scalar(
        select(SsoParticipant).where(
            SsoParticipant.session_id == active.session.id,
            SsoParticipant.protocol == protocol,
            SsoParticipant.client_id == client_id,
        )
    )
    if existing is None:
        existing = SsoParticipant(session_id=active.session.id, protocol=protocol, client_id=client_id)
        db.add(existing)
    existing.selection_key = selection_key
    existing.details = details
    db.commit()
    return existing


def participants(session_id: str) -> list[SsoParticipant]:
    return list(db_session().scalars(select(SsoParticipant).where(SsoParticipant.session_id == session_id)))


def set_session_cookie(response: Response) -> Response:
    """After-request hook: write or clear the session cookie when this request opened or ended one."""
    if "sso_cookie" not in g:
        return response
    settings = _settings()
    if g.sso_cookie:
        response.set_cookie(
            _cookie_name(),
            g.sso_cookie,
            max_age=settings.session.absolute_lifetime_s,
            secure=settings.cookie_secure,
            httponly=True,
            samesite="Lax",
            path="/",
        )
    else:
        response.delete_cookie(_cookie_name(), path="/", secure=settings.cookie_secure, httponly=True, samesite="Lax")
    return response
