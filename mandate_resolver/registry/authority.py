"""Who may manage the mandates of which party, on a given date (DOMAIN.md, "Mandate lifecycle").

A person acts for themself; for an organisation, a user acts with a valid IDM right "SSM
Mandaatbeheerder" for it, or as its valid legal representative (KBO). The helpdesk role reads every
mandate and writes none (SECURITY.md M16). Validity is inclusive: a right valid until 31 March still
counts on 31 March; ``valid_until`` None means open-ended.

>>> actor = Actor(user_id=7, person_id=12, name="Sammy Roos", roles=frozenset())
>>> actor.is_helpdesk
False
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import ColumnElement, and_, case, exists, or_, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from mandate_resolver.registry.errors import Forbidden, ReadOnly
from mandate_resolver.registry.models import LegalRepresentative, Party, RightKind, User, UserRight

__all__ = ["HELPDESK", "Actor", "capacity_of", "manageable_parties", "may_manage_mandates", "require_manage"]

# The provider-wide role that reads every mandate and writes none (models.UserRole).
HELPDESK = "helpdesk"


@dataclass(frozen=True, slots=True)
class Actor:
    """The logged-in user doing something in the registry, as the login established them.

    ``person_id`` is the user's own person (a ``Party``); ``name`` is shown in the history
    ("created by Sammy Roos (Emmaüs)").
    """

    user_id: int
    person_id: int
    name: str
    roles: frozenset[str]

    @classmethod
    def from_user(cls, user: User) -> Actor:
        """The actor for a loaded ``User``.

        >>> from mandate_resolver.registry.models import Party, User, UserRole
        >>> user = User(id=3, person_id=9, person=Party(name="Hilde Claes"), roles=[UserRole(role="helpdesk")])
        >>> Actor.from_user(user).roles
        frozenset({'helpdesk'})
        """
        return cls(
            user_id=user.id,
            person_id=user.person_id,
            name=user.person.name,
            roles=frozenset(role.role for role in user.roles),
        )

    @property
    def is_helpdesk(self) -> bool:
        return HELPDESK in self.roles


def _valid_on(
    valid_from: InstrumentedAttribute[dt.date],
    valid_until: InstrumentedAttribute[dt.date | None],
    on: dt.date,
) -> ColumnElement[bool]:
    # Both ends inclusive; no end date means open-ended.
    return and_(valid_from <= on, or_(valid_until.is_(None), valid_until >= on))


def _manager_right(actor: Actor, on: dt.date) -> ColumnElement[bool]:
    return and_(
        UserRight.user_id == actor.user_id,
        UserRight.right == RightKind.MANDATE_MANAGER,
        _valid_on(UserRight.valid_from, UserRight.valid_until, on),
    )


def _legal_representation(actor: Actor, on: dt.date) -> ColumnElement[bool]:
    return and_(
        LegalRepresentative.person_id == actor.person_id,
        _valid_on(LegalRepresentative.valid_from, LegalRepresentative.valid_until, on),
    )


def may_manage_mandates(session: Session, actor: Actor, party_id: int, on: dt.date) -> bool:
    """Whether ``actor`` may create, sign, stop, extend or transfer mandates of ``party_id`` on ``on``.

    True for the actor's own person, an organisation for which the actor holds a valid "SSM
    Mandaatbeheerder" right, and an organisation the actor validly represents by law. Always False for
    the helpdesk role, which never writes.

    >>> may_manage_mandates(session, sammy, emmaus.id, dt.date(2024, 3, 15))  # doctest: +SKIP
    True
    """
    if actor.is_helpdesk:
        return False
    if party_id == actor.person_id:
        return True
    by_right = exists().where(_manager_right(actor, on), UserRight.organisation_id == party_id)
    by_law = exists().where(_legal_representation(actor, on), LegalRepresentative.organisation_id == party_id)
    return bool(session.scalar(select(or_(by_right, by_law))))


def require_manage(session: Session, actor: Actor, party_id: int, on: dt.date) -> None:
    """Raise :class:`Forbidden` unless :func:`may_manage_mandates`; :class:`ReadOnly` for the helpdesk.

    >>> require_manage(session, hilde_helpdesk, emmaus.id, today)  # doctest: +SKIP
    Traceback (most recent call last):
      ...
    mandate_resolver.registry.errors.ReadOnly: Your role gives read access only.
    """
    if actor.is_helpdesk:
        raise ReadOnly(params={"party_id": str(party_id)})
    if not may_manage_mandates(session, actor, party_id, on):
        # SECURITY.md M05/M17: another enterprise's id in the form or URL gets a 403, never a write.
        raise Forbidden(
            "You may not manage the mandates of this party.",
            code="authority.not_allowed",
            field="acting_for",
            params={"party_id": str(party_id)},
        )


def manageable_parties(session: Session, actor: Actor, on: dt.date) -> list[Party]:
    """The parties ``actor`` may choose to act for on ``on``: their own person first, then the
    organisations (by right or by law) sorted by name. Empty for the helpdesk, which acts for nobody.

    >>> [party.name for party in manageable_parties(session, sammy, today)]  # doctest: +SKIP
    ['Sammy Roos', 'BAROCY', 'Emmaüs']
    """
    if actor.is_helpdesk:
        return []
    by_right = select(UserRight.organisation_id).where(_manager_right(actor, on))
    by_law = select(LegalRepresentative.organisation_id).where(_legal_representation(actor, on))
    own_person_first = case((Party.id == actor.person_id, 0), else_=1)
    statement = (
        select(Party)
        .where(or_(Party.id == actor.person_id, Party.id.in_(by_right), Party.id.in_(by_law)))
        .order_by(own_person_first, Party.name, Party.id)
    )
    return list(session.scalars(statement))


def capacity_of(session: Session, actor: Actor, party_id: int, on: dt.date) -> str:
    """How ``actor`` may manage ``party_id``'s mandates (for a page header): "self", "manager" (the IDM
    right) or "legal_representative" (KBO). Call it for a party :func:`may_manage_mandates` allows.

    >>> capacity_of(session, sammy, emmaus.id, today)  # doctest: +SKIP
    'manager'
    """
    if party_id == actor.person_id:
        return "self"
    by_right = exists().where(_manager_right(actor, on), UserRight.organisation_id == party_id)
    return "manager" if session.scalar(select(by_right)) else "legal_representative"
