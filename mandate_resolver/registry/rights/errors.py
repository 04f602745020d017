"""Errors of the user rights service; their codes are the translation keys of the pages."""

from __future__ import annotations

from mandate_resolver.registry.errors import Conflict, Forbidden

__all__ = [
    "DuplicateRight",
    "NotLocalAdministrator",
    "RightAlreadyEnded",
    "RightNotOfOrganisation",
    "UserNotInOrganisation",
]


class NotLocalAdministrator(Forbidden):
    """Not a local administrator of this organisation today, or no such organisation: one answer for both."""

    code = "rights.not_local_administrator"
    message = "You are not a local administrator of this organisation."
    field = "organisation"


class UserNotInOrganisation(Forbidden):
    """The user has no current or future work relation with the organisation (M05: an edited user id)."""

    code = "rights.user_not_in_organisation"
    message = "This user does not work for this organisation."
    field = "user"


class RightNotOfOrganisation(Forbidden):
    """The right does not exist or belongs to another organisation: one answer, so ids reveal nothing."""

    code = "rights.not_of_organisation"
    message = "This right is not one of this organisation's."
    field = "right"


class DuplicateRight(Conflict):
    code = "rights.duplicate"
    message = "The user already holds this right here for (part of) this period: change that one instead."
    field = "valid_from"


class RightAlreadyEnded(Conflict):
    code = "rights.already_ended"
    message = "This right has ended already."
    field = "right"
