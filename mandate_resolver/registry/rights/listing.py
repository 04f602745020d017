"""What the rights pages show, and the queries that load it: rights with their status and context, work
relations, local administrators. No authority here: :class:`~.service.RightsService` checks it first."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal, TypeAlias

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from mandate_resolver.registry.models import (
    LocalAdministrator,
    MandateType,
    Party,
    PartyKind,
    RightKind,
    User,
    UserRight,
    WorkRelation,
)
from mandate_resolver.sources import parse_party_ref
from mandate_resolver.sql import valid_on

__all__ = [
    "MemberRights",
    "Profile",
    "ProfileOrganisation",
    "RightEntry",
    "RightStatus",
    "UsersPage",
    "find_organisation",
    "is_local_administrator",
    "load_administrators",
    "load_relations",
    "load_rights",
    "mandate_types_of",
    "mandators_of",
    "party_ref",
    "right_status",
]

RightStatus: TypeAlias = Literal["future", "active", "ended"]
_STATUS_ORDER = {"active": 0, "future": 1, "ended": 2}


def party_ref(party: Party) -> str:
    """How an organisation is named in URLs and the audit log: ``kbo:0806154033``, never a database id."""
    return f"{party.scheme}:{party.identifier}"


def right_status(right: UserRight, today: dt.date) -> RightStatus:
    """Both dates count (inclusive); no end date: open-ended.

    >>> right_status(UserRight(valid_from=dt.date(2024, 1, 1), valid_until=None), dt.date(2023, 12, 31))
    'future'
    """
    if today < right.valid_from:
        return "future"
    if right.valid_until is not None and right.valid_until < today:
        return "ended"
    return "active"


@dataclass(frozen=True, slots=True)
class RightEntry:
    """One right as listed: its status on the day, its context, who holds it and who granted it."""

    right: UserRight
    status: RightStatus
    mandate_types: tuple[MandateType, ...]
    mandators: tuple[Party, ...]
    granted_by: str
    holder_name: str

    @property
    def id(self) -> int:
        return self.right.id

    @property
    def kind(self) -> RightKind:
        return self.right.right


@dataclass(frozen=True, slots=True)
class MemberRights:
    """A user of the organisation: their work relations there and their rights there."""

    user: User
    relations: tuple[WorkRelation, ...]
    rights: tuple[RightEntry, ...]


@dataclass(frozen=True, slots=True)
class UsersPage:
    """One page of an organisation's users by name; ``next_after`` is the ``after`` of the next page."""

    organisation: Party
    members: tuple[MemberRights, ...]
    next_after: int | None
    read_only: bool


@dataclass(frozen=True, slots=True)
class ProfileOrganisation:
    """ "Mijn profiel" for one organisation: my work relations, my rights, its local administrators."""

    organisation: Party
    relations: tuple[WorkRelation, ...]
    rights: tuple[RightEntry, ...]
    local_administrators: tuple[User, ...]


@dataclass(frozen=True, slots=True)
class Profile:
    """ "Mijn profiel": per organisation my relations, rights and local administrators; and where I am one."""

    user: User
    organisations: tuple[ProfileOrganisation, ...]
    administers: tuple[Party, ...] = ()


def find_organisation(session: Session, ref: str) -> Party | None:
    """The organisation named ``kbo:0806154033`` (exactly, canonical), or None."""
    identifier = parse_party_ref(ref)
    if identifier is None:
        return None
    party = session.scalar(select(Party).where(Party.scheme == identifier.scheme, Party.identifier == identifier.value))
    return party if party is not None and party.kind == PartyKind.ORGANISATION else None


def is_local_administrator(session: Session, user_id: int, organisation_id: int, today: dt.date) -> bool:
    statement = select(LocalAdministrator.id).where(
        LocalAdministrator.user_id == user_id,
        LocalAdministrator.organisation_id == organisation_id,
        valid_on(LocalAdministrator.valid_from, LocalAdministrator.valid_until, today),
    )
    return session.scalar(statement.limit(1)) is not None


def load_relations(
    session: Session, user_ids: list[int], today: dt.date, *, organisation_id: int | None = None
) -> dict[int, list[WorkRelation]]:
    """The users' work relations valid today or later (with one organisation, or all), oldest first."""
    result: dict[int, list[WorkRelation]] = {}
    if not user_ids:
        return result
    statement = select(WorkRelation).where(
        WorkRelation.user_id.in_(user_ids),
        or_(WorkRelation.valid_until.is_(None), WorkRelation.valid_until >= today),
    )
    if organisation_id is not None:
        statement = statement.where(WorkRelation.organisation_id == organisation_id)
    for relation in session.scalars(statement.order_by(WorkRelation.valid_from, WorkRelation.id)):
        result.setdefault(relation.user_id, []).append(relation)
    return result


def load_rights(
    session: Session,
    user_ids: list[int],
    today: dt.date,
    *,
    organisation_id: int | None = None,
    right_id: int | None = None,
) -> dict[int, list[RightEntry]]:
    """The users' rights (at one organisation, or everywhere): active, then future, then ended; newest first."""
    result: dict[int, list[RightEntry]] = {}
    if not user_ids:
        return result
    statement = select(UserRight).where(UserRight.user_id.in_(user_ids))
    if organisation_id is not None:
        statement = statement.where(UserRight.organisation_id == organisation_id)
    if right_id is not None:
        statement = statement.where(UserRight.id == right_id)
    rights = list(session.scalars(statement.order_by(UserRight.valid_from.desc(), UserRight.id.desc())))
    people = {r.granted_by_user_id for r in rights if r.granted_by_user_id is not None} | set(user_ids)
    names: dict[int, str] = {
        user_id: name
        for user_id, name in session.execute(
            select(User.id, Party.name).join(Party, Party.id == User.person_id).where(User.id.in_(people))
        )
    }
    entries = [
        RightEntry(
            right,
            right_status(right, today),
            tuple(sorted(mandate_types_of(session, right), key=lambda t: (t.number or 0, t.code))),
            tuple(sorted(mandators_of(session, right), key=lambda p: (p.name, p.id))),
            names.get(right.granted_by_user_id or 0, ""),
            names.get(right.user_id, ""),
        )
        for right in rights
    ]
    for entry in sorted(entries, key=lambda e: _STATUS_ORDER[e.status]):
        result.setdefault(entry.right.user_id, []).append(entry)
    return result


def mandate_types_of(session: Session, right: UserRight) -> list[MandateType]:
    ids = [t.mandate_type_id for t in right.mandate_types]
    return list(session.scalars(select(MandateType).where(MandateType.id.in_(ids)))) if ids else []


def mandators_of(session: Session, right: UserRight) -> list[Party]:
    ids = [m.mandator_id for m in right.mandators]
    return list(session.scalars(select(Party).where(Party.id.in_(ids)))) if ids else []


def load_administrators(session: Session, organisation_ids: list[int], today: dt.date) -> dict[int, list[User]]:
    """The local administrators of these organisations today, by name."""
    result: dict[int, list[User]] = {}
    if not organisation_ids:
        return result
    statement = (
        select(LocalAdministrator.organisation_id, User)
        .join(User, User.id == LocalAdministrator.user_id)
        .join(Party, Party.id == User.person_id)
        .where(
            LocalAdministrator.organisation_id.in_(organisation_ids),
            valid_on(LocalAdministrator.valid_from, LocalAdministrator.valid_until, today),
        )
        .order_by(Party.name, User.id)
    )
    for organisation_id, user in session.execute(statement):
        if user not in result.setdefault(organisation_id, []):
            result[organisation_id].append(user)
    return result
