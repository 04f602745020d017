"""A small but complete registry document (every section, every kind of credential) for the exchange tests.

A plain module rather than the conftest, so that test modules can import its names.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from mandate_resolver.registry.models import Base
from mandate_resolver.registry.passwords import TEST_PROFILE, hash_password

EMMAUS = "kbo:0411515075"
BAROCY = "kbo:0806154033"
FLEMISH_BODY = "ovo:OVO002949"
SAMMY = "insz:85073003328"
BART = "insz:79031210155"
INES = "insz:90110222236"
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
MANDATE_ID = "3b0f8a0e-3c6f-4f7e-9a55-2f3b1c9d7e01"

# Made once: hashing in a fixture would make each document differ from the last.
BART_HASH = hash_password("bart-secret", profile=TEST_PROFILE)


def small_world() -> dict[str, Any]:
    """Emmaüs gives BAROCY a WSE Loket mandate; Sammy manages Emmaüs, Bart executes for BAROCY."""
    return {
        "format": "mandate-idp/registry",
        "version": 1,
        "parties": [
            {
                "scheme": "kbo",
                "identifier": "BE 0411.515.075",
                "name": "Emmaüs",
                "street": "Edgard Tinellaan 1",
                "postal_code": "2800",
                "city": "Mechelen",
            },
            {"kind": "organisation", "scheme": "kbo", "identifier": "0806154033", "name": "BAROCY"},
            {"scheme": "ovo", "identifier": "OVO002949", "name": "Departement Werk en Sociale Economie"},
            {"scheme": "insz", "identifier": "85.07.30-033.28", "given_name": "Sammy", "family_name": "Roos"},
            {"scheme": "insz", "identifier": "79031210155", "name": "Bart Baert"},
            {"scheme": "insz", "identifier": "90110222236", "given_name": "Ines", "family_name": "Claes"},
        ],
        "users": [
            {
                "username": "sammy",
                "person": SAMMY,
                "email": "sammy@demo.example",
                "roles": ["helpdesk", "admin"],
                "credentials": [
                    {"kind": "password", "password": "sammy-secret"},
                    {"kind": "totp", "secret": TOTP_SECRET, "label": "phone"},
                ],
            },
            {
                "username": "bart",
                "person": BART,
                "preferred_language": "fr",
                "credentials": [{"kind": "password", "hash": BART_HASH}],
            },
        ],
        "work_relations": [
            {"user": "sammy", "organisation": EMMAUS, "kind": "Vaste Medewerker", "valid_from": "2020-01-01"},
            {
                "user": "bart",
                "organisation": BAROCY,
                "kind": "Vaste Medewerker",
                "valid_from": "2021-02-01",
                "valid_until": "2030-12-31",
            },
        ],
        "local_administrators": [{"user": "sammy", "organisation": EMMAUS, "valid_from": "2020-01-01"}],
        "rights": [
            {"user": "sammy", "organisation": EMMAUS, "right": "ssm_mandaatbeheerder", "valid_from": "2020-01-01"},
            {
                "user": "bart",
                "organisation": BAROCY,
                "right": "ssm_mandaatuitvoerder",
                "valid_from": "2021-02-01",
                "mandate_types": ["wse_loket"],
                "mandators": [EMMAUS],
                "granted_by": "sammy",
            },
        ],
        "legal_representatives": [
            {"person": SAMMY, "organisation": EMMAUS, "function": "Bestuurder", "valid_from": "2019-05-01"}
        ],
        "mandate_types": [
            {
                "code": "wse_loket",
                "number": 104,
                "mandator_kinds": ["organisation"],
                "mandatee_kinds": ["organisation"],
                "texts": {
                    "nl": {"name": "WSE Loket", "creation_text": "Ik machtig ...", "stop_text": "Ik stop ..."},
                    "en": {"name": "WSE Loket", "description": "Work permits"},
                },
            },
            {
                "code": "tax_return",
                "mandator_kinds": ["person"],
                "mandatee_kinds": ["person", "organisation"],
                "active": False,
                "texts": {"nl": {"name": "Belastingaangifte"}},
            },
        ],
        "mandates": [
            {
                "id": MANDATE_ID,
                "type": "wse_loket",
                "mandator": EMMAUS,
                "mandatee": BAROCY,
                "valid_from": "2024-03-15",
                "reference": "EMM-1",
                "state": "signed",
                "initiator": "mandator",
                "created_at": "2024-03-14T09:30:00Z",
                "created_by": "sammy",
                "mandator_signed_at": "2024-03-14T09:30:00Z",
                "mandator_signed_by": "sammy",
                "mandatee_signed_at": "2024-03-14T10:15:00.123456+01:00",
                "events": [
                    {
                        "at": "2024-03-14T09:30:00Z",
                        "action": "created",
                        "actor": "sammy",
                        "actor_name": "Sammy Roos",
                        "acting_for": EMMAUS,
                        "acting_for_name": "Emmaüs",
                        "detail": {"role": "mandator", "nested": {"list": [1, 2.5, None, True]}},
                    },
                    {"at": "2024-03-14T09:15:00Z", "action": "signed", "actor_name": "BAROCY's manager"},
                ],
            },
            {
                "type": "tax_return",
                "mandator": INES,
                "mandatee": SAMMY,
                "valid_from": "2024-01-01",
                "valid_until": "2024-12-31",
                "state": "awaiting_signature",
                "initiator": "mandatee",
                "mandatee_signed_at": "2023-12-20T08:00:00Z",
                "language": "en",
            },
        ],
        "applications": [
            {
                "client_id": "demo-rp",
                "name": "Demo RP",
                "protocol": "oidc",
                "legal_representatives": True,
                "mandate_types": ["wse_loket"],
            },
            {
                "client_id": "https://demo-sp.example/saml",
                "name": "Demo SP",
                "protocol": "saml",
                "allow_citizen": False,
                "claim_profile": "acm",
                "enabled": False,
            },
        ],
    }


_REGISTRY_TABLE_NAMES = {
    mapper.class_.__tablename__
    for mapper in Base.registry.mappers
    if mapper.class_.__module__ == "mandate_resolver.registry.models"
}
REGISTRY_TABLES = tuple(table for table in Base.metadata.sorted_tables if table.name in _REGISTRY_TABLE_NAMES)


def row_counts(session: Session) -> dict[str, int]:
    """Rows per registry table (the provider's own tables, sessions and keys, are not the import's)."""
    return {table.name: session.scalar(select(func.count()).select_from(table)) or 0 for table in REGISTRY_TABLES}
