"""Why a mandate is or is not offered to a person at an application ("why was X not offered to Y?").

The helpdesk's question, answered from the registry with the rules of login step 3 (DOMAIN.md) that the SSM
resolver applies in SQL (``mandate_resolver.ssm.rules``; SECURITY.md M10-M13): for every mandate whose
mandatee is the person, or an organisation the person holds an executor right for or represents by law,
whether it reaches the person for this application today, and if not, every reason why not.

It never decides a login: the resolver chain does. The helpdesk page shows both, the chain's options and
this explanation, so a difference between them is itself a finding.

>>> reasons_text = [reason.value for reason in Reason]
>>> "type_not_accepted" in reasons_text and "legal_representative_feature_off" in reasons_text
True
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass
from typing import Final

from sqlalchemy import select
from sqlalchemy.orm import Session

from mandate_resolver.types import AppPolicy, PathKind, valid_on

from .lifecycle import EffectiveStatus, effective_status
from .models import LegalRepresentative, Mandate, Party, PartyKind, RightKind, UserRight

__all__ = ["MAX_EXPLAINED", "Explanation", "MandateExplanation", "Reason", "explain_mandates"]

# A person with more mandates in reach than this gets the newest ones and a note that more exist.
MAX_EXPLAINED: Final = 200


class Reason(enum.StrEnum):
    """One reason a mandate is not offered; a mandate may have several."""

    # The application does not accept the mandate's type.
    TYPE_NOT_ACCEPTED = "type_not_accepted"
    # The type was deactivated by an administrator: no application offers it.
    TYPE_INACTIVE = "type_inactive"
    # Awaiting a signature (M10), refused, stopped, not started yet, or past its end date (M11).
    UNSIGNED = "unsigned"
    REFUSED = "refused"
    STOPPED = "stopped"
    NOT_STARTED = "not_started"
    EXPIRED = "expired"
    # Signed, but the signatures or stop time contradict the state: never offered (M10, M11).
    INCONSISTENT = "inconsistent"
    # The mandatee is an organisation and the person holds no "SSM Mandaatuitvoerder" right for it (M12).
    NO_EXECUTOR_RIGHT = "no_executor_right"
    # Such rights exist, but none has the mandate's type in its context (M12).
    RIGHT_WITHOUT_TYPE = "right_without_type"
    # A right with the type exists, but not valid today (ended, or starts later) (M12).
    RIGHT_NOT_VALID = "right_not_valid"
    # A valid right with the type lists mandators, and not this one.
    RIGHT_OTHER_MANDATORS = "right_other_mandators"
    # The person represents the mandatee by law, but the application has that feature off (M13).
    LEGAL_REPRESENTATIVE_FEATURE_OFF = "legal_representative_feature_off"
    # The person was or will be its legal representative, but not today.
    REPRESENTATION_NOT_VALID = "representation_not_valid"


_STATUS_REASON: Final[dict[EffectiveStatus, Reason]] = {
    "awaiting_signature": Reason.UNSIGNED,
    "refused": Reason.REFUSED,
    "stopped": Reason.STOPPED,
    "future": Reason.NOT_STARTED,
    "expired": Reason.EXPIRED,
}


@dataclass(frozen=True, slots=True)
class MandateExplanation:
    """One mandate: offered (with the path by which it reaches the person) or not, with every reason."""

    mandate_id: str
    number: int
    mandate_type: str
    mandator: str
    mandatee: str
    status: EffectiveStatus
    path: PathKind | None
    reasons: tuple[Reason, ...]

    @property
    def offered(self) -> bool:
        return self.path is not None and not self.reasons


@dataclass(frozen=True, slots=True)
class Explanation:
    """Every mandate in the person's reach, newest first; ``truncated`` when there were more."""

    policy: AppPolicy
    mandates: tuple[MandateExplanation, ...]
    truncated: bool

    @property
    def offered(self) -> tuple[MandateExplanation, ...]:
        return tuple(m for m in self.mandates if m.offered)


@dataclass(frozen=True, slots=True)
class _Right:
    organisation_id: int
    type_ids: frozenset[int]
    mandator_ids: frozenset[int]
    valid_from: dt.date
    valid_until: dt.date | None


@dataclass(frozen=True, slots=True)
class _Representation:
    organisation_id: int
    valid_from: dt.date
    valid_until: dt.date | None


def explain_mandates(
    session: Session,
    *,
    person_id: int,
    user_id: int | None,
    policy: AppPolicy,
    limit: int = MAX_EXPLAINED,
) -> Explanation:
    """Explain, for ``policy`` on ``policy.today``, each mandate whose mandatee is the person or one of
    their organisations (executor rights and legal representations of any date).

    >>> explanation = explain_mandates(session, person_id=bart.person_id, user_id=bart.id, policy=policy)
    ... # doctest: +SKIP
    >>> [(m.mandator, m.reasons) for m in explanation.mandates]  # doctest: +SKIP
    [('IMEC', (<Reason.RIGHT_WITHOUT_TYPE: 'right_without_type'>,)), ('Emmaüs', ())]
    """
    rights = _executor_rights(session, user_id)
    representations = [
        _Representation(row.organisation_id, row.valid_from, row.valid_until)
        for row in session.scalars(select(LegalRepresentative).where(LegalRepresentative.person_id == person_id))
    ]
    organisations = {r.organisation_id for r in rights} | {r.organisation_id for r in representations}
    mandatees = sorted({person_id} | organisations)
    rows = list(
        session.scalars(
            select(Mandate).where(Mandate.mandatee_id.in_(mandatees)).order_by(Mandate.number.desc()).limit(limit + 1)
        ).unique()
    )
    explained = tuple(_explain(mandate, person_id, policy, rights, representations) for mandate in rows[:limit])
    return Explanation(policy, explained, len(rows) > limit)


def _executor_rights(session: Session, user_id: int | None) -> list[_Right]:
    if user_id is None:
        return []
    statement = (
        select(UserRight)
        .join(Party, Party.id == UserRight.organisation_id)
        .where(
            UserRight.user_id == user_id,
            UserRight.right == RightKind.MANDATE_EXECUTOR,
            # Executor rights are for organisation mandatees; a person mandatee acts only as themself.
            Party.kind == PartyKind.ORGANISATION,
        )
    )
    return [
        _Right(
            right.organisation_id,
            frozenset(t.mandate_type_id for t in right.mandate_types),
            frozenset(m.mandator_id for m in right.mandators),
            right.valid_from,
            right.valid_until,
        )
        for right in session.scalars(statement)
    ]


def _explain(
    mandate: Mandate,
    person_id: int,
    policy: AppPolicy,
    rights: list[_Right],
    representations: list[_Representation],
) -> MandateExplanation:
    reasons: list[Reason] = []
    mandate_type = mandate.mandate_type
    if not mandate_type.active:
        reasons.append(Reason.TYPE_INACTIVE)
    elif not policy.accepts(mandate_type.code):
        reasons.append(Reason.TYPE_NOT_ACCEPTED)
    status = effective_status(mandate, policy.today)
    if status in _STATUS_REASON:
        reasons.append(_STATUS_REASON[status])
    elif mandate.mandator_signed_at is None or mandate.mandatee_signed_at is None or mandate.stopped_at is not None:
        reasons.append(Reason.INCONSISTENT)
    path, path_reasons = _path(mandate, person_id, policy, rights, representations)
    return MandateExplanation(
        mandate_id=mandate.id,
        number=mandate.number,
        mandate_type=mandate_type.code,
        mandator=mandate.mandator.name,
        mandatee=mandate.mandatee.name,
        status=status,
        path=path,
        reasons=(*reasons, *path_reasons),
    )


def _path(
    mandate: Mandate,
    person_id: int,
    policy: AppPolicy,
    rights: list[_Right],
    representations: list[_Representation],
) -> tuple[PathKind | None, list[Reason]]:
    """How the mandate reaches the person (persons and legal representatives need no executor right)."""
    if mandate.mandatee_id == person_id:
        return PathKind.PERSON_MANDATEE, []
    today = policy.today
    mine = [r for r in rights if r.organisation_id == mandate.mandatee_id]
    with_type = [r for r in mine if mandate.mandate_type_id in r.type_ids]
    valid = [r for r in with_type if valid_on(r.valid_from, r.valid_until, today)]
    usable = [r for r in valid if not r.mandator_ids or mandate.mandator_id in r.mandator_ids]
    if usable:
        return PathKind.EXECUTOR_RIGHT, []
    represents = [r for r in representations if r.organisation_id == mandate.mandatee_id]
    represents_today = [r for r in represents if valid_on(r.valid_from, r.valid_until, today)]
    if represents_today and policy.legal_representatives:
        return PathKind.LEGAL_REPRESENTATIVE, []
    reasons: list[Reason] = []
    if not mine:
        reasons.append(Reason.NO_EXECUTOR_RIGHT)
    elif not with_type:
        reasons.append(Reason.RIGHT_WITHOUT_TYPE)
    elif not valid:
        reasons.append(Reason.RIGHT_NOT_VALID)
    else:
        reasons.append(Reason.RIGHT_OTHER_MANDATORS)
    if represents_today:
        reasons.append(Reason.LEGAL_REPRESENTATIVE_FEATURE_OFF)
    elif represents:
        reasons.append(Reason.REPRESENTATION_NOT_VALID)
    return None, reasons
