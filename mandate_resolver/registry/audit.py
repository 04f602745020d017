"""The audit log: who changed what in administration, and the login decisions the helpdesk reads.

Every administrative change writes one :class:`AuditEntry` in the same transaction as the change itself, so
a change is never stored without its entry, nor an entry without its change. Readers page newest first by
id (a keyset page costs the same at the millionth entry as at the first).

>>> entry = audit_entry(actor_user_id=1, action="admin.mandate_type.updated", target="wse_loket",
...                     detail={"changed": ["texts"]})
>>> entry.action, entry.target
('admin.mandate_type.updated', 'wse_loket')
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from .models import AuditEntry, User

__all__ = ["MAX_AUDIT_PAGE", "AuditPage", "AuditQuery", "audit_entry", "read_audit", "record", "users_by_id"]

MAX_AUDIT_PAGE: Final = 200
MAX_TARGET: Final = 200
MAX_ACTION: Final = 64


def audit_entry(
    *,
    actor_user_id: int | None,
    action: str,
    target: str = "",
    detail: Mapping[str, object] | None = None,
    subject_user_id: int | None = None,
) -> AuditEntry:
    """A new entry (not added to a session); ``target`` is cut to the column's length."""
    return AuditEntry(
        actor_user_id=actor_user_id,
        subject_user_id=subject_user_id,
        action=action[:MAX_ACTION],
        target=target[:MAX_TARGET],
        detail=dict(detail or {}),
    )


def record(
    session: Session,
    *,
    actor_user_id: int | None,
    action: str,
    target: str = "",
    detail: Mapping[str, object] | None = None,
    subject_user_id: int | None = None,
) -> AuditEntry:
    """Add an entry to ``session``; it is stored when the caller commits the change it describes.

    >>> record(session, actor_user_id=admin.id, action="admin.key.rotated", target="RS256")  # doctest: +SKIP
    """
    entry = audit_entry(
        actor_user_id=actor_user_id, action=action, target=target, detail=detail, subject_user_id=subject_user_id
    )
    session.add(entry)
    return entry


@dataclass(frozen=True, slots=True)
class AuditQuery:
    """Which entries: ``action`` exact, or a prefix when it ends with ``*`` ("login.*"); ``before`` is the
    ``next_before`` of the previous page."""

    action: str = ""
    subject_user_id: int | None = None
    actor_user_id: int | None = None
    before: int | None = None
    limit: int = 50


@dataclass(frozen=True, slots=True)
class AuditPage:
    """One page, newest first; ``next_before`` is None on the last page."""

    entries: list[AuditEntry]
    next_before: int | None


def _action_filter(action: str) -> ColumnElement[bool] | None:
    action = action.strip()[:MAX_ACTION]
    if not action:
        return None
    if action.endswith("*"):
        prefix = action[:-1]
        escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        return AuditEntry.action.like(escaped + "%", escape="\\")
    return AuditEntry.action == action


def read_audit(session: Session, query: AuditQuery) -> AuditPage:
    """One page of entries matching ``query``, newest first.

    >>> page = read_audit(session, AuditQuery(action="login.*", subject_user_id=bart.id))  # doctest: +SKIP
    """
    limit = max(1, min(query.limit, MAX_AUDIT_PAGE))
    statement = select(AuditEntry)
    condition = _action_filter(query.action)
    if condition is not None:
        statement = statement.where(condition)
    if query.subject_user_id is not None:
        statement = statement.where(AuditEntry.subject_user_id == query.subject_user_id)
    if query.actor_user_id is not None:
        statement = statement.where(AuditEntry.actor_user_id == query.actor_user_id)
    if query.before is not None:
        statement = statement.where(AuditEntry.id < query.before)
    rows = list(session.scalars(statement.order_by(AuditEntry.id.desc()).limit(limit + 1)))
    next_before = rows[limit - 1].id if len(rows) > limit else None
    return AuditPage(rows[:limit], next_before)


def users_by_id(session: Session, entries: list[AuditEntry]) -> dict[int, User]:
    """The actors and subjects of ``entries``, to show names instead of numbers."""
    ids = {e.actor_user_id for e in entries if e.actor_user_id} | {
        e.subject_user_id for e in entries if e.subject_user_id
    }
    if not ids:
        return {}
    return {user.id: user for user in session.scalars(select(User).where(User.id.in_(sorted(ids))))}
