"""The SSM mandate lifecycle as a service: create, sign, refuse, stop, extend, transfer; one at a time or
in bulk (DOMAIN.md, "Mandate lifecycle").

Stored states are ``awaiting_signature``, ``signed``, ``refused`` and ``stopped``; whether a signed mandate
is in the future, active or expired follows from its dates (:func:`effective_status`), so nothing has to
run at midnight. Transitions, each by a user acting for a party (checked with :mod:`.authority`)::

    create (either side; the creator's side signs)        -> awaiting_signature
    awaiting_signature --sign / refuse (the unsigned side)  -> signed / refused
    awaiting_signature, future, active --stop (either side, immediately) -> stopped
    future, active --extend (either side, a later end only) -> same status
    future, active --request_transfer (either side)        -> same status, a new mandatee pending

Transfers. The mandator or the current mandatee may propose a new mandatee (SSM lets a mandatee hand its
clients over, e.g. an accounting firm that stops), and the new mandatee must always accept. The mandator
must agree to whoever acts in its name, so:

- proposed by the mandator: the proposal is its agreement; when the new mandatee accepts, the mandatee is
  replaced and the mandate stays signed, without a gap;
- proposed by the mandatee: when the new mandatee accepts, the mandatee is replaced (the old one may leave
  at any time: it could stop the mandate) and the mandator's signature is withdrawn. The mandate waits
  for the mandator's signature like a new one proposed by the mandatee (``initiator`` becomes
  "mandatee"; :func:`unsigned_side`) and nobody can use it until then; if the mandator refuses, it ends
  as refused.

The new mandatee refuses a proposal, or the side that made it cancels it; stopping the mandate ends it
too. Which side proposed is kept in the ``transfer_requested`` event.

Two open mandates (awaiting signature or signed) of one type between the same two parties never overlap
in time: creating or transferring into one is a :class:`DuplicateMandate`, so uploading a CSV file twice
creates nothing twice.

Transactions: every write method is one unit of work. It checks the actor's authority and every rule first
(a refusal leaves nothing behind), then changes the mandate, appends its :class:`MandateEvent` and flushes
both together. It never commits: the caller does, in its own unit of work (``database.transaction``) or
with :meth:`MandateService.commit` (scripts, tests)::

    service = MandateService(session, notifier=OutboxNotifier(Path("outbox")))
    mandate = service.create_mandate(sammy, emmaus.id, role="mandator", counterparty="BE 0806.154.033",
                                     mandate_type_code="wse_loket", valid_from=date(2024, 3, 15),
                                     accept_contract=True, notify_emails=["info@barocy.be"])
    service.commit()  # the notification leaves now

Concurrency: a mandate is read with ``SELECT ... FOR UPDATE`` (a row lock on PostgreSQL; SQLite has one
writer at a time) and written with the model's version compare-and-set. Of two people signing or stopping
one mandate at once, one succeeds; the other gets :class:`InvalidTransition` (it waited for the lock and
then saw the new state) or :class:`ConcurrentChange`. A ``ConcurrentChange`` has rolled the session back
(the database had aborted the transaction already).
"""

from __future__ import annotations

from .records import (
    MAX_BULK_ROWS,
    MAX_MANDATE_ID_LENGTH,
    MAX_NOTIFY_ADDRESSES,
    MAX_REFERENCE_LENGTH,
    BulkReport,
    HistoryEntry,
    NewMandate,
    RowProblem,
)
from .service import MandateService
from .status import BELGIAN_TIME, EffectiveStatus, Role, effective_status, transfer_pending, unsigned_side

__all__ = [
    "BELGIAN_TIME",
    "MAX_BULK_ROWS",
    "MAX_MANDATE_ID_LENGTH",
    "MAX_NOTIFY_ADDRESSES",
    "MAX_REFERENCE_LENGTH",
    "BulkReport",
    "EffectiveStatus",
    "HistoryEntry",
    "MandateService",
    "NewMandate",
    "Role",
    "RowProblem",
    "effective_status",
    "transfer_pending",
    "unsigned_side",
]
