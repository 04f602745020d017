"""The lifecycle service: every write method checks everything first, then changes and records (see the
package documentation)."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager

from sqlalchemy import or_, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from mandate_resolver.identifiers import IdentifierError, guess_party_identifier
from mandate_resolver.registry.authority import Actor, may_manage_mandates, require_manage
from mandate_resolver.registry.errors import (
    ConcurrentChange,
    ContractNotAccepted,
    DuplicateMandate,
    EndBeforeStart,
    Forbidden,
    IdentifierInvalid,
    InvalidTransition,
    MandateNotFound,
    MandateTypeInactive,
    PartyNotFound,
    RegistryError,
    SameParty,
    StartInPast,
    UnknownMandateType,
    ValidationError,
)
from mandate_resolver.registry.models import (
    Mandate,
    MandateEvent,
    MandateState,
    MandateType,
    Party,
    as_utc,
    utcnow,
)
from mandate_resolver.registry.notify import (
    LANGUAGES,
    Notifier,
    NullNotifier,
    creation_notification,
    describe_event,
    send_after_commit,
)

from .records import MAX_MANDATE_ID_LENGTH, BulkReport, HistoryEntry, NewMandate, RowProblem
from .rules import (
    _OPEN_STATES,
    _T,
    _Act,
    _check_bulk_size,
    _email_problems,
    _is_lost_race,
    _iso,
    _kind_problem,
    _Lookups,
    _overlap,
    _Plan,
    _reference,
    _reference_problems,
    _require_pending_mandatee,
    _require_side,
    _require_unsigned_side,
    _require_usable,
    _same_parties_and_type,
    _set_pending,
    _set_signature,
)
from .status import BELGIAN_TIME, EffectiveStatus, Role, effective_status, transfer_pending

log = logging.getLogger(__name__)


class MandateService:
    """The mandate lifecycle in one session; see the module documentation for the rules.

    ``clock`` gives the current time (aware, UTC); "today" is taken in ``zone`` (Belgian time).
    """

    def __init__(
        self,
        session: Session,
        *,
        clock: Callable[[], dt.datetime] = utcnow,
        notifier: Notifier | None = None,
        zone: dt.tzinfo = BELGIAN_TIME,
    ) -> None:
        self.session = session
        self.clock = clock
        self.notifier: Notifier = notifier if notifier is not None else NullNotifier()
        self.zone = zone

    def commit(self) -> None:
        """Commit the session, for callers without a unit of work of their own (scripts, tests). A race
        lost at commit becomes :class:`ConcurrentChange`, as one found while flushing."""
        with self._guard():
            self.session.commit()

    def today(self) -> dt.date:
        return as_utc(self.clock()).astimezone(self.zone).date()

    # --- creating ----------------------------------------------------------------------------------

    def create_mandate(
        self,
        actor: Actor,
        acting_for: int,
        *,
        role: Role,
        counterparty: int | str,
        mandate_type_code: str,
        valid_from: dt.date,
        valid_until: dt.date | None = None,
        reference: str = "",
        language: str = "nl",
        accept_contract: bool,
        notify_emails: Sequence[str] = (),
    ) -> Mandate:
        """Create a mandate between ``acting_for``, on side ``role``, and ``counterparty``; it waits for the
        counterparty's signature. Raises the first problem; :meth:`check_new_mandate` lists them all.

        ``notify_emails`` receive a notification after the commit and are not stored (DOMAIN.md).
        """
        act = self._begin(actor, acting_for)
        row = NewMandate(
            role,
            counterparty,
            mandate_type_code,
            valid_from,
            valid_until,
            reference,
            language,
            accept_contract,
            tuple(notify_emails),
        )
        lookups = _Lookups()
        problems = self._plan(row, act, lookups)
        if problems:
            raise problems[0]
        return self._insert_all(lookups.plans, act)[0]

    def check_new_mandate(self, actor: Actor, acting_for: int, row: NewMandate) -> list[RegistryError]:
        """Every problem of ``row``, none when it can be created: for a form that marks all its fields."""
        return self._plan(row, self._begin(actor, acting_for), _Lookups())

    def create_mandates(
        self,
        actor: Actor,
        acting_for: int,
        rows: Sequence[NewMandate],
        *,
        dry_run: bool,
        on_row: Callable[[int], None] | None = None,
    ) -> BulkReport:
        """Create many mandates at once (SSM's grouped action, a CSV upload): all of them, or none.

        Every row is checked first, also against the rows before it (no two overlapping mandates of one
        type between the same parties). With any problem, or with ``dry_run``, nothing is written and the
        report lists the problems of every row. ``on_row(n)`` is called after row n is checked, for a
        progress bar.
        """
        act = self._begin(actor, acting_for)
        _check_bulk_size(rows)
        lookups = _Lookups()
        problems: list[RowProblem] = []
        for number, row in enumerate(rows, start=1):
            problems += [
                RowProblem.from_error(number, error) for error in self._plan(row, act, lookups, row_number=number)
            ]
            if on_row is not None:
                on_row(number)
        if problems or dry_run:
            return BulkReport(dry_run, len(rows), tuple(problems), ())
        return BulkReport(dry_run, len(rows), (), tuple(self._insert_all(lookups.plans, act)))

    # --- signing, refusing, stopping, extending ----------------------------------------------------

    def sign_mandate(
        self,
        actor: Actor,
        acting_for: int,
        mandate_id: str,
        *,
        accept_contract: bool,
        expected_version: int | None = None,
    ) -> Mandate:
        """Sign, accepting the contract, as the side that has not signed yet: the mandate is then signed.

        ``expected_version`` is the version the person reviewed; a newer one gives :class:`ConcurrentChange`.
        """
        act = self._begin(actor, acting_for)
        if not accept_contract:
            raise ContractNotAccepted()
        return self._change(
            act, mandate_id, expected_version, lambda m: self._apply_sign(m, self._check_sign(m, act), act)
        )

    def sign_mandates(
        self, actor: Actor, acting_for: int, mandate_ids: Sequence[str], *, accept_contract: bool, dry_run: bool
    ) -> BulkReport:
        """Sign many mandates, all or none; the report has a row per id, in order."""
        act = self._begin(actor, acting_for)
        if not accept_contract:
            raise ContractNotAccepted()
        return self._change_many(act, mandate_ids, dry_run, check=self._check_sign, apply=self._apply_sign)

    def refuse_mandate(
        self, actor: Actor, acting_for: int, mandate_id: str, *, expected_version: int | None = None
    ) -> Mandate:
        """Refuse to sign, as the side that has not signed: the mandate ends as refused."""
        act = self._begin(actor, acting_for)
        return self._change(act, mandate_id, expected_version, lambda m: self._refuse(m, act))

    def stop_mandate(
        self, actor: Actor, acting_for: int, mandate_id: str, *, expected_version: int | None = None
    ) -> Mandate:
        """Stop a mandate as either side, with immediate effect and without notice (DOMAIN.md): while it
        awaits signature, before its start date, or while active. Its end date stays as it was
        (``stopped_at`` tells when it ended); a pending transfer ends with it."""
        act = self._begin(actor, acting_for)
        return self._change(
            act, mandate_id, expected_version, lambda m: self._apply_stop(m, self._check_stop(m, act), act)
        )

    def stop_mandates(self, actor: Actor, acting_for: int, mandate_ids: Sequence[str], *, dry_run: bool) -> BulkReport:
        """Stop many mandates, all or none; the report has a row per id, in order."""
        act = self._begin(actor, acting_for)
        return self._change_many(act, mandate_ids, dry_run, check=self._check_stop, apply=self._apply_stop)

    def extend_mandate(
        self,
        actor: Actor,
        acting_for: int,
        mandate_id: str,
        *,
        valid_until: dt.date | None,
        expected_version: int | None = None,
    ) -> Mandate:
        """Move the end date of a signed, not expired mandate later, as either side; None: unlimited."""
        act = self._begin(actor, acting_for)
        return self._change(act, mandate_id, expected_version, lambda m: self._extend(m, act, valid_until))

    # --- transfer ----------------------------------------------------------------------------------

    def request_transfer(
        self,
        actor: Actor,
        acting_for: int,
        mandate_id: str,
        *,
        new_mandatee: int | str,
        expected_version: int | None = None,
    ) -> Mandate:
        """Propose ``new_mandatee`` (a party id or an identifier) for a signed, not expired mandate, as its
        mandator or its mandatee; see the module documentation for what acceptance then does."""
        act = self._begin(actor, acting_for)
        return self._change(act, mandate_id, expected_version, lambda m: self._request_transfer(m, act, new_mandatee))

    def accept_transfer(
        self,
        actor: Actor,
        acting_for: int,
        mandate_id: str,
        *,
        accept_contract: bool,
        expected_version: int | None = None,
    ) -> Mandate:
        """Accept a proposed transfer, accepting the contract, as the proposed new mandatee. The mandate
        stays signed when the mandator proposed it, and waits for the mandator's signature otherwise."""
        act = self._begin(actor, acting_for)
        if not accept_contract:
            raise ContractNotAccepted()
        return self._change(act, mandate_id, expected_version, lambda m: self._accept_transfer(m, act))

    def refuse_transfer(
        self, actor: Actor, acting_for: int, mandate_id: str, *, expected_version: int | None = None
    ) -> Mandate:
        """Refuse a proposed transfer, as the proposed new mandatee; the mandate stays as it was."""
        act = self._begin(actor, acting_for)
        return self._change(act, mandate_id, expected_version, lambda m: self._refuse_transfer(m, act))

    def cancel_transfer(
        self, actor: Actor, acting_for: int, mandate_id: str, *, expected_version: int | None = None
    ) -> Mandate:
        """Withdraw a proposed transfer, as the side that proposed it."""
        act = self._begin(actor, acting_for)
        return self._change(act, mandate_id, expected_version, lambda m: self._cancel_transfer(m, act))

    # --- reading -----------------------------------------------------------------------------------

    def get_mandate(self, actor: Actor, mandate_id: str, *, acting_for: int | None = None) -> Mandate:
        """The mandate, for the helpdesk or for someone who may manage one of its parties (mandator,
        mandatee, proposed new mandatee). With ``acting_for``, the party chosen at entry in the portal,
        that party must be one of them (SECURITY.md M17: switching party needs a new login)."""
        mandate = self._load(mandate_id, lock=False)
        if actor.is_helpdesk:
            return mandate
        parties = {mandate.mandator_id, mandate.mandatee_id}
        if mandate.pending_mandatee_id is not None:
            parties.add(mandate.pending_mandatee_id)
        if acting_for is not None:
            parties &= {acting_for}
        today = self.today()
        if not any(may_manage_mandates(self.session, actor, party_id, today) for party_id in parties):
            raise Forbidden("You may not see this mandate.", code="mandate.not_visible", field="mandate_id")
        return mandate

    def history(self, mandate: Mandate, *, language: str = "en") -> list[HistoryEntry]:
        """The mandate's events, oldest first, each described ("created by Sammy Roos (Emmaüs)")."""
        events = self.session.scalars(
            select(MandateEvent).where(MandateEvent.mandate_id == mandate.id).order_by(MandateEvent.id)
        )
        return [
            HistoryEntry(
                at=as_utc(e.at),
                action=e.action,
                actor_name=e.actor_name,
                acting_for_name=e.acting_for_name,
                description=describe_event(e.action, e.actor_name, e.acting_for_name, language),
                detail=dict(e.detail),
            )
            for e in events
        ]

    # --- the steps: check everything, then change ------------------------------------------------

    def _check_sign(self, mandate: Mandate, act: _Act) -> Role:
        side = _require_unsigned_side(mandate, act, "sign")
        # It never takes effect before both have signed; one whose end date has passed never will.
        if mandate.valid_until is not None and mandate.valid_until < act.today:
            raise InvalidTransition("awaiting_signature", "sign", reason="its end date has passed")
        return side

    def _apply_sign(self, mandate: Mandate, side: Role, act: _Act) -> None:
        _set_signature(mandate, side, act.now, act.actor.user_id)
        mandate.state = MandateState.SIGNED
        self._record(mandate, "signed", act, {"side": side})

    def _refuse(self, mandate: Mandate, act: _Act) -> None:
        side = _require_unsigned_side(mandate, act, "refuse")
        mandate.state = MandateState.REFUSED
        self._record(mandate, "refused", act, {"side": side})

    def _check_stop(self, mandate: Mandate, act: _Act) -> EffectiveStatus:
        _require_side(mandate, act)
        status = effective_status(mandate, act.today)
        if status not in ("awaiting_signature", "future", "active"):
            raise InvalidTransition(status, "stop")
        return status

    def _apply_stop(self, mandate: Mandate, status: EffectiveStatus, act: _Act) -> None:
        detail: dict[str, object] = {"status": status}
        if mandate.pending_mandatee_id is not None:
            detail["transfer_ended_for"] = _reference(mandate.pending_mandatee)
            _set_pending(mandate, None)
        mandate.state = MandateState.STOPPED
        mandate.stopped_at = act.now
        mandate.stopped_by = act.actor.user_id
        self._record(mandate, "stopped", act, detail)

    def _extend(self, mandate: Mandate, act: _Act, valid_until: dt.date | None) -> None:
        _require_side(mandate, act)
        _require_usable(mandate, act, "extend")
        old = mandate.valid_until
        if old is None or (valid_until is not None and valid_until <= old):
            raise ValidationError(
                "The new end date must be later than the current one.",
                code="mandate.extension_not_later",
                field="valid_until",
                params={"valid_until": _iso(old)},
            )
        mandate.valid_until = valid_until
        self._record(mandate, "extended", act, {"old_valid_until": _iso(old), "valid_until": _iso(valid_until)})

    def _request_transfer(self, mandate: Mandate, act: _Act, new_mandatee: int | str) -> None:
        side = _require_side(mandate, act)
        _require_usable(mandate, act, "request_transfer")
        if transfer_pending(mandate):
            raise InvalidTransition("transfer_pending", "request_transfer")
        target = self._party(new_mandatee, field="new_mandatee")
        if target.id == mandate.mandator_id:
            raise SameParty(field="new_mandatee")
        if target.id == mandate.mandatee_id:
            raise SameParty(
                "This party is the mandatee already.", code="mandate.already_mandatee", field="new_mandatee"
            )
        kind_problem = _kind_problem(mandate.mandate_type, target, "mandatee", "new_mandatee")
        if kind_problem is not None:
            raise kind_problem
        self._check_no_duplicate_for(mandate, target, act.today)
        _set_pending(mandate, target)
        detail = {"by_side": side, "new_mandatee": _reference(target), "new_mandatee_name": target.name}
        self._record(mandate, "transfer_requested", act, detail)

    def _accept_transfer(self, mandate: Mandate, act: _Act) -> None:
        _require_pending_mandatee(mandate, act, "accept_transfer")
        _require_usable(mandate, act, "accept_transfer")
        self._check_no_duplicate_for(mandate, act.party, act.today)
        by_side = self._transfer_requested_by(mandate)
        previous = mandate.mandatee
        mandate.mandatee_id = act.party.id
        mandate.mandatee = act.party
        _set_pending(mandate, None)
        _set_signature(mandate, "mandatee", act.now, act.actor.user_id)
        # The old mandatee cannot give the mandator's power to a third party: the mandator signs again.
        awaits_mandator = by_side != "mandator"
        if awaits_mandator:
            mandate.state = MandateState.AWAITING_SIGNATURE
            _set_signature(mandate, "mandator", None, None)
            # As for a new mandate: the side that proposed it has signed, the other side signs.
            mandate.initiator = "mandatee"
        detail = {
            "by_side": by_side,
            "previous_mandatee": _reference(previous),
            "previous_mandatee_name": previous.name,
            "awaits_mandator": awaits_mandator,
        }
        self._record(mandate, "transfer_accepted", act, detail)

    def _refuse_transfer(self, mandate: Mandate, act: _Act) -> None:
        _require_pending_mandatee(mandate, act, "refuse_transfer")
        self._record(mandate, "transfer_refused", act, {"new_mandatee": _reference(mandate.pending_mandatee)})
        _set_pending(mandate, None)

    def _cancel_transfer(self, mandate: Mandate, act: _Act) -> None:
        side = _require_side(mandate, act)
        if not transfer_pending(mandate):
            raise InvalidTransition(effective_status(mandate, act.today), "cancel_transfer")
        if side != self._transfer_requested_by(mandate):
            raise Forbidden(
                "Only the party that proposed the transfer can cancel it.",
                code="mandate.not_transfer_initiator",
                field="acting_for",
            )
        self._record(mandate, "transfer_cancelled", act, {"new_mandatee": _reference(mandate.pending_mandatee)})
        _set_pending(mandate, None)

    # --- running steps ---------------------------------------------------------------------------

    def _begin(self, actor: Actor, acting_for: int) -> _Act:
        """Check that ``actor`` may manage ``acting_for``'s mandates now (SECURITY.md M05, M16, M17)."""
        now = as_utc(self.clock())
        today = now.astimezone(self.zone).date()
        require_manage(self.session, actor, acting_for, today)
        party = self.session.get(Party, acting_for)
        if party is None:  # only an actor whose own person is missing gets here
            raise Forbidden("This party does not exist.", code="authority.not_allowed", field="acting_for")
        return _Act(actor, party, now, today)

    def _change(
        self, act: _Act, mandate_id: str, expected_version: int | None, step: Callable[[Mandate], None]
    ) -> Mandate:
        with self._guard():
            mandate = self._load(mandate_id)
            if expected_version is not None and mandate.version != expected_version:
                raise ConcurrentChange(params={"version": str(mandate.version)})
            step(mandate)
            mandate.updated_at = act.now
            self.session.flush()
        return mandate

    def _change_many(
        self,
        act: _Act,
        mandate_ids: Sequence[str],
        dry_run: bool,
        *,
        check: Callable[[Mandate, _Act], _T],
        apply: Callable[[Mandate, _T, _Act], None],
    ) -> BulkReport:
        _check_bulk_size(mandate_ids)
        problems: list[RowProblem] = []
        checked: list[tuple[Mandate, _T]] = []
        with self._guard():
            found = self._load_many(mandate_ids)
            seen: set[str] = set()
            for number, mandate_id in enumerate(mandate_ids, start=1):
                try:
                    if mandate_id in seen:
                        raise ValidationError("This mandate is listed twice.", code="bulk.duplicate_row")
                    seen.add(mandate_id)
                    mandate = found.get(mandate_id)
                    if mandate is None:
                        raise MandateNotFound(params={"mandate_id": str(mandate_id)[:MAX_MANDATE_ID_LENGTH]})
                    checked.append((mandate, check(mandate, act)))
                except RegistryError as error:
                    problems.append(RowProblem.from_error(number, error, default_field="mandate_id"))
            if problems or dry_run:
                return BulkReport(dry_run, len(mandate_ids), tuple(problems), ())
            for mandate, outcome in checked:
                apply(mandate, outcome, act)
                mandate.updated_at = act.now
            self.session.flush()
        return BulkReport(dry_run, len(mandate_ids), (), tuple(mandate for mandate, _ in checked))

    def _plan(self, row: NewMandate, act: _Act, lookups: _Lookups, *, row_number: int = 1) -> list[RegistryError]:
        """Every problem of ``row``; when there is none, its plan is added to ``lookups.planned``."""
        problems: list[RegistryError] = []
        role: Role | None = "mandator" if row.role == "mandator" else "mandatee" if row.role == "mandatee" else None
        if role is None:
            problems.append(
                ValidationError(
                    "The role must be mandator or mandatee.",
                    code="mandate.role_invalid",
                    field="role",
                    params={"role": str(row.role)[:20]},
                )
            )
        if not row.accept_contract:
            problems.append(ContractNotAccepted())
        mandate_type: MandateType | None = None
        counterparty: Party | None = None
        try:
            mandate_type = self._mandate_type(row.mandate_type_code, lookups)
        except RegistryError as error:
            problems.append(error)
        try:
            counterparty = self._party(row.counterparty, field="counterparty")
        except RegistryError as error:
            problems.append(error)
        if role is not None and counterparty is not None:
            if counterparty.id == act.party.id:
                problems.append(SameParty())
            elif mandate_type is not None:
                other: Role = "mandatee" if role == "mandator" else "mandator"
                for problem in (
                    _kind_problem(mandate_type, counterparty, other, "counterparty"),
                    # The own party is fixed by the login; the type is what the person can change.
                    _kind_problem(mandate_type, act.party, role, "mandate_type_code"),
                ):
                    if problem is not None:
                        problems.append(problem)
        if row.valid_from < act.today:
            problems.append(StartInPast(params={"valid_from": _iso(row.valid_from), "today": _iso(act.today)}))
        if row.valid_until is not None and row.valid_until < row.valid_from:
            problems.append(EndBeforeStart(params={"valid_from": _iso(row.valid_from)}))
        language = row.language.strip().lower()
        if language not in LANGUAGES:
            problems.append(
                ValidationError(
                    "The language must be one of nl, fr, de, en.",
                    code="mandate.language_unsupported",
                    field="language",
                    params={"language": row.language[:8]},
                )
            )
        reference = row.reference.strip()
        problems.extend(_reference_problems(reference))
        emails = tuple(address.strip() for address in row.notify_emails if address.strip())
        problems.extend(_email_problems(emails))
        if problems or role is None or mandate_type is None or counterparty is None:
            return problems
        mandator, mandatee = (act.party, counterparty) if role == "mandator" else (counterparty, act.party)
        plan = _Plan(
            role,
            mandate_type,
            mandator,
            mandatee,
            counterparty,
            row.valid_from,
            row.valid_until,
            reference,
            language,
            emails,
        )
        duplicate = self._find_overlapping(mandate_type, mandator, mandatee, row.valid_from, row.valid_until)
        if duplicate is not None:
            return [DuplicateMandate(params={"number": str(duplicate)})]
        for earlier_row, earlier in lookups.planned:
            if _same_parties_and_type(plan, earlier) and _overlap(plan, earlier):
                return [DuplicateMandate("An earlier row creates the same mandate.", params={"row": str(earlier_row)})]
        lookups.planned.append((row_number, plan))
        return []

    def _insert_all(self, plans: Sequence[_Plan], act: _Act) -> list[Mandate]:
        mandates = [
            Mandate(
                mandate_type=plan.mandate_type,
                mandator=plan.mandator,
                mandatee=plan.mandatee,
                valid_from=plan.valid_from,
                valid_until=plan.valid_until,
                reference=plan.reference,
                language=plan.language,
                state=MandateState.AWAITING_SIGNATURE,
                initiator=plan.role,
                created_by=act.actor.user_id,
                created_at=act.now,
                updated_at=act.now,
            )
            for plan in plans
        ]
        with self._guard():
            for mandate, plan in zip(mandates, plans, strict=True):
                # DOMAIN.md: "The creator has signed by creating it."
                _set_signature(mandate, plan.role, act.now, act.actor.user_id)
            self.session.add_all(mandates)
            # The events refer to the mandates by a foreign key the unit of work does not order by.
            self.session.flush()
            for mandate, plan in zip(mandates, plans, strict=True):
                detail = {
                    "role": plan.role,
                    "mandate_type": plan.mandate_type.code,
                    "valid_from": _iso(plan.valid_from),
                    "valid_until": _iso(plan.valid_until),
                }
                self._record(mandate, "created", act, detail)
            self.session.flush()
        for mandate, plan in zip(mandates, plans, strict=True):
            self._notify_created(mandate, plan, act)
        return mandates

    # --- lookups -----------------------------------------------------------------------------------

    def _load(self, mandate_id: str, *, lock: bool = True) -> Mandate:
        if not isinstance(mandate_id, str) or len(mandate_id) > MAX_MANDATE_ID_LENGTH:
            raise MandateNotFound()
        statement = select(Mandate).where(Mandate.id == mandate_id)
        if lock:
            # Fresh from the database under the row lock, whatever this session held before.
            statement = statement.with_for_update(of=Mandate).execution_options(populate_existing=True)
        mandate = self.session.scalars(statement).one_or_none()
        if mandate is None:
            raise MandateNotFound(params={"mandate_id": mandate_id})
        return mandate

    def _load_many(self, mandate_ids: Sequence[str]) -> dict[str, Mandate]:
        wanted = {i for i in mandate_ids if isinstance(i, str) and len(i) <= MAX_MANDATE_ID_LENGTH}
        if not wanted:
            return {}
        # Locks are taken in one order (by number), so two bulk actions cannot deadlock each other.
        statement = (
            select(Mandate)
            .where(Mandate.id.in_(wanted))
            .order_by(Mandate.number)
            .with_for_update(of=Mandate)
            .execution_options(populate_existing=True)
        )
        return {mandate.id: mandate for mandate in self.session.scalars(statement)}

    def _mandate_type(self, code: str, lookups: _Lookups) -> MandateType:
        if code not in lookups.mandate_types:
            lookups.mandate_types[code] = self.session.scalar(select(MandateType).where(MandateType.code == code))
        mandate_type = lookups.mandate_types[code]
        if mandate_type is None:
            raise UnknownMandateType(params={"mandate_type_code": code[:64]})
        if not mandate_type.active:
            raise MandateTypeInactive(params={"mandate_type_code": code})
        return mandate_type

    def _party(self, reference: int | str, *, field: str) -> Party:
        """A party by id (chosen from a list) or by an identifier as typed (looked up by scheme and value)."""
        if isinstance(reference, int):
            party = self.session.get(Party, reference)
            if party is None:
                raise PartyNotFound(field=field, params={"party_id": str(reference)})
            return party
        try:
            identifier = guess_party_identifier(reference)
        except IdentifierError as error:
            raise IdentifierInvalid(error, field=field) from error
        party = self.session.scalar(
            select(Party).where(Party.scheme == identifier.scheme, Party.identifier == identifier.value)
        )
        if party is None:
            raise PartyNotFound(field=field, params={"scheme": identifier.scheme, "identifier": identifier.value})
        return party

    def _find_overlapping(
        self,
        mandate_type: MandateType,
        mandator: Party,
        mandatee: Party,
        valid_from: dt.date,
        valid_until: dt.date | None,
    ) -> int | None:
        """The number of an open mandate of this type between these parties overlapping the period."""
        conditions = [
            Mandate.mandatee_id == mandatee.id,
            Mandate.mandate_type_id == mandate_type.id,
            Mandate.mandator_id == mandator.id,
            Mandate.state.in_(_OPEN_STATES),
            or_(Mandate.valid_until.is_(None), Mandate.valid_until >= valid_from),
        ]
        if valid_until is not None:
            conditions.append(Mandate.valid_from <= valid_until)
        return self.session.scalar(select(Mandate.number).where(*conditions).limit(1))

    def _check_no_duplicate_for(self, mandate: Mandate, new_mandatee: Party, today: dt.date) -> None:
        start = max(today, mandate.valid_from)
        duplicate = self._find_overlapping(
            mandate.mandate_type, mandate.mandator, new_mandatee, start, mandate.valid_until
        )
        if duplicate is not None:
            raise DuplicateMandate(field="new_mandatee", params={"number": str(duplicate)})

    def _transfer_requested_by(self, mandate: Mandate) -> Role:
        """The side that proposed the pending transfer, from its ``transfer_requested`` event."""
        last_request = self.session.scalar(
            select(MandateEvent)
            .where(MandateEvent.mandate_id == mandate.id, MandateEvent.action == "transfer_requested")
            .order_by(MandateEvent.id.desc())
            .limit(1)
        )
        by_side = last_request.detail.get("by_side") if last_request is not None else None
        # Unknown counts as the mandatee: the stricter path, where the mandator signs again.
        return "mandator" if by_side == "mandator" else "mandatee"

    # --- plumbing ----------------------------------------------------------------------------------

    def _record(self, mandate: Mandate, action: str, act: _Act, detail: Mapping[str, object]) -> None:
        self.session.add(
            MandateEvent(
                mandate_id=mandate.id,
                at=act.now,
                action=action,
                actor_user_id=act.actor.user_id,
                actor_name=act.actor.name,
                acting_for_id=act.party.id,
                acting_for_name=act.party.name,
                detail=dict(detail),
            )
        )

    @contextmanager
    def _guard(self) -> Iterator[None]:
        """Turn a lost race (version compare-and-set, lock timeout, deadlock, busy SQLite) into a Conflict."""
        try:
            yield
        except (StaleDataError, DBAPIError) as error:
            if isinstance(error, DBAPIError) and not _is_lost_race(error):
                raise
            self.session.rollback()
            raise ConcurrentChange() from error

    def _notify_created(self, mandate: Mandate, plan: _Plan, act: _Act) -> None:
        if not plan.emails:
            return
        notification = creation_notification(
            to=plan.emails,
            language=mandate.language,
            mandate_id=mandate.id,
            number=mandate.number,
            type_name=plan.mandate_type.name_in(mandate.language),
            mandator=plan.mandator.name,
            mandatee=plan.mandatee.name,
            creator=act.party.name,
            counterparty=plan.counterparty.name,
            valid_from=plan.valid_from,
            valid_until=plan.valid_until,
            reference=plan.reference,
        )
        send_after_commit(self.session, self.notifier, notification)
