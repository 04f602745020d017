"""The user rights service: who may read and write which organisation's rights, and the writes themselves
(see the package documentation for the rules)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Final

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from mandate_resolver.registry.authority import Actor
from mandate_resolver.registry.errors import ReadOnly, RegistryError, ValidationError
from mandate_resolver.registry.lifecycle import BELGIAN_TIME
from mandate_resolver.registry.models import (
    AuditEntry,
    LocalAdministrator,
    MandateType,
    Party,
    RightKind,
    User,
    UserRight,
    UserRightMandateType,
    UserRightMandator,
    WorkRelation,
    as_utc,
    utcnow,
)
from mandate_resolver.sql import valid_on

from . import checks
from .checks import iso
from .errors import NotLocalAdministrator, RightAlreadyEnded, RightNotOfOrganisation, UserNotInOrganisation
from .listing import (
    MemberRights,
    Profile,
    ProfileOrganisation,
    RightEntry,
    UsersPage,
    find_organisation,
    is_local_administrator,
    load_administrators,
    load_relations,
    load_rights,
    mandate_types_of,
    mandators_of,
    party_ref,
    right_status,
)

__all__ = ["NewRight", "RightsService"]

MAX_PAGE_SIZE: Final = 200
MAX_SEARCH_LENGTH: Final = 100


@dataclass(frozen=True, slots=True)
class NewRight:
    """A right to grant, as a form gives it. ``kind`` is a :class:`RightKind` value; an executor right needs
    one or more ``mandate_type_codes`` and may be limited to ``mandators`` (identifiers as typed; none:
    every mandator); a manager right takes neither."""

    user_id: int
    kind: RightKind | str
    valid_from: dt.date
    valid_until: dt.date | None = None
    mandate_type_codes: Sequence[str] = ()
    mandators: Sequence[str] = ()


@dataclass(frozen=True, slots=True)
class _Plan:
    user: User
    kind: RightKind
    types: list[MandateType]
    mandators: list[Party]


class RightsService:
    """User rights in one session. "Today" is the Belgian date of ``clock``; nothing is committed here."""

    def __init__(
        self, session: Session, *, clock: Callable[[], dt.datetime] = utcnow, zone: dt.tzinfo = BELGIAN_TIME
    ) -> None:
        self.session = session
        self.clock = clock
        self.zone = zone

    def today(self) -> dt.date:
        return as_utc(self.clock()).astimezone(self.zone).date()

    # --- reading -----------------------------------------------------------------------------------

    def administered_organisations(self, actor: Actor) -> list[Party]:
        """The organisations where ``actor`` is local administrator today, by name."""
        statement = (
            select(Party)
            .join(LocalAdministrator, LocalAdministrator.organisation_id == Party.id)
            .where(
                LocalAdministrator.user_id == actor.user_id,
                valid_on(LocalAdministrator.valid_from, LocalAdministrator.valid_until, self.today()),
            )
            .distinct()
            .order_by(Party.name, Party.id)
        )
        return list(self.session.scalars(statement))

    def organisation_for(self, actor: Actor, organisation: str) -> tuple[Party, bool]:
        """The organisation ``kbo:0806154033`` if ``actor`` may see its users, and whether only to read (the
        helpdesk). Unknown and not administered get the same :class:`NotLocalAdministrator`."""
        party = find_organisation(self.session, organisation)
        if actor.is_helpdesk and party is not None:
            return party, True
        if party is None or not is_local_administrator(self.session, actor.user_id, party.id, self.today()):
            raise NotLocalAdministrator(params={"organisation": str(organisation)[:40]})
        return party, False

    def list_users(
        self, actor: Actor, organisation: str, *, search: str = "", after: int | None = None, limit: int = 50
    ) -> UsersPage:
        """The users with a work relation valid today or later, by name, with their rights here. ``search``
        matches part of a name; ``after`` is the ``next_after`` of the page before."""
        party, read_only = self.organisation_for(actor, organisation)
        today = self.today()
        members = select(WorkRelation.user_id).where(
            WorkRelation.organisation_id == party.id,
            or_(WorkRelation.valid_until.is_(None), WorkRelation.valid_until >= today),
        )
        statement = select(User).join(Party, Party.id == User.person_id).where(User.id.in_(members.scalar_subquery()))
        text = search.strip()[:MAX_SEARCH_LENGTH].lower()
        if text:
            escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            statement = statement.where(func.lower(Party.name).like(f"%{escaped}%", escape="\\"))
        if after is not None:
            last = self.session.scalar(
                select(Party.name).join(User, User.person_id == Party.id).where(User.id == after)
            )
            if last is not None:
                statement = statement.where(or_(Party.name > last, and_(Party.name == last, User.id > after)))
        limit = max(1, min(limit, MAX_PAGE_SIZE))
        users = list(self.session.scalars(statement.order_by(Party.name, User.id).limit(limit + 1)))
        more, users = len(users) > limit, users[:limit]
        ids = [u.id for u in users]
        relations = load_relations(self.session, ids, today, organisation_id=party.id)
        rights = load_rights(self.session, ids, today, organisation_id=party.id)
        page = tuple(MemberRights(u, tuple(relations.get(u.id, ())), tuple(rights.get(u.id, ()))) for u in users)
        return UsersPage(party, page, users[-1].id if more and users else None, read_only)

    def member(self, actor: Actor, organisation: str, user_id: int) -> MemberRights:
        """One user of the organisation, for the grant form (refused as a grant would be)."""
        party = self._writable(actor, organisation)
        today = self.today()
        user = self._member(party, user_id, today)
        relations = load_relations(self.session, [user.id], today, organisation_id=party.id)
        rights = load_rights(self.session, [user.id], today, organisation_id=party.id)
        return MemberRights(user, tuple(relations.get(user.id, ())), tuple(rights.get(user.id, ())))

    def right_of(self, actor: Actor, organisation: str, right_id: int) -> RightEntry:
        """One right of the organisation, for the change and end forms (refused as a change would be)."""
        party = self._writable(actor, organisation)
        right = self._right(party, right_id, lock=False)
        entries = load_rights(self.session, [right.user_id], self.today(), right_id=right.id)
        return entries[right.user_id][0]

    def grantable_mandate_types(self) -> list[MandateType]:
        """The active mandate types an organisation can be mandatee of: the executor right's choices."""
        statement = select(MandateType).where(MandateType.active.is_(True), MandateType.mandatee_organisation.is_(True))
        return list(self.session.scalars(statement.order_by(MandateType.number, MandateType.code)))

    def profile(self, user: User) -> Profile:
        """ "Mijn profiel": per organisation I work for (today or later) or hold a right at, my relations and
        rights there and its local administrators today."""
        today = self.today()
        relations = load_relations(self.session, [user.id], today).get(user.id, [])
        rights = load_rights(self.session, [user.id], today).get(user.id, [])
        organisations = {r.organisation_id: r.organisation for r in relations}
        for entry in rights:
            party = organisations.get(entry.right.organisation_id) or self.session.get(
                Party, entry.right.organisation_id
            )
            if party is not None:
                organisations[party.id] = party
        administrators = load_administrators(self.session, list(organisations), today)
        return Profile(
            user,
            tuple(
                ProfileOrganisation(
                    party,
                    tuple(r for r in relations if r.organisation_id == party.id),
                    tuple(e for e in rights if e.right.organisation_id == party.id),
                    tuple(administrators.get(party.id, ())),
                )
                for party in sorted(organisations.values(), key=lambda p: (p.name, p.id))
            ),
            tuple(self.administered_organisations(Actor.from_user(user))),
        )

    # --- writing -----------------------------------------------------------------------------------

    def check_grant(self, actor: Actor, organisation: str, new: NewRight) -> list[RegistryError]:
        """Every problem of a grant, none when it can be made: for a form that marks all its fields."""
        return self._plan_grant(self._writable(actor, organisation), new)[0]

    def grant_right(self, actor: Actor, organisation: str, new: NewRight) -> UserRight:
        """Grant a right to a user of the organisation; raises the first problem (see :meth:`check_grant`)."""
        party = self._writable(actor, organisation)
        problems, plan = self._plan_grant(party, new)
        if problems or plan is None:
            raise problems[0]
        right = UserRight(
            organisation_id=party.id,
            user_id=plan.user.id,
            right=plan.kind,
            valid_from=new.valid_from,
            valid_until=new.valid_until,
            granted_by_user_id=actor.user_id,
            created_at=as_utc(self.clock()),
        )
        _set_context(right, plan.types, plan.mandators)
        self.session.add(right)
        self.session.flush()
        self._audit(actor, "rights.granted", right, party=party, user=plan.user, context=(plan.types, plan.mandators))
        self.session.flush()
        return right

    def change_right(
        self,
        actor: Actor,
        organisation: str,
        right_id: int,
        *,
        valid_from: dt.date,
        valid_until: dt.date | None,
        mandate_type_codes: Sequence[str] | None = None,
        mandators: Sequence[str] | None = None,
    ) -> UserRight:
        """Change the dates (and an executor right's context; None keeps it) of a right that has not ended.
        The start of a right that has started stays; a new start or an end is today or later."""
        party = self._writable(actor, organisation)
        today = self.today()
        right = self._right(party, right_id, lock=True)
        if right_status(right, today) == "ended":
            raise RightAlreadyEnded(params={"valid_until": iso(right.valid_until)})
        problems: list[RegistryError] = []
        if valid_from != right.valid_from and right.valid_from <= today:
            problems.append(
                ValidationError(
                    "The start of a right that has started cannot change.",
                    code="rights.start_fixed",
                    field="valid_from",
                    params={"valid_from": iso(right.valid_from)},
                )
            )
        dates = checks.date_problems(valid_from, valid_until, today, new_start=valid_from != right.valid_from)
        problems += dates
        held_types = mandate_types_of(self.session, right)
        codes = mandate_type_codes if mandate_type_codes is not None else [t.code for t in held_types]
        types = checks.context_types(self.session, right.right, codes, problems, keep={t.id for t in held_types})
        limited_to = (
            checks.context_mandators(self.session, party, right.right, mandators, problems)
            if mandators is not None
            else mandators_of(self.session, right)
        )
        user = self._holder(right)
        if not dates:  # wrong dates would only add a confusing "outside the work relation"
            problems += checks.period_problems(
                self.session, party, user.id, right.right, (valid_from, valid_until), except_id=right.id
            )
        if problems:
            raise problems[0]
        before = {"valid_from": iso(right.valid_from), "valid_until": iso(right.valid_until)}
        right.valid_from, right.valid_until = valid_from, valid_until
        _set_context(right, types, limited_to)
        self.session.flush()
        self._audit(actor, "rights.changed", right, party=party, user=user, context=(types, limited_to), before=before)
        self.session.flush()
        return right

    def end_right(self, actor: Actor, organisation: str, right_id: int) -> UserRight | None:
        """End a right at once: yesterday becomes its last day. One that has not been valid before today is
        withdrawn instead (deleted; None is returned). An ended right gives :class:`RightAlreadyEnded`."""
        party = self._writable(actor, organisation)
        today = self.today()
        right = self._right(party, right_id, lock=True)
        if right_status(right, today) == "ended":
            raise RightAlreadyEnded(params={"valid_until": iso(right.valid_until)})
        user = self._holder(right)
        context = (mandate_types_of(self.session, right), mandators_of(self.session, right))
        before = {"valid_from": iso(right.valid_from), "valid_until": iso(right.valid_until)}
        yesterday = today - dt.timedelta(days=1)
        if right.valid_from <= yesterday:
            right.valid_until = yesterday
            self._audit(actor, "rights.ended", right, party=party, user=user, context=context, before=before)
            self.session.flush()
            return right
        # Its last day cannot come before its first (CHECK "dates"), and it never counted: it goes.
        self._audit(actor, "rights.withdrawn", right, party=party, user=user, context=context, before=before)
        self.session.delete(right)
        self.session.flush()
        return None

    # --- checks and lookups ------------------------------------------------------------------------

    def _writable(self, actor: Actor, organisation: str) -> Party:
        if actor.is_helpdesk:
            # SECURITY.md M16: the helpdesk reads and never writes.
            raise ReadOnly(params={"organisation": str(organisation)[:40]})
        party, _ = self.organisation_for(actor, organisation)
        return party

    def _plan_grant(self, party: Party, new: NewRight) -> tuple[list[RegistryError], _Plan | None]:
        today = self.today()
        # Forbidden before anything else: nothing is told about another organisation's user.
        user = self._member(party, new.user_id, today)
        problems: list[RegistryError] = []
        kind = checks.right_kind(new.kind, problems)
        dates = checks.date_problems(new.valid_from, new.valid_until, today, new_start=True)
        problems += dates
        types = checks.context_types(self.session, kind, new.mandate_type_codes, problems, keep=set())
        limited_to = checks.context_mandators(self.session, party, kind, new.mandators, problems)
        if kind is None:
            return problems, None
        self._lock_user(user.id)
        if not dates:  # wrong dates would only add a confusing "outside the work relation"
            problems += checks.period_problems(
                self.session, party, user.id, kind, (new.valid_from, new.valid_until), except_id=None
            )
        if problems:
            return problems, None
        return [], _Plan(user, kind, types, limited_to)

    def _member(self, party: Party, user_id: int, today: dt.date) -> User:
        """A user with a work relation here valid today or later; else :class:`UserNotInOrganisation`."""
        relation = select(WorkRelation.id).where(
            WorkRelation.user_id == user_id,
            WorkRelation.organisation_id == party.id,
            or_(WorkRelation.valid_until.is_(None), WorkRelation.valid_until >= today),
        )
        user = self.session.get(User, user_id) if isinstance(user_id, int) else None
        if user is None or self.session.scalar(relation.limit(1)) is None:
            raise UserNotInOrganisation(params={"user": str(user_id)[:20]})
        return user

    def _right(self, party: Party, right_id: int, *, lock: bool) -> UserRight:
        if not isinstance(right_id, int):
            raise RightNotOfOrganisation()
        statement = select(UserRight).where(UserRight.id == right_id, UserRight.organisation_id == party.id)
        if lock:
            # Fresh under the row lock: of two administrators ending one right, the second sees it ended.
            statement = statement.with_for_update(of=UserRight).execution_options(populate_existing=True)
        right = self.session.scalars(statement).one_or_none()
        if right is None:
            # SECURITY.md M05: another organisation's right, by an edited id, is refused like a missing one.
            raise RightNotOfOrganisation(params={"right": str(right_id)[:20]})
        return right

    def _holder(self, right: UserRight) -> User:
        user = self.session.get(User, right.user_id)
        if user is None:  # the foreign key rules it out; never write on a half-checked right
            raise RightNotOfOrganisation()
        self._lock_user(user.id)
        return user

    def _lock_user(self, user_id: int) -> None:
        # Two administrators granting overlapping rights at once: the second waits, then sees the first.
        self.session.execute(select(User.id).where(User.id == user_id).with_for_update())

    def _audit(
        self,
        actor: Actor,
        action: str,
        right: UserRight,
        *,
        party: Party,
        user: User,
        context: tuple[Sequence[MandateType], Sequence[Party]],
        before: dict[str, str] | None = None,
    ) -> None:
        types, mandators = context
        detail: dict[str, object] = {
            "organisation": party_ref(party),
            "organisation_name": party.name,
            "user": user.username,
            "right": right.right.value,
            "right_id": right.id,
            "valid_from": iso(right.valid_from),
            "valid_until": iso(right.valid_until),
            "mandate_types": sorted(t.code for t in types),
            "mandators": sorted(party_ref(p) for p in mandators),
            "actor": actor.name,
        }
        if before is not None:
            detail["before"] = before
        self.session.add(
            AuditEntry(
                at=as_utc(self.clock()),
                actor_user_id=actor.user_id,
                subject_user_id=user.id,
                action=action,
                target=f"{party_ref(party)}/{right.right.value}/{user.username}"[:200],
                detail=detail,
            )
        )


def _set_context(right: UserRight, types: Sequence[MandateType], mandators: Sequence[Party]) -> None:
    """Replace the right's context, keeping the rows that stay (no delete and re-insert of the same key)."""
    wanted_types = {t.id for t in types}
    held_types = {t.mandate_type_id for t in right.mandate_types}
    right.mandate_types = [t for t in right.mandate_types if t.mandate_type_id in wanted_types] + [
        UserRightMandateType(mandate_type_id=i) for i in sorted(wanted_types - held_types)
    ]
    wanted_mandators = {p.id for p in mandators}
    held_mandators = {m.mandator_id for m in right.mandators}
    right.mandators = [m for m in right.mandators if m.mandator_id in wanted_mandators] + [
        UserRightMandator(mandator_id=i) for i in sorted(wanted_mandators - held_mandators)
    ]
