"""From the chosen option (a ``Selection``) to the claims a relying party receives, framework-free.

``sub`` is always the natural person who logged in; the option travels beside it (DESIGN.md, "Claims
that leave the provider"): ``mandate`` and the NL GOV style ``represents`` chain (scope ``mandate``), and
the Flemish ACM claims (scopes ``vo``, ``ssm_mandaat``, ``rrn``). A claim leaves only when a scope the
client was registered for and asked for releases it. docs/oidc.md shows every claim in an example.

    claims = scope_claims(selection, person, frozenset({"openid", "mandate"}))
    claims["mandate"]["mandator"]  # {"id": "0411515075", "id_type": "kbo", "name": "Emmaüs"}
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

from mandate_resolver.types import Capacity, Party, PathKind, Selection

from .scopes import claims_of_scopes


@dataclass(frozen=True, slots=True)
class Person:
    """The person who logged in, as the ``profile`` and ``email`` scopes describe them."""

    name: str
    given_name: str | None = None
    family_name: str | None = None
    email: str | None = None
    locale: str | None = None


def party_claim(party: Party) -> dict[str, object]:
    return {"id": party.id, "id_type": party.id_type, "name": party.name}


def mandate_claim(selection: Selection) -> dict[str, object] | None:
    """The structured ``mandate`` claim, for a mandate only."""
    if selection.capacity is not Capacity.MANDATE or selection.mandator is None or selection.mandatee is None:
        return None
    mandate_type = selection.mandate_type
    return {
        "id": selection.mandate_id,
        "type": mandate_type.code if mandate_type else None,
        "type_name": mandate_type.name if mandate_type else None,
        "source": selection.source,
        "valid_from": selection.valid_from.isoformat() if selection.valid_from else None,
        "valid_until": selection.valid_until.isoformat() if selection.valid_until else None,
        "mandator": party_claim(selection.mandator),
        "mandatee": party_claim(selection.mandatee),
    }


def _link(party: Party, deeper: dict[str, object] | None = None) -> dict[str, object]:
    link: dict[str, object] = {"sub": party.id, "sub_id_type": party.id_type, "name": party.name}
    if deeper is not None:
        link["represents"] = deeper
    return link


def represents_claim(selection: Selection) -> dict[str, object] | None:
    """NL GOV style chain: whom the person acts for, through whom; the mandator is the deepest link."""
    if selection.capacity is Capacity.LEGAL_REPRESENTATIVE:
        return _link(selection.principal)
    if selection.capacity is not Capacity.MANDATE or selection.mandator is None or selection.mandatee is None:
        return None
    mandator = _link(selection.mandator)
    if selection.mandatee == selection.executor or (selection.path and selection.path.kind is PathKind.PERSON_MANDATEE):
        return mandator  # the person is the mandatee: one link
    return _link(selection.mandatee, mandator)


def _capacity_organisation(selection: Selection) -> Party | None:
    """The organisation the person works for in this login (ACM ``vo_orgcode``): the employer, the
    represented enterprise, or the mandatee organisation through which a mandate is executed."""
    if selection.capacity in (Capacity.EMPLOYEE, Capacity.LEGAL_REPRESENTATIVE):
        return selection.principal
    if selection.capacity is Capacity.MANDATE and selection.mandatee is not None and not selection.mandatee.is_person:
        return selection.mandatee
    return None


def acm_claims(selection: Selection) -> dict[str, object]:
    """Flemish ACM compatible claims: vo_doelgroepcode, vo_orgcode, vo_orgnaam, wv_orgcode, ssm_mandaatgever."""
    claims: dict[str, object] = {}
    organisation = _capacity_organisation(selection)
    claims["vo_doelgroepcode"] = organisation.target_group if organisation else "BUR"
    if organisation is not None:
        claims["vo_orgcode"] = organisation.id
        claims["vo_orgnaam"] = organisation.name
    via_representation = selection.path is not None and selection.path.kind is PathKind.LEGAL_REPRESENTATIVE
    if organisation is not None and (selection.capacity is Capacity.LEGAL_REPRESENTATIVE or via_representation):
        claims["wv_orgcode"] = organisation.id
    if selection.capacity is Capacity.MANDATE and selection.mandator is not None:
        claims["ssm_mandaatgever"] = selection.mandator.id
    return claims


def all_claims(selection: Selection, person: Person) -> dict[str, object]:
    """Every claim this login could release, before scopes filter them."""
    claims: dict[str, object] = {
        "name": person.name,
        "given_name": person.given_name,
        "family_name": person.family_name,
        "locale": person.locale,
        "email": person.email,
        "rrn": selection.executor.id if selection.executor.id_type == "insz" else None,
        "mandate": mandate_claim(selection),
        "represents": represents_claim(selection),
    }
    claims.update(acm_claims(selection))
    return claims


def scope_claims(selection: Selection, person: Person, scopes: frozenset[str]) -> dict[str, object]:
    """The claims the granted ``scopes`` release (``sub`` excepted: it depends on the client)."""
    allowed = claims_of_scopes(scopes)
    return {
        name: value for name, value in all_claims(selection, person).items() if name in allowed and value is not None
    }


def named_claims(selection: Selection, person: Person, names: Sequence[str]) -> dict[str, object]:
    """Individual claims asked for with the ``claims`` parameter (already limited to the client's scopes)."""
    released = all_claims(selection, person)
    return {name: released[name] for name in names if released.get(name) is not None}


def pairwise_subject(public_subject: str, salt: str) -> str:
    """OpenID Connect Core §8.1: a subject per client, stable, unlinkable across clients."""
    digest = hashlib.sha256(f"{salt}:{public_subject}".encode()).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def half_hash(value: str, alg: str) -> str:
    """at_hash (Core §3.1.3.6): left half of the SHA-256 of the ASCII token, base64url (RS256/ES256)."""
    digest = hashlib.sha256(value.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest[: len(digest) // 2]).rstrip(b"=").decode("ascii")
