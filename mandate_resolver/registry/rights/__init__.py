"""IDM user rights as a service: a local administrator lists the organisation's users and grants, changes and
ends their rights; every person reads their own (DOMAIN.md, "User rights (IDM)"; seeds, "Stap 0" and "Stap 3").

Rights are ``SSM Mandaatbeheerder`` (no context) and ``SSM Mandaatuitvoerder`` (context, mandatory: a
non-empty set of mandate types; beyond the pilot, optionally a set of mandators). Each has a begin and an
end date, both inclusive, and lies within one of the user's work relations with the organisation.

Authority. Only a local administrator of the organisation, valid today, writes; the organisation is
always re-checked against ``LocalAdministrator`` whatever a form or URL says, and a user or a right of
another organisation is refused (:class:`Forbidden`, SECURITY.md M05). The helpdesk reads every
organisation and writes none (:class:`ReadOnly`, M16).

Dates. A right is granted from today or later. "End" takes effect at once, since an executor who must
stop must not log in again today (M12): a right that has started gets yesterday as its last day; one that
has not started yet never takes effect and is withdrawn (deleted; the audit log keeps it). A later end
date, or a new start of a right not started yet, is a change.

Transactions: each write checks everything first, then changes the rows, writes an :class:`AuditEntry`
and flushes; it never commits (the caller does)::

    service = RightsService(session)
    right = service.grant_right(lotte, "kbo:0806154033", NewRight(marc.id, RightKind.MANDATE_EXECUTOR,
                                date.today(), mandate_type_codes=["wse_loket"]))
    session.commit()   # marc can log in via BAROCY for its WSE Loket mandators from now on
"""

from __future__ import annotations

from .errors import (
    DuplicateRight,
    NotLocalAdministrator,
    RightAlreadyEnded,
    RightNotOfOrganisation,
    UserNotInOrganisation,
)
from .listing import (
    MemberRights,
    Profile,
    ProfileOrganisation,
    RightEntry,
    RightStatus,
    UsersPage,
    party_ref,
    right_status,
)
from .service import NewRight, RightsService

__all__ = [
    "DuplicateRight",
    "MemberRights",
    "NewRight",
    "NotLocalAdministrator",
    "Profile",
    "ProfileOrganisation",
    "RightAlreadyEnded",
    "RightEntry",
    "RightNotOfOrganisation",
    "RightStatus",
    "RightsService",
    "UserNotInOrganisation",
    "UsersPage",
    "party_ref",
    "right_status",
]
