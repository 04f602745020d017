"""What the helpdesk reads about a person or an enterprise: who they are, their rights, representations and
work relations, and their recent login decisions. Read only: nothing here writes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from mandate_resolver.identifiers import IdentifierError, guess_party_identifier
from mandate_resolver.registry.audit import AuditQuery, read_audit
from mandate_resolver.registry.models import (
    AuditEntry,
    LegalRepresentative,
    LocalAdministrator,
    MandateType,
    Party,
    PartyKind,
    User,
    UserRight,
    WorkRelation,
)

MAX_RESULTS: Final = 50
MAX_SEARCH: Final = 100
RECENT_DECISIONS: Final = 30


def find_parties(db: Session, query: str) -> list[Party]:
    """Parties matching a KBO number or INSZ (any formatting), a username, or part of a name."""
    text = query.strip()[:MAX_SEARCH]
    if not text:
        return []
    try:
        identifier = guess_party_identifier(text)
    except IdentifierError:
        identifier = None
    if identifier is not None:
        by_number = Party.scheme == identifier.scheme, Party.identifier == identifier.value
        return list(db.scalars(select(Party).where(*by_number)))
    pattern = "%" + text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    by_username = select(User.person_id).where(func.lower(User.username) == text.lower())
    statement = (
        select(Party)
        .where(or_(func.lower(Party.name).like(pattern, escape="\\"), Party.id.in_(by_username)))
        .order_by(Party.name, Party.id)
        .limit(MAX_RESULTS)
    )
    return list(db.scalars(statement))


@dataclass(frozen=True, slots=True)
class RightLine:
    """One IDM right as the helpdesk sees it: holder, organisation, kind, dates, mandate types."""

    right: UserRight
    holder: str
    organisation: str
    mandate_types: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class PartyFile:
    """Everything the helpdesk page of one party shows besides its mandates."""

    party: Party
    user: User | None
    rights: list[RightLine]
    representations: list[tuple[LegalRepresentative, str]]
    work_relations: list[WorkRelation]
    local_administrators: list[tuple[LocalAdministrator, str]]
    decisions: list[AuditEntry]


def party_file(db: Session, party: Party) -> PartyFile:
    user = db.scalar(select(User).where(User.person_id == party.id)) if party.kind == PartyKind.PERSON else None
    names = _NameCache(db)
    if party.kind == PartyKind.PERSON:
        rights_query = select(UserRight).where(UserRight.user_id == (user.id if user else -1))
        representations = select(LegalRepresentative).where(LegalRepresentative.person_id == party.id)
        relations = list(db.scalars(select(WorkRelation).where(WorkRelation.user_id == (user.id if user else -1))))
        admins = select(LocalAdministrator).where(LocalAdministrator.user_id == (user.id if user else -1))
    else:
        rights_query = select(UserRight).where(UserRight.organisation_id == party.id)
        representations = select(LegalRepresentative).where(LegalRepresentative.organisation_id == party.id)
        relations = []
        admins = select(LocalAdministrator).where(LocalAdministrator.organisation_id == party.id)
    type_codes = {t.id: t.code for t in db.scalars(select(MandateType))}
    rights = [
        RightLine(
            right,
            names.user(right.user_id),
            names.party(right.organisation_id),
            tuple(sorted(type_codes.get(t.mandate_type_id, "?") for t in right.mandate_types)),
        )
        for right in db.scalars(rights_query.order_by(UserRight.valid_from.desc(), UserRight.id))
    ]
    other = "organisation_id" if party.kind == PartyKind.PERSON else "person_id"
    represented = [
        (row, names.party(getattr(row, other)))
        for row in db.scalars(representations.order_by(LegalRepresentative.valid_from.desc()))
    ]
    local = [
        (row, names.party(row.organisation_id) if party.kind == PartyKind.PERSON else names.user(row.user_id))
        for row in db.scalars(admins)
    ]
    decisions: list[AuditEntry] = []
    if user is not None:
        decisions = read_audit(
            db, AuditQuery(action="login.*", subject_user_id=user.id, limit=RECENT_DECISIONS)
        ).entries
    return PartyFile(party, user, rights, represented, relations, local, decisions)


class _NameCache:
    def __init__(self, db: Session) -> None:
        self.db = db
        self.parties: dict[int, str] = {}
        self.users: dict[int, str] = {}

    def party(self, party_id: int) -> str:
        if party_id not in self.parties:
            found = self.db.get(Party, party_id)
            self.parties[party_id] = found.name if found is not None else "?"
        return self.parties[party_id]

    def user(self, user_id: int) -> str:
        if user_id not in self.users:
            found = self.db.get(User, user_id)
            self.users[user_id] = found.person.name if found is not None else "?"
        return self.users[user_id]
