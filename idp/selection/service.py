"""The "namens wie" step as a service: who is choosing, for which application, which options, which hint, which
earlier choice may be reused; and storing the re-checked choice on the pending login.

The views only parse and render; every decision about an option goes through the chain
(``app.extensions["idp.chain"]``), never through what the browser posted.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import Session

from mandate_resolver.chain import ResolverChain
from mandate_resolver.identifiers import IdentifierError, Insz, guess_party_identifier
from mandate_resolver.registry.lifecycle import BELGIAN_TIME
from mandate_resolver.registry.models import (
    Application,
    ApplicationMandateType,
    AuditEntry,
    MandateType,
    User,
    utcnow,
)
from mandate_resolver.types import (
    AppPolicy,
    CitizenOption,
    LoginOption,
    MandateOption,
    Selection,
    SourceUnavailable,
    Subject,
)

from ..models import PendingLogin, SsoParticipant
from ..sessions import ActiveSession, add_participant
from .codec import selection_to_json

log = logging.getLogger(__name__)

# A hint naming a mandate is looked for in at most this many options (pages of the largest size).
HINT_SCAN_PAGES: Final = 5
HINT_PAGE_SIZE: Final = 200
MAX_HINT_LENGTH: Final = 2048


class SelectionUnavailableError(Exception):
    """No chain is configured, or the application cannot be resolved: nothing can be chosen."""


def chain() -> ResolverChain:
    value = current_app.extensions.get("idp.chain")
    if value is None:
        raise SelectionUnavailableError("no resolver chain is configured")
    resolver_chain: ResolverChain = value
    return resolver_chain


def belgian_today(now: dt.datetime | None = None) -> dt.date:
    """Mandates run on Belgian calendar dates (SSM)."""
    return (now or utcnow()).astimezone(BELGIAN_TIME).date()


def application(db: Session, client_id: str) -> Application | None:
    row = db.scalar(select(Application).where(Application.client_id == client_id))
    return row if row is not None and row.enabled else None


def policy_of(db: Session, app: Application, language: str, today: dt.date) -> AppPolicy:
    codes = db.scalars(
        select(MandateType.code)
        .join(ApplicationMandateType, ApplicationMandateType.mandate_type_id == MandateType.id)
        .where(ApplicationMandateType.application_id == app.id, MandateType.active.is_(True))
    )
    return AppPolicy(
        today=today,
        accepted_mandate_types=frozenset(codes),
        legal_representatives=app.legal_representatives,
        allow_citizen=app.allow_citizen,
        allow_employee=app.allow_employee,
        language=language,
    )


def subject_of(user: User) -> Subject:
    """The person who logged in, as the chain knows them (their national register number)."""
    return Subject(Insz.parse(user.person.identifier), user.person.name, person_id=user.person_id, user_id=user.id)


# --- login_hint ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Hint:
    """A targeted login: ACM's ``{"cap_hint": "EA", "code_hint": "0411515075"}`` or our own
    ``{"mandate_hint": "<mandate id>"}``, base64 of JSON in ``login_hint``."""

    target_group: str = ""
    code: str = ""
    mandate_id: str = ""

    def matches(self, option: LoginOption) -> bool:
        if self.mandate_id:
            return isinstance(option, MandateOption) and option.mandate_id == self.mandate_id
        principal = option.principal
        if principal.target_group != self.target_group:
            return False
        if isinstance(option, CitizenOption) and not self.code:
            return True
        return principal.id == self.code


def parse_hint(raw: str) -> Hint | None:
    """The selection hint in ``login_hint``, or None when it holds none (an e-mail address, a username).

    >>> parse_hint(base64.b64encode(b'{"cap_hint": "EA", "code_hint": "BE 0411.515.075"}').decode())
    Hint(target_group='EA', code='0411515075', mandate_id='')
    >>> parse_hint("sammy@example.be") is None
    True
    """
    if not raw or len(raw) > MAX_HINT_LENGTH:
        return None
    try:
        decoded = base64.urlsafe_b64decode(raw.replace("+", "-").replace("/", "_") + "=" * (-len(raw) % 4))
        data = json.loads(decoded.decode("utf-8"))
    except (binascii.Error, ValueError, UnicodeDecodeError):
        return None
    if not isinstance(data, Mapping):
        return None
    mandate_id = data.get("mandate_hint")
    if isinstance(mandate_id, str) and 0 < len(mandate_id) <= 64:
        return Hint(mandate_id=mandate_id)
    target_group = data.get("cap_hint")
    code = data.get("code_hint", "")
    if not isinstance(target_group, str) or not 2 <= len(target_group) <= 8 or not isinstance(code, str):
        return None
    if code:
        try:
            code = guess_party_identifier(code).value
        except IdentifierError:
            return Hint(target_group=target_group.upper(), code="!invalid")
    return Hint(target_group=target_group.upper(), code=code)


def hinted_options(subject: Subject, policy: AppPolicy, hint: Hint) -> list[LoginOption]:
    """The person's options the hint names (none when they hold none of them)."""
    found: list[LoginOption] = []
    search = hint.code if hint.code and not hint.mandate_id and hint.code != "!invalid" else None
    after: str | None = None
    for _page in range(HINT_SCAN_PAGES):
        result = chain().resolve_options(subject, policy, page_size=HINT_PAGE_SIZE, after=after, search=search)
        found.extend(option for option in result.options if hint.matches(option))
        after = result.next_cursor
        if after is None:
            break
    return found


# --- earlier choices -----------------------------------------------------------------------------


def remembered_key(db: Session, active: ActiveSession, client_id: str, policy: AppPolicy) -> str:
    """An option chosen earlier in this session that may serve ``client_id`` too: the one chosen for this
    application, else one chosen for an application with the same mandate policy (single sign-on)."""
    rows = list(db.scalars(select(SsoParticipant).where(SsoParticipant.session_id == active.session.id)))
    for row in rows:
        if row.client_id == client_id and row.selection_key:
            return row.selection_key
    for row in rows:
        other = application(db, row.client_id) if row.selection_key else None
        if other is not None and policy_of(db, other, policy.language, policy.today) == policy:
            return row.selection_key
    return ""


def recheck(subject: Subject, policy: AppPolicy, key: str) -> Selection | None:
    """The chain's fresh verdict on ``key`` (raises SourceUnavailable when it cannot answer)."""
    if not key or len(key) > 200:
        return None
    return chain().check_option(subject, policy, key)


def recheck_quietly(subject: Subject, policy: AppPolicy, key: str) -> Selection | None:
    try:
        return recheck(subject, policy, key)
    except SourceUnavailable:
        return None


# --- storing the choice --------------------------------------------------------------------------


def store_choice(db: Session, pending: PendingLogin, active: ActiveSession, selection: Selection) -> None:
    """Put the re-checked choice on the pending login and record the application in the session."""
    pending.selection_key = selection.key
    pending.selection = selection_to_json(selection)
    pending.user_id = active.user.id
    pending.session_id = active.session.id
    pending.status = "selected"
    audit_decision(db, active.user, pending.client_id, "login.selected", _selection_detail(selection), commit=False)
    db.commit()
    add_participant(
        active, protocol=pending.protocol, client_id=pending.client_id, selection_key=selection.key, details={}
    )


def remember_switch(db: Session, active: ActiveSession, app: Application, selection: Selection) -> None:
    """Switching (``/switch``): the next login of ``app`` in this session uses this choice.

    The participant's protocol details (what a logout must address) are kept.
    """
    row = db.scalar(
        select(SsoParticipant).where(
            SsoParticipant.session_id == active.session.id, SsoParticipant.client_id == app.client_id
        )
    )
    audit_decision(db, active.user, app.client_id, "login.switched", _selection_detail(selection), commit=False)
    if row is None:
        add_participant(active, protocol=app.protocol, client_id=app.client_id, selection_key=selection.key, details={})
        return
    row.selection_key = selection.key
    db.commit()


def audit_refused(db: Session, user: User, client_id: str, key: str, reason: str) -> None:
    """A posted option the chain did not confirm: tampering or a stale page (SECURITY.md M01)."""
    log.warning("selection refused for user %s at %s: %s", user.id, client_id, reason)
    db.add(
        AuditEntry(
            actor_user_id=user.id,
            subject_user_id=user.id,
            action="login.selection_refused",
            target=client_id[:200],
            detail={"key": key[:200], "reason": reason},
        )
    )
    db.commit()


def _selection_detail(selection: Selection) -> dict[str, object]:
    detail: dict[str, object] = {
        "key": selection.key[:200],
        "capacity": str(selection.capacity),
        "principal": f"{selection.principal.id_type}:{selection.principal.id}",
    }
    if selection.mandate_id:
        detail["mandate_id"] = selection.mandate_id
    return detail


def audit_decision(
    db: Session, user: User, client_id: str, action: str, detail: Mapping[str, object], *, commit: bool = True
) -> None:
    """A login decision the helpdesk can read back ("why was X not offered to Y?"): what was chosen, or why
    nothing could be (``login.selected``, ``login.switched``, ``login.no_options``,
    ``login.mandates_unavailable``)."""
    db.add(
        AuditEntry(
            actor_user_id=user.id,
            subject_user_id=user.id,
            action=action,
            target=client_id[:200],
            detail=dict(detail),
        )
    )
    if commit:
        db.commit()
