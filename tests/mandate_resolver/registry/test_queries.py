"""The dashboard lists, search and keyset pages (registry/queries.py)."""

from __future__ import annotations

import datetime as dt

from mandate_resolver.registry.models import Mandate
from mandate_resolver.registry.queries import Listing, MandateQuery, search_mandates

from .conftest import TODAY, Kit


def numbers(kit: Kit, **kwargs: object) -> list[int]:
    query = MandateQuery(today=TODAY, **kwargs)  # type: ignore[arg-type]
    return [m.number for m in search_mandates(kit.session, query).mandates]


def test_the_four_lists_of_each_side(kit: Kit) -> None:
    emmaus, barocy = kit.id("emmaus"), kit.id("barocy")
    waiting = kit.create()  # Emmaüs signed by creating; BAROCY must sign
    active = kit.create_signed(mandate_type_code="org_only")
    assert numbers(kit, party_id=barocy, listing=Listing.TO_SIGN) == [waiting.number]
    assert numbers(kit, party_id=emmaus, listing=Listing.TO_SIGN) == []
    assert numbers(kit, party_id=emmaus, listing=Listing.AWAITING_OTHER) == [waiting.number]
    assert numbers(kit, party_id=barocy, listing=Listing.AWAITING_OTHER) == []
    assert numbers(kit, party_id=emmaus, listing=Listing.ACTIVE) == [active.number]
    assert numbers(kit, party_id=barocy, listing=Listing.ACTIVE) == [active.number]
    assert numbers(kit, party_id=kit.id("imec"), listing=Listing.ALL) == []
    kit.service.request_transfer(kit.actor("sammy"), emmaus, active.id, new_mandatee=kit.id("pwc"))
    kit.service.commit()
    for party in ("emmaus", "barocy", "pwc"):
        assert numbers(kit, party_id=kit.id(party), listing=Listing.AWAITING_TRANSFER) == [active.number]
    assert numbers(kit, party_id=kit.id("imec"), listing=Listing.AWAITING_TRANSFER) == []


def test_stopped_and_expired_leave_the_active_list_but_stay_searchable(kit: Kit) -> None:
    emmaus = kit.id("emmaus")
    stopped = kit.create_signed()
    kit.service.stop_mandate(kit.actor("sammy"), emmaus, stopped.id)
    kit.service.commit()
    assert numbers(kit, party_id=emmaus, listing=Listing.ACTIVE) == []
    assert numbers(kit, party_id=emmaus, status="stopped") == [stopped.number]
    assert numbers(kit, party_id=emmaus, status="active") == []
    assert numbers(kit, party_id=emmaus, status="no-such-status") == []


def test_search_by_number_name_identifier_and_reference(kit: Kit) -> None:
    emmaus = kit.id("emmaus")
    mandate = kit.create(reference="Dossier 2024/17")
    kit.create(mandate_type_code="org_only", counterparty="pwc")
    assert numbers(kit, party_id=emmaus, text=str(mandate.number)) == [mandate.number]
    assert numbers(kit, party_id=emmaus, text="baroc") == [mandate.number]
    assert numbers(kit, party_id=emmaus, text="dossier 2024") == [mandate.number]
    barocy = kit.session.get(Mandate, mandate.number)
    assert barocy is not None
    assert numbers(kit, party_id=emmaus, text="BE " + barocy.mandatee.identifier) == [mandate.number]
    # LIKE wildcards typed by a person are plain characters.
    assert numbers(kit, party_id=emmaus, text="%") == []
    assert numbers(kit, party_id=emmaus, text="wse lok") == [mandate.number]


def test_keyset_pages_and_capped_count(kit: Kit) -> None:
    emmaus = kit.id("emmaus")
    created = [
        kit.create(valid_from=TODAY + dt.timedelta(days=400 * i), valid_until=TODAY + dt.timedelta(days=400 * i + 10))
        for i in range(5)
    ]
    expected = sorted((m.number for m in created), reverse=True)
    seen: list[int] = []
    after: int | None = None
    while True:
        page = search_mandates(kit.session, MandateQuery(party_id=emmaus, limit=2, after=after, today=TODAY))
        assert page.total == 5 and not page.total_capped
        seen += [m.number for m in page.mandates]
        if page.next_after is None:
            break
        after = page.next_after
    assert seen == expected
    # Dates: mandates whose validity overlaps the asked period.
    first = created[0]
    assert numbers(kit, party_id=emmaus, valid_from=first.valid_from, valid_until=first.valid_until) == [first.number]


def test_helpdesk_reads_every_party(kit: Kit) -> None:
    one = kit.create()
    two = kit.create(acting_for="imec", by="lena", counterparty="pwc", mandate_type_code="org_only")
    assert set(numbers(kit, party_id=None)) >= {one.number, two.number}
