"""Claims from a Selection: the mandate claim, the represents chain, the ACM claims, scopes, subjects."""

from __future__ import annotations

import datetime as dt

import pytest

from idp.oidc.claims import Person, half_hash, pairwise_subject, scope_claims
from mandate_resolver.identifiers import Insz, KboNumber
from mandate_resolver.types import AccessPath, Capacity, MandateTypeRef, Party, PathKind, Selection

BART = Party(Insz.parse("85010100115"), "Bart Baert", "BUR")
EMMAUS = Party(KboNumber.parse("0411515075"), "Emmaüs", "EA")
BAROCY = Party(KboNumber.parse("0806154033"), "BAROCY", "EA")
TODAY = dt.date(2026, 11, 22)
PERSON = Person("Bart Baert", "Bart", "Baert", "bart@example.be", "nl")
ALL = frozenset({"openid", "profile", "email", "mandate", "vo", "ssm_mandaat", "rrn"})


def mandate_selection(path: PathKind = PathKind.EXECUTOR_RIGHT, mandatee: Party = BAROCY) -> Selection:
    return Selection(
        "ssm:x", "ssm", Capacity.MANDATE, EMMAUS, BART, TODAY, valid_from=dt.date(2025, 1, 1), valid_until=None,
        mandate_id="3b0f8a0e-3c6f-4f7e-9a55-2f3b1c9d7e01", mandate_type=MandateTypeRef("wse_loket", "WSE Loket", 104),
        mandator=EMMAUS, mandatee=mandatee, path=AccessPath(path),
    )  # fmt: skip


def test_mandate_claims_through_an_organisation() -> None:
    claims = scope_claims(mandate_selection(), PERSON, ALL)
    assert claims["mandate"] == {
        "id": "3b0f8a0e-3c6f-4f7e-9a55-2f3b1c9d7e01",
        "type": "wse_loket",
        "type_name": "WSE Loket",
        "source": "ssm",
        "valid_from": "2025-01-01",
        "valid_until": None,
        "mandator": {"id": "0411515075", "id_type": "kbo", "name": "Emmaüs"},
        "mandatee": {"id": "0806154033", "id_type": "kbo", "name": "BAROCY"},
    }
    assert claims["represents"]["sub"] == "0806154033"
    assert claims["represents"]["represents"] == {"sub": "0411515075", "sub_id_type": "kbo", "name": "Emmaüs"}
    assert claims["ssm_mandaatgever"] == "0411515075"
    assert (claims["vo_doelgroepcode"], claims["vo_orgcode"], claims["vo_orgnaam"]) == ("EA", "0806154033", "BAROCY")
    assert "wv_orgcode" not in claims
    assert claims["rrn"] == "85010100115"


def test_mandate_as_the_mandatee_person_is_one_link() -> None:
    claims = scope_claims(mandate_selection(PathKind.PERSON_MANDATEE, BART), PERSON, ALL)
    assert claims["represents"] == {"sub": "0411515075", "sub_id_type": "kbo", "name": "Emmaüs"}
    assert claims["vo_doelgroepcode"] == "BUR" and "vo_orgcode" not in claims


def test_mandate_through_legal_representation_sets_wv_orgcode() -> None:
    claims = scope_claims(mandate_selection(PathKind.LEGAL_REPRESENTATIVE), PERSON, ALL)
    assert claims["wv_orgcode"] == "0806154033"


def test_citizen_and_employee() -> None:
    citizen = Selection("citizen:x", "citizen", Capacity.CITIZEN, BART, BART, TODAY)
    claims = scope_claims(citizen, PERSON, ALL)
    assert claims["vo_doelgroepcode"] == "BUR" and "mandate" not in claims and "represents" not in claims
    employee = Selection("idm:x", "idm", Capacity.EMPLOYEE, BAROCY, BART, TODAY, role="Vaste Medewerker")
    assert scope_claims(employee, PERSON, ALL)["vo_orgcode"] == "0806154033"


@pytest.mark.parametrize(
    ("scopes", "present", "absent"),
    [
        ({"openid"}, set(), {"name", "mandate", "rrn", "vo_orgcode", "email"}),
        ({"openid", "mandate"}, {"mandate", "represents"}, {"name", "ssm_mandaatgever"}),
        ({"openid", "ssm_mandaat"}, {"ssm_mandaatgever"}, {"mandate", "vo_orgcode"}),
        ({"openid", "profile"}, {"name", "given_name", "family_name", "locale"}, {"email", "rrn"}),
    ],
)
def test_scopes_release_only_their_claims(scopes: set[str], present: set[str], absent: set[str]) -> None:
    claims = scope_claims(mandate_selection(), PERSON, frozenset(scopes))
    assert present <= set(claims)
    assert not absent & set(claims)


def test_pairwise_subjects_are_stable_and_unlinkable() -> None:
    assert pairwise_subject("abc", "salt-1") == pairwise_subject("abc", "salt-1")
    assert pairwise_subject("abc", "salt-1") != pairwise_subject("abc", "salt-2")


def test_at_hash_matches_the_specification_example() -> None:
    # OpenID Connect Core, Appendix A.3 example: access token and its at_hash.
    assert half_hash("jHkWEdUXMU1BwAsC4vtUsZwnNvTIxEl0z9K3vx5KF0Y", "RS256") == "77QmUPtjPfzWtF2AnpK9RQ"
