"""Two people changing one mandate at the same moment, each in their own session and transaction:
exactly one succeeds, the other is told (Conflict or InvalidTransition), and there is exactly one event."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable

import pytest
from sqlalchemy.orm.exc import StaleDataError

from mandate_resolver.registry.authority import Actor
from mandate_resolver.registry.errors import Conflict
from mandate_resolver.registry.lifecycle import MandateService
from mandate_resolver.registry.models import Mandate, MandateState

NOW = dt.datetime(2024, 3, 15, 9, 30, tzinfo=dt.UTC)
ROUNDS = 3

Action = Callable[[MandateService], object]


def _race(db, first: Action, second: Action) -> list[object]:
    """Run both actions at once, each in a session of its own, and return "ok" or the error of each."""
    barrier = threading.Barrier(2)
    results: list[object] = []
    lock = threading.Lock()

    def run(action: Action) -> None:
        with db.sessions() as session:
            service = MandateService(session, clock=lambda: NOW)
            outcome: object
            try:
                barrier.wait(timeout=10)
                action(service)
                service.commit()
                outcome = "ok"
            except Exception as error:  # every outcome is reported to the test
                session.rollback()
                outcome = error
            with lock:
                results.append(outcome)

    threads = [threading.Thread(target=run, args=(action,)) for action in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not any(thread.is_alive() for thread in threads), "a writer hung"
    return results


def _one_winner(results: list[object]) -> Conflict:
    assert len(results) == 2
    assert results.count("ok") == 1, results
    [loser] = [r for r in results if r != "ok"]
    # ConcurrentChange (version compare-and-set) or InvalidTransition (waited for the lock, saw the new
    # state): both are Conflicts (409).
    assert isinstance(loser, Conflict), repr(loser)
    return loser


def _sign(actor: Actor, party_id: int, mandate_id: str) -> Action:
    return lambda service: service.sign_mandate(actor, party_id, mandate_id, accept_contract=True)


def _stop(actor: Actor, party_id: int, mandate_id: str) -> Action:
    return lambda service: service.stop_mandate(actor, party_id, mandate_id)


def test_two_signatures_at_once(kit, db) -> None:
    bart, barocy = kit.actor("bart"), kit.id("barocy")
    for day in range(ROUNDS):  # a few rounds, each on a mandate of its own
        mandate = kit.create(valid_from=dt.date(2024, 4, 1 + day), valid_until=dt.date(2024, 4, 1 + day))
        _one_winner(_race(db, _sign(bart, barocy, mandate.id), _sign(bart, barocy, mandate.id)))
        fresh = kit.reload(mandate)
        assert (fresh.state, fresh.version) == (MandateState.SIGNED, 2)
        assert kit.events(fresh) == ["created", "signed"]


def test_both_sides_stop_at_once(kit, db) -> None:
    sammy, emmaus = kit.actor("sammy"), kit.id("emmaus")
    bart, barocy = kit.actor("bart"), kit.id("barocy")
    for day in range(ROUNDS):
        mandate = kit.create_signed(valid_from=dt.date(2024, 4, 1 + day), valid_until=dt.date(2024, 4, 1 + day))
        _one_winner(_race(db, _stop(sammy, emmaus, mandate.id), _stop(bart, barocy, mandate.id)))
        fresh = kit.reload(mandate)
        assert (fresh.state, fresh.version) == (MandateState.STOPPED, 3)
        assert fresh.stopped_by in (sammy.user_id, bart.user_id)
        assert kit.events(fresh) == ["created", "signed", "stopped"]


def test_sign_and_stop_at_once(kit, db) -> None:
    # The mandator withdraws while the mandatee signs: either order is consistent, never both half-done.
    mandate = kit.create()
    sammy, emmaus = kit.actor("sammy"), kit.id("emmaus")
    bart, barocy = kit.actor("bart"), kit.id("barocy")
    results = _race(db, _sign(bart, barocy, mandate.id), _stop(sammy, emmaus, mandate.id))
    fresh = kit.reload(mandate)
    events = kit.events(fresh)
    if results.count("ok") == 2:  # signed first, then stopped: both legal in that order
        assert (fresh.state, events) == (MandateState.STOPPED, ["created", "signed", "stopped"])
    else:
        _one_winner(results)
        assert fresh.state in (MandateState.SIGNED, MandateState.STOPPED)
        assert events == ["created", "signed" if fresh.state is MandateState.SIGNED else "stopped"]


def test_a_stale_session_cannot_overwrite(kit, db) -> None:
    # Without any lock (a reader that loaded the mandate earlier), the version still guards the write.
    mandate = kit.create()
    with db.sessions() as other:
        stale = other.get(Mandate, mandate.number)
        assert stale is not None and stale.version == 1
        kit.service.sign_mandate(kit.actor("bart"), kit.id("barocy"), mandate.id, accept_contract=True)
        kit.service.commit()
        stale.reference = "overwritten"
        with pytest.raises(StaleDataError):
            other.commit()
    assert kit.reload(mandate).reference == ""
