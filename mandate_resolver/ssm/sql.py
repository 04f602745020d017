"""SSM mandate options from the embedded registry.

The rules (DOMAIN.md, login step 3), each enforced on the line that cites it:

- a mandate counts only when signed by both parties, within its dates, not stopped, and of a type the
  application accepts (SECURITY.md M10, M11);
- a person mandatee reaches it directly, as the person who logs in;
- an organisation mandatee's mandate reaches a user only through a valid "SSM Mandaatuitvoerder" right of
  that organisation whose context holds the type (and, when the right lists mandators, only theirs), or
  through the user being that organisation's valid legal representative when the application has that
  feature on (M12, M13).

How it stays fast for an executor who can act for 100,000 mandators: first the *reach* (which mandatees
and types lead to this person: a handful of rows), then a probe of the distinct mandators, one index range
per (mandatee, type), that stops after a bounded number. When that is all of them, they are sorted and
searched in memory. When there are more, the count stops at ``COUNT_CAP`` and the page is a keyset walk
of the parties' name index (migration 0002) that stops after one page, probing each party for a mandate
in reach. The walk reads about ``page size × parties / mandators`` index entries, the sort reads every
mandator: the probe's bound is where the two cost the same (``INLINE_FACTOR``), so neither a firm with
100,000 clients nor a person with 300 among millions of citizens pays for the other's plan. Only the
page's mandators get their options built. Nothing ever counts all rows.
"""

from __future__ import annotations

import logging
import math
from collections import defaultdict
from typing import Any, Final

from sqlalchemy import (
    Integer,
    bindparam,
    exists,
    func,
    not_,
    or_,
    select,
)
from sqlalchemy.engine import Connection
from sqlalchemy.orm import aliased
from sqlalchemy.sql.selectable import SelectBase

from mandate_resolver.cache import TtlCache
from mandate_resolver.paging import Page, page_of
from mandate_resolver.registry.models import (
    LegalRepresentative,
    Mandate,
    Party,
    PartyKind,
    RightKind,
    UserRight,
    UserRightMandateType,
    UserRightMandator,
)
from mandate_resolver.sources import parse_mandate_ref
from mandate_resolver.sql import (
    RegisteredPerson,
    Registry,
    SessionFactory,
    TypeCatalogue,
    fixed_limit,
    list_value,
    one_of,
    party_value,
    registered_person,
    valid_on,
)
from mandate_resolver.ssm.pages import Mandator, MandatorQuery
from mandate_resolver.ssm.rules import (
    TODAY,
    Reach,
    ReachPath,
    in_force,
    paths_statement,
)
from mandate_resolver.types import (
    COUNT_CAP,
    AccessPath,
    AppPolicy,
    CappedCount,
    MandateOption,
    PathKind,
    Resolution,
    Subject,
    Window,
    option_key,
)

__all__ = ["SsmSqlBackend"]

log = logging.getLogger(__name__)

# The walk costs ~page × parties / mandators index probes (in the database), the sort ~mandators rows (in
# Python, several times dearer each): equal near mandators² = INLINE_FACTOR × parties. Below it, sort.
INLINE_FACTOR: Final = 5
INLINE_MIN, INLINE_MAX = 200, 5000
PARTIES_ESTIMATE_TTL_S: Final = 60.0


class SsmSqlBackend:
    """Mandate options read from the embedded registry.

    ``inline_limit`` fixes how many distinct mandators are sorted in memory before the page becomes a
    keyset walk of the name index (tests set it to 0 to exercise the walk on small worlds); by default it
    follows the size of the registry (``INLINE_FACTOR``).

    >>> from mandate_resolver.ssm import SsmResolver
    >>> SsmResolver(SsmSqlBackend(session_factory=lambda: None))
    SsmResolver(name='ssm', backend=SsmSqlBackend)
    """

    def __init__(self, session_factory: SessionFactory, *, inline_limit: int | None = None) -> None:
        if inline_limit is not None and not 0 <= inline_limit <= INLINE_MAX:
            raise ValueError(f"inline_limit must be 0-{INLINE_MAX}")
        self.registry = Registry(session_factory)
        self.inline_limit = inline_limit
        self._parties: TtlCache[int] = TtlCache(PARTIES_ESTIMATE_TTL_S, 1)

    def _inline_limit(self, connection: Connection) -> int:
        if self.inline_limit is not None:
            return self.inline_limit
        parties = self._parties.get("parties")
        if parties is None:
            # The highest id: as good as a count of the parties for this purpose, and one index read.
            parties = int(connection.scalar(select(func.max(Party.id))) or 0)
            self._parties.put("parties", parties)
        return max(INLINE_MIN, min(INLINE_MAX, math.isqrt(INLINE_FACTOR * parties)))

    def _reach(
        self, connection: Connection, person: RegisteredPerson, policy: AppPolicy, types: TypeCatalogue
    ) -> Reach:
        dialect = connection.dialect.name
        accepted = frozenset(types.by_id)
        # A person mandatee reaches it directly: the person who logs in is the mandatee.
        paths = [ReachPath(person.person_id, accepted, AccessPath(PathKind.PERSON_MANDATEE), None, (0, 0))]
        parameters = {
            "user_id": person.user_id,
            "today": policy.today,
            "types": list_value(dialect, types.ids),
            # Legal representatives need no executor right, but count only when the application says so (M13).
            "representative": person.person_id if policy.legal_representatives else None,
        }
        rights: dict[int, list[Any]] = defaultdict(list)
        for row in self.registry.statement(connection.dialect, "paths", paths_statement).run(connection, parameters):
            kind, row_id, organisation_id, valid_from, valid_until, _, _, function = row
            if kind == 1:
                rights[row_id].append(row)
            else:
                path = AccessPath(PathKind.LEGAL_REPRESENTATIVE, valid_from, valid_until, function)
                paths.append(ReachPath(organisation_id, accepted, path, None, (2, row_id)))
        for right_id, right_rows in rights.items():
            _, _, organisation_id, valid_from, valid_until, _, is_restricted, _ = right_rows[0]
            path = AccessPath(PathKind.EXECUTOR_RIGHT, valid_from, valid_until)
            type_ids = frozenset(row[5] for row in right_rows)
            paths.append(ReachPath(organisation_id, type_ids, path, right_id if is_restricted else None, (1, right_id)))
        paths.sort(key=lambda p: p.order)
        return Reach(tuple(paths), policy.today)

    # --- one page -------------------------------------------------------------------------------

    def page(self, subject: Subject, policy: AppPolicy, window: Window, namespace: str) -> Resolution:
        search = window.search
        # PostgreSQL plans the page's statements once (``Registry.connect``), except for a search by the start
        # of a name: planned for unknown bounds, the walk of a prefix reads and sorts every party within it.
        generic = search is None or search.identifier is not None
        with self.registry.connect(generic_plans=generic) as connection:
            person = registered_person(self.registry, connection, subject)
            types = TypeCatalogue.load(self.registry, connection, policy)
            if person is None or not types.by_id:
                return Resolution()
            reach = self._reach(connection, person, policy, types)
            query = MandatorQuery(self.registry, connection, reach, self._inline_limit(connection))
            if search is not None and search.identifier is not None:
                page = page_of(query.by_identifier(search.identifier.scheme, search.identifier.value), window)
            else:
                page = self._page_by_name(query, window)
            principals = query.principals(page.items, types, namespace)
            return Resolution(principals, page.more and bool(principals), page.count)

    def _page_by_name(self, query: MandatorQuery, window: Window) -> Page[Mandator]:
        limit = max(query.inline_limit, COUNT_CAP) + 1
        rows, mandators = query.probe(limit)
        # Complete: no range can have stopped at its limit, so ``mandators`` is all of them.
        complete = rows < limit
        if complete and mandators <= query.inline_limit:
            # Few: all of them sorted here, with an exact count, any cursor and any search.
            return page_of(query.mandators(limit), window)
        prefix = window.search.prefix if window.search is not None else None
        if prefix is None:
            count = CappedCount(min(mandators, COUNT_CAP), mandators > COUNT_CAP or not complete)
        else:
            count = query.count_by_prefix(prefix)
        if window.past:
            return Page((), False, count)
        found = query.walk(window, prefix)
        return Page(tuple(found[: window.size]), len(found) > window.size, count)

    # --- one option -----------------------------------------------------------------------------

    def find(self, subject: Subject, policy: AppPolicy, ref: str, namespace: str) -> MandateOption | None:
        """The one mandate ``ref`` names, if in force and reaching the person today: one statement."""
        parsed = parse_mandate_ref(ref)
        if parsed is None:
            return None
        with self.registry.connect() as connection:
            dialect = connection.dialect.name
            person = registered_person(self.registry, connection, subject)
            types = TypeCatalogue.load(self.registry, connection, policy)
            if person is None or not types.by_id:
                return None
            row = self.registry.statement(connection.dialect, "find", _find_statement).first(
                connection,
                {
                    "mandate_id": parsed.mandate_id,
                    "today": policy.today,
                    "types": list_value(dialect, types.ids),
                    "scheme": parsed.mandatee.scheme,
                    "identifier": parsed.mandatee.value,
                    "user_id": person.user_id,
                    # The legal representative path only for applications with that feature on (M13).
                    "representative": person.person_id if policy.legal_representatives else None,
                },
            )
        if row is None:
            return None
        type_id, mandatee_id, valid_from, valid_until, mandatee_kind = row[:5]
        right_from, right_until, law_from, law_until, function = row[13:18]
        if mandatee_id == person.person_id:
            # A person mandatee reaches it directly, and only them.
            path = AccessPath(PathKind.PERSON_MANDATEE)
        elif mandatee_kind != PartyKind.ORGANISATION:
            return None
        elif right_from is not None:
            path = AccessPath(PathKind.EXECUTOR_RIGHT, right_from, right_until)
        elif law_from is not None:
            path = AccessPath(PathKind.LEGAL_REPRESENTATIVE, law_from, law_until, function)
        else:
            return None
        return MandateOption(
            key=option_key(namespace, ref),
            mandate_id=parsed.mandate_id,
            mandate_type=types.by_id[type_id],
            valid_from=valid_from,
            valid_until=valid_until,
            mandator=party_value(row[5], row[6], row[7], row[8]),
            mandatee=party_value(row[9], row[10], row[11], row[12]),
            path=path,
        )


def _find_statement(dialect: str) -> SelectBase:
    """The mandate, its parties, and the first executor right and legal representation that reach it."""
    mandator, mandatee = aliased(Party), aliased(Party)
    right, representation = aliased(UserRight), aliased(LegalRepresentative)
    listed_any = exists().where(UserRightMandator.right_id == UserRight.id)
    listed_this = (
        exists()
        .where(UserRightMandator.right_id == UserRight.id, UserRightMandator.mandator_id == Mandate.mandator_id)
        .correlate(Mandate, UserRight)
    )
    first_right = (
        select(UserRight.id)
        .join(UserRightMandateType, UserRightMandateType.right_id == UserRight.id)
        .where(
            UserRight.user_id == bindparam("user_id"),
            UserRight.right == RightKind.MANDATE_EXECUTOR,
            # A right of *that* organisation (M12: another organisation's right does not count) ...
            UserRight.organisation_id == Mandate.mandatee_id,
            # ... valid today (M12) ...
            valid_on(UserRight.valid_from, UserRight.valid_until, TODAY),
            # ... whose context holds this type (M12) ...
            UserRightMandateType.mandate_type_id == Mandate.mandate_type_id,
            # ... and, when it lists mandators, lists this one.
            or_(not_(listed_any), listed_this),
        )
        .order_by(UserRight.id)
        .limit(fixed_limit(1))
        .correlate(Mandate)
        .scalar_subquery()
    )
    first_representation = (
        select(LegalRepresentative.id)
        .where(
            LegalRepresentative.person_id == bindparam("representative"),
            # Of this enterprise (M13: being listed for another one does not count), valid today.
            LegalRepresentative.organisation_id == Mandate.mandatee_id,
            valid_on(LegalRepresentative.valid_from, LegalRepresentative.valid_until, TODAY),
        )
        .order_by(LegalRepresentative.id)
        .limit(fixed_limit(1))
        .correlate(Mandate)
        .scalar_subquery()
    )
    return (
        select(
            Mandate.mandate_type_id,
            Mandate.mandatee_id,
            Mandate.valid_from,
            Mandate.valid_until,
            mandatee.kind,
            mandator.scheme,
            mandator.identifier,
            mandator.name,
            mandator.target_group,
            mandatee.scheme,
            mandatee.identifier,
            mandatee.name,
            mandatee.target_group,
            right.valid_from,
            right.valid_until,
            representation.valid_from,
            representation.valid_until,
            representation.function,
        )
        .join(mandator, mandator.id == Mandate.mandator_id)
        .join(mandatee, mandatee.id == Mandate.mandatee_id)
        .outerjoin(right, right.id == first_right)
        .outerjoin(representation, representation.id == first_representation)
        .where(
            Mandate.id == bindparam("mandate_id"),
            in_force(),
            # Of a type the application accepts.
            one_of(dialect, Mandate.mandate_type_id, "types", Integer),
            # The mandatee the person chose it through is still the mandatee (not transferred since).
            mandatee.scheme == bindparam("scheme"),
            mandatee.identifier == bindparam("identifier"),
        )
    )
