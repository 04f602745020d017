"""M04: injection through identifiers is refused with a clear message at the border, before any query.

The same attack inputs go through the identifier parser every border uses and through a whole registry
import (which must name the bad field and write nothing). The served registry API and the HTTP backends'
reply validation have their own M04 tests in tests/idp/test_registry_api.py and
tests/mandate_resolver/resolver/test_http_backend.py.
"""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from mandate_resolver.identifiers import IdentifierError, Insz, KboNumber, guess_party_identifier
from mandate_resolver.registry.exchange import WorldInvalid, import_world
from mandate_resolver.registry.models import Party

KBO_ATTACKS = [
    "0123456789' OR '1'='1",
    "04115150751",  # 11 digits
    "2411515075",  # first digit 2-9 is an establishment, not an enterprise
    "9411515075",
    "0411515076",  # bad mod-97 check
    "٠٤١١٥١٥٠٧٥",  # Arabic-Indic digits
    "０４１１５１５０７５",  # full-width digits
    "0411515075; DROP TABLE parties",
]
INSZ_ATTACKS = [
    "85073003329",  # bad check digits
    "85733003328",  # impossible month (73: neither a birth month nor a BIS month)
    "85073003328' OR 1=1 --",
    "８５０７３００３３２８",
]


@pytest.mark.parametrize("raw", KBO_ATTACKS)
def test_M04_kbo_attacks_are_refused_by_the_parser(raw: str) -> None:
    with pytest.raises(IdentifierError) as refused:
        KboNumber.parse(raw)
    assert "SELECT" not in str(refused.value) and refused.value.reason


@pytest.mark.parametrize("raw", INSZ_ATTACKS)
def test_M04_insz_attacks_are_refused_by_the_parser(raw: str) -> None:
    with pytest.raises(IdentifierError):
        Insz.parse(raw)


@pytest.mark.parametrize("raw", [*KBO_ATTACKS[:1], *KBO_ATTACKS[4:], *INSZ_ATTACKS])
def test_M04_search_boxes_refuse_them_too(raw: str) -> None:
    with pytest.raises(IdentifierError):
        guess_party_identifier(raw)


@pytest.mark.parametrize("raw", KBO_ATTACKS)
def test_M04_a_registry_import_names_the_field_and_writes_nothing(session: Session, raw: str) -> None:
    document = {
        "format": "mandate-idp/registry",
        "version": 1,
        "parties": [
            {"kind": "organisation", "scheme": "kbo", "identifier": "0411515075", "name": "Emmaüs"},
            {"kind": "organisation", "scheme": "kbo", "identifier": raw, "name": "Attacker"},
        ],
    }
    with pytest.raises(WorldInvalid) as refused:
        import_world(session, document)
    assert any(problem.path == "parties[1].identifier" for problem in refused.value.problems)
    assert all("SELECT" not in problem.message for problem in refused.value.problems)
    session.rollback()
    assert session.scalar(select(func.count()).select_from(Party)) == 0
