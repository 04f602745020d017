"""Housekeeping deletes what expired more than a day ago, and nothing that can still be used."""

from __future__ import annotations

import datetime as dt
import threading

from click.testing import CliRunner
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from idp.cli import main
from idp.housekeeping import Housekeeper, purge_expired_state
from idp.login.models import LoginCounter
from idp.models import PendingLogin, PortalEntry, SsoSession
from idp.saml.models import SeenRequestId
from idp.settings import Settings
from mandate_resolver.registry.models import User, utcnow
from tests.login_helpers import make_user

NOW = utcnow()
OLD = NOW - dt.timedelta(days=2)
RECENT = NOW - dt.timedelta(hours=1)


def _session_row(user: User, name: str, *, ended_at: dt.datetime | None, expires_at: dt.datetime) -> SsoSession:
    return SsoSession(
        id=name.ljust(64, "0"),
        sid=name.ljust(43, "0"),
        user_id=user.id,
        created_at=OLD,
        authenticated_at=OLD,
        last_seen_at=OLD,
        expires_at=expires_at,
        acr="",
        amr=[],
        ended_at=ended_at,
    )


def _pending(name: str, expires_at: dt.datetime) -> PendingLogin:
    return PendingLogin(
        id=name,
        browser_binding="b" * 64,
        protocol="oidc",
        client_id="rp",
        resume_endpoint="oidc.resume",
        login_hint="",
        ui_locales="",
        created_at=expires_at - dt.timedelta(minutes=30),
        expires_at=expires_at,
    )


def _world(session: Session) -> None:
    user = make_user(session)
    session.add_all(
        [
            _session_row(user, "ended-long-ago", ended_at=OLD, expires_at=NOW + dt.timedelta(hours=1)),
            _session_row(user, "expired-long-ago", ended_at=None, expires_at=OLD),
            _session_row(user, "ended-just-now", ended_at=RECENT, expires_at=NOW + dt.timedelta(hours=1)),
            _session_row(user, "live", ended_at=None, expires_at=NOW + dt.timedelta(hours=1)),
            _pending("old-pending", OLD),
            _pending("fresh-pending", NOW + dt.timedelta(minutes=20)),
            SeenRequestId(id="o" * 64, issuer="sp", expires_at=OLD),
            SeenRequestId(id="f" * 64, issuer="sp", expires_at=NOW + dt.timedelta(minutes=5)),
            LoginCounter(key="account:old", failures=3, last_failure_at=OLD),
            LoginCounter(
                key="account:blocked", failures=30, last_failure_at=OLD, blocked_until=NOW + dt.timedelta(hours=1)
            ),
            LoginCounter(key="account:recent", failures=2, last_failure_at=RECENT),
        ]
    )
    session.flush()
    session.add(PortalEntry(session_id="ended-long-ago".ljust(64, "0"), party_id=user.person_id))
    session.commit()


def _ids(session: Session, column: object) -> set[str]:
    return {str(value)[:16].rstrip("0") for value in session.scalars(select(column))}  # type: ignore[call-overload]


def test_purge_removes_only_what_expired_long_ago(session: Session) -> None:
    _world(session)
    removed = purge_expired_state(session, NOW)
    assert removed["sessions"] == 2 and removed["pending_logins"] == 1 and removed["saml_replay"] == 1
    assert removed["login_counters"] == 1
    session.expire_all()
    assert _ids(session, SsoSession.id) == {"ended-just-now", "live"}
    assert set(session.scalars(select(PendingLogin.id))) == {"fresh-pending"}
    assert set(session.scalars(select(LoginCounter.key))) == {"account:blocked", "account:recent"}
    assert session.scalar(select(func.count()).select_from(SeenRequestId)) == 1
    # The portal entry went with its session.
    assert session.scalar(select(func.count()).select_from(PortalEntry)) == 0
    assert purge_expired_state(session, NOW)["sessions"] == 0


def test_the_housekeeper_thread_purges_on_its_interval_and_survives_a_failure(
    session: Session, settings: Settings
) -> None:
    from idp.database import Database

    _world(session)
    database = Database.from_settings(settings)
    calls = threading.Event()
    failing = True

    def sessions() -> Session:
        nonlocal failing
        if failing:
            failing = False
            raise RuntimeError("database down for a moment")
        calls.set()
        return database.sessions()

    keeper = Housekeeper(sessions, interval_s=0.05)
    keeper.start()
    try:
        assert calls.wait(5)
        deadline = dt.datetime.now() + dt.timedelta(seconds=5)
        while keeper.passes == 0 and dt.datetime.now() < deadline:
            threading.Event().wait(0.05)
    finally:
        keeper.stop()
        keeper.join(5)
    assert keeper.passes >= 1
    session.expire_all()
    assert session.scalar(select(func.count()).select_from(PendingLogin)) == 1
    database.engine.dispose()


def test_idp_purge_prints_what_it_removed(session: Session, settings: Settings) -> None:
    _world(session)
    result = CliRunner().invoke(main, ["purge"], obj={"settings": settings})
    assert result.exit_code == 0, result.output
    assert '"sessions": 2' in result.output
