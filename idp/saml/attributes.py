"""The chosen option ("on behalf of whom") as SAML attributes.

Every attribute has NameFormat ``urn:oasis:names:tc:SAML:2.0:attrname-format:uri``, Name
``<issuer>/attributes/<name>`` and FriendlyName ``<name>``, the OIDC claim name (DESIGN.md, "Claims that
leave the provider"). An SP with the ``eidas`` profile also gets the eIDAS representation attributes
(legal person or natural person represented, and the representative), under their eIDAS Names.

>>> import datetime as dt
>>> from mandate_resolver.identifiers import Insz
>>> from mandate_resolver.types import Capacity, Party, Selection
>>> me = Party(Insz.parse("85073003328"), "Sammy Roos", "BUR")
>>> values = attributes_for(Selection("citizen:85073003328", "citizen", Capacity.CITIZEN, me, me, dt.date(2025, 3, 1)))
>>> values["rrn"], values["vo_doelgroepcode"]
(['85073003328'], ['BUR'])
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from typing import Final

from mandate_resolver.types import Capacity, Party, Selection

MANDATE_NAMES: Final = (
    "mandate_id",
    "mandate_type",
    "mandate_type_name",
    "mandate_source",
    "mandate_valid_from",
    "mandate_valid_until",
    "mandator_id",
    "mandator_id_type",
    "mandator_name",
    "mandatee_id",
    "mandatee_id_type",
    "mandatee_name",
    "executor_id",
    "executor_id_type",
    "executor_name",
)
# Compatible with the Flemish ACM's claims (DOMAIN.md, "Details known from public documentation").
ACM_NAMES: Final = ("vo_doelgroepcode", "vo_orgcode", "vo_orgnaam", "wv_orgcode", "ssm_mandaatgever", "rrn")
ATTRIBUTE_NAMES: Final = (*MANDATE_NAMES, "capacity", *ACM_NAMES)

EIDAS_NATURAL: Final = "http://eidas.europa.eu/attributes/naturalperson/"
EIDAS_LEGAL: Final = "http://eidas.europa.eu/attributes/legalperson/"
EIDAS_REPRESENTATIVE: Final = "http://eidas.europa.eu/attributes/naturalperson/representative/"
# FriendlyName → Name of the eIDAS SAML Attribute Profile (v1.2) attributes we release.
EIDAS_ATTRIBUTES: Final[Mapping[str, str]] = {
    "LegalPersonIdentifier": EIDAS_LEGAL + "LegalPersonIdentifier",
    "LegalName": EIDAS_LEGAL + "LegalName",
    "PersonIdentifier": EIDAS_NATURAL + "PersonIdentifier",
    "FamilyName": EIDAS_NATURAL + "CurrentFamilyName",
    "RepresentativePersonIdentifier": EIDAS_REPRESENTATIVE + "PersonIdentifier",
    "RepresentativeFamilyName": EIDAS_REPRESENTATIVE + "CurrentFamilyName",
}
PROFILES: Final = ("standard", "eidas")


def attributes_for(
    selection: Selection, *, profile: str = "standard", requested: Collection[str] = ()
) -> dict[str, list[str]]:
    """FriendlyName → values for ``selection``; only the ``requested`` ones (by FriendlyName) if any are.

    The mandate attributes appear only when the selection is a mandate: an SP never sees a mandate that
    was not chosen (S20).
    """
    values: dict[str, list[str]] = {"capacity": [selection.capacity.value]}
    executor = selection.executor
    _party(values, "executor", executor)
    values["rrn"] = [executor.id]
    if selection.capacity is Capacity.MANDATE and selection.mandate_id:
        values["mandate_id"] = [selection.mandate_id]
        values["mandate_source"] = [selection.source]
        if selection.mandate_type is not None:
            values["mandate_type"] = [selection.mandate_type.code]
            values["mandate_type_name"] = [selection.mandate_type.name]
        if selection.valid_from is not None:
            values["mandate_valid_from"] = [selection.valid_from.isoformat()]
        if selection.valid_until is not None:
            values["mandate_valid_until"] = [selection.valid_until.isoformat()]
        _party(values, "mandator", selection.mandator)
        _party(values, "mandatee", selection.mandatee)
    values.update(_acm(selection))
    if profile == "eidas":
        values.update(_eidas(selection))
    if requested:
        wanted = set(requested)
        values = {name: value for name, value in values.items() if name in wanted}
    return values


def _party(values: dict[str, list[str]], prefix: str, party: Party | None) -> None:
    if party is None:
        return
    values[f"{prefix}_id"] = [party.id]
    values[f"{prefix}_id_type"] = [party.id_type]
    values[f"{prefix}_name"] = [party.name]


def _acm(selection: Selection) -> dict[str, list[str]]:
    """ACM: the organisation the person acts for (the mandatee, for a mandate) and, via SSM, the mandator."""
    organisation: Party | None = selection.principal
    if selection.capacity is Capacity.MANDATE:
        organisation = selection.mandatee
    values: dict[str, list[str]] = {}
    if organisation is not None:
        values["vo_doelgroepcode"] = [organisation.target_group]
        if not organisation.is_person:
            values["vo_orgcode"] = [organisation.id]
            values["vo_orgnaam"] = [organisation.name]
    if selection.capacity is Capacity.LEGAL_REPRESENTATIVE:
        values["wv_orgcode"] = [selection.principal.id]
    if selection.capacity is Capacity.MANDATE and selection.mandator is not None:
        values["ssm_mandaatgever"] = [selection.mandator.id]
    return values


def _eidas_identifier(party: Party) -> str:
    # eIDAS identifiers: <nationality of issuer>/<nationality of receiver>/<identifier>.
    return f"BE/BE/{party.id}"


def _eidas(selection: Selection) -> dict[str, list[str]]:
    principal, executor = selection.principal, selection.executor
    values: dict[str, list[str]] = {}
    if principal.is_person:
        values["PersonIdentifier"] = [_eidas_identifier(principal)]
        values["FamilyName"] = [principal.name]
    else:
        values["LegalPersonIdentifier"] = [_eidas_identifier(principal)]
        values["LegalName"] = [principal.name]
    if principal != executor:
        values["RepresentativePersonIdentifier"] = [_eidas_identifier(executor)]
        values["RepresentativeFamilyName"] = [executor.name]
    return values


def attribute_name(friendly_name: str, issuer: str) -> str:
    """The SAML ``Name`` of an attribute: its eIDAS Name, else ``<issuer>/attributes/<name>``."""
    return EIDAS_ATTRIBUTES.get(friendly_name) or f"{issuer}/attributes/{friendly_name}"


def requested_names(requirement: Mapping[str, Sequence[Mapping[str, str]]] | None, issuer: str) -> set[str]:
    """FriendlyNames of the attributes an SP's AttributeConsumingService asks for (by Name or FriendlyName)."""
    if not requirement:
        return set()
    by_name = {f"{issuer}/attributes/{name}": name for name in ATTRIBUTE_NAMES}
    by_name.update({uri: friendly for friendly, uri in EIDAS_ATTRIBUTES.items()})
    names: set[str] = set()
    for kind in ("required", "optional"):
        for attribute in requirement.get(kind) or ():
            name = attribute.get("name", "")
            if name in by_name:
                names.add(by_name[name])
            elif attribute.get("friendly_name") in set(by_name.values()):
                names.add(attribute["friendly_name"])
            else:
                names.add(name)  # asked for something we do not have: it stays absent
    return names
