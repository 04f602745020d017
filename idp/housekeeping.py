"""Deleting what has expired: authorization codes, tokens, pending logins, ended sessions, SAML replay entries
and stale login counters. Every table here is shared by all workers, so one pass anywhere cleans for all.

``idp serve`` runs a :class:`Housekeeper` in gunicorn's master process every ``server.housekeeping_interval_s``
seconds; ``idp purge`` does one pass (for cron, when the interval is 0). Two hosts purging at once is
harmless: each pass is plain conditional DELETEs.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Callable

from sqlalchemy import delete, or_
from sqlalchemy.orm import Session

from mandate_resolver.registry.models import utcnow

from .api.idempotency import purge_expired as purge_idempotency_keys
from .login.models import LoginCounter
from .models import PendingLogin, SsoSession
from .oidc.tokens import purge_expired as purge_oidc
from .saml.models import SeenRequestId

log = logging.getLogger(__name__)

# Expired rows stay this long: a log line or a support call about "my login a minute ago" can still find them.
KEEP = dt.timedelta(days=1)


def purge_expired_state(
    session: Session, now: dt.datetime | None = None, *, keep: dt.timedelta = KEEP
) -> dict[str, int]:
    """One pass; returns how many rows went per kind. Each kind is its own short transaction."""
    now = now or utcnow()
    cutoff = now - keep
    removed = {
        "oidc": purge_oidc(session, now, keep=keep),
        "api_idempotency_keys": purge_idempotency_keys(session, now),
    }
    statements = {
        "pending_logins": delete(PendingLogin).where(PendingLogin.expires_at < cutoff),
        # Sessions that ended (logout) or passed their absolute lifetime; participants and portal entries
        # go with them (ON DELETE CASCADE).
        "sessions": delete(SsoSession).where(or_(SsoSession.ended_at < cutoff, SsoSession.expires_at < cutoff)),
        "saml_replay": delete(SeenRequestId).where(SeenRequestId.expires_at < cutoff),
        # A counter without failures for a day and no running block counts for nothing any more.
        "login_counters": delete(LoginCounter).where(
            LoginCounter.last_failure_at < cutoff,
            or_(LoginCounter.blocked_until.is_(None), LoginCounter.blocked_until < now),
        ),
    }
    for name, statement in statements.items():
        result = session.execute(statement)
        removed[name] = int(result.rowcount or 0)  # type: ignore[attr-defined]
        session.commit()
    return removed


class Housekeeper(threading.Thread):
    """A daemon thread purging every ``interval_s`` seconds until :meth:`stop`. A failed pass is logged and
    retried at the next interval; it never stops the server."""

    def __init__(self, sessions: Callable[[], Session], interval_s: float) -> None:
        super().__init__(name="idp-housekeeping", daemon=True)
        self.sessions = sessions
        self.interval_s = interval_s
        self.passes = 0
        self._stopped = threading.Event()

    def run(self) -> None:
        while not self._stopped.wait(self.interval_s):
            self.run_once()

    def run_once(self) -> dict[str, int] | None:
        try:
            with self.sessions() as session:
                removed = purge_expired_state(session)
        except Exception:
            log.exception("housekeeping pass failed; retrying in %s s", self.interval_s)
            return None
        self.passes += 1
        log.info("housekeeping: removed %s", removed)
        return removed

    def stop(self) -> None:
        self._stopped.set()
