"""Exporting the whole registry in the format :func:`~mandate_resolver.registry.exchange.import_world` reads."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping

from sqlalchemy import select
from sqlalchemy.orm import Session

from mandate_resolver.registry.exchange.checking import _stored_kinds
from mandate_resolver.registry.exchange.records import FORMAT, LANGUAGES, VERSION, PartyKey
from mandate_resolver.registry.models import (
    Application,
    Credential,
    LegalRepresentative,
    LocalAdministrator,
    Mandate,
    MandateEvent,
    MandateType,
    Party,
    User,
    UserRight,
    WorkRelation,
    as_utc,
)


def _date(value: dt.date | None) -> str | None:
    return None if value is None else value.isoformat()


def _timestamp(value: dt.datetime | None) -> str | None:
    return None if value is None else as_utc(value).astimezone(dt.UTC).isoformat().replace("+00:00", "Z")


def export_world(session: Session) -> dict[str, object]:
    """The whole registry as a document :func:`import_world` reads back to the same rows.

    Passwords leave as argon2id hashes; TOTP secrets leave in clear, as the login needs them: treat the
    document as you treat the database. Not exported: database ids and mandate numbers (the target
    assigns its own), creation moments other than a mandate's, ``last_used_at`` of credentials, the
    audit log. Lists are sorted by natural key, so two exports of the same registry are equal.

    Example::

        Path("world.json").write_text(json.dumps(export_world(session), ensure_ascii=False, indent=1))
    """
    parties = session.scalars(select(Party).order_by(Party.scheme, Party.identifier)).all()
    party_key = {party.id: str(PartyKey(party.scheme, party.identifier)) for party in parties}
    users = session.scalars(select(User).order_by(User.username)).all()
    username = {user.id: user.username for user in users}
    types = session.scalars(select(MandateType).order_by(MandateType.code)).all()
    code = {mandate_type.id: mandate_type.code for mandate_type in types}

    def user_ref(user_id: int | None) -> str | None:
        return None if user_id is None else username[user_id]

    def party_ref(party_id: int | None) -> str | None:
        return None if party_id is None else party_key[party_id]

    credentials: dict[int, list[dict[str, object]]] = {}
    for credential in session.scalars(
        select(Credential).order_by(Credential.user_id, Credential.kind, Credential.secret)
    ):
        credentials.setdefault(credential.user_id, []).append(_export_credential(credential))

    work_relations = sorted(
        (
            {
                "user": username[w.user_id],
                "organisation": party_key[w.organisation_id],
                "kind": w.kind,
                "valid_from": _date(w.valid_from),
                "valid_until": _date(w.valid_until),
            }
            for w in session.scalars(select(WorkRelation))
        ),
        key=_sort_key("user", "organisation", "kind", "valid_from"),
    )
    local_administrators = sorted(
        (
            {
                "user": username[a.user_id],
                "organisation": party_key[a.organisation_id],
                "valid_from": _date(a.valid_from),
                "valid_until": _date(a.valid_until),
            }
            for a in session.scalars(select(LocalAdministrator))
        ),
        key=_sort_key("user", "organisation", "valid_from"),
    )
    rights = sorted(
        (
            {
                "user": username[r.user_id],
                "organisation": party_key[r.organisation_id],
                "right": r.right.value,
                "valid_from": _date(r.valid_from),
                "valid_until": _date(r.valid_until),
                "mandate_types": sorted(code[t.mandate_type_id] for t in r.mandate_types),
                "mandators": sorted(party_key[m.mandator_id] for m in r.mandators),
                "granted_by": user_ref(r.granted_by_user_id),
            }
            for r in session.scalars(select(UserRight))
        ),
        key=_sort_key("user", "organisation", "right", "valid_from"),
    )
    legal_representatives = sorted(
        (
            {
                "person": party_key[r.person_id],
                "organisation": party_key[r.organisation_id],
                "function": r.function,
                "valid_from": _date(r.valid_from),
                "valid_until": _date(r.valid_until),
            }
            for r in session.scalars(select(LegalRepresentative))
        ),
        key=_sort_key("person", "organisation", "function", "valid_from"),
    )
    events: dict[str, list[dict[str, object]]] = {}
    for event in session.scalars(select(MandateEvent).order_by(MandateEvent.id)):
        events.setdefault(event.mandate_id, []).append(
            {
                "at": _timestamp(event.at),
                "action": event.action,
                "actor": user_ref(event.actor_user_id),
                "actor_name": event.actor_name,
                "acting_for": party_ref(event.acting_for_id),
                "acting_for_name": event.acting_for_name,
                "detail": dict(event.detail),
            }
        )
    mandates = [
        {
            "id": m.id,
            "type": code[m.mandate_type_id],
            "mandator": party_key[m.mandator_id],
            "mandatee": party_key[m.mandatee_id],
            "valid_from": _date(m.valid_from),
            "valid_until": _date(m.valid_until),
            "reference": m.reference,
            "language": m.language,
            "state": m.state.value,
            "initiator": m.initiator,
            "created_at": _timestamp(m.created_at),
            "created_by": user_ref(m.created_by),
            "mandator_signed_at": _timestamp(m.mandator_signed_at),
            "mandator_signed_by": user_ref(m.mandator_signed_by),
            "mandatee_signed_at": _timestamp(m.mandatee_signed_at),
            "mandatee_signed_by": user_ref(m.mandatee_signed_by),
            "stopped_at": _timestamp(m.stopped_at),
            "stopped_by": user_ref(m.stopped_by),
            "pending_mandatee": party_ref(m.pending_mandatee_id),
            "events": events.get(m.id, []),
        }
        for m in session.scalars(select(Mandate).order_by(Mandate.number))
    ]
    return {
        "format": FORMAT,
        "version": VERSION,
        "parties": [_export_party(party) for party in parties],
        "users": [
            {
                "username": user.username,
                "person": party_key[user.person_id],
                "email": user.email,
                "preferred_language": user.preferred_language,
                "disabled": user.disabled,
                "roles": sorted(role.role for role in user.roles),
                "credentials": credentials.get(user.id, []),
            }
            for user in users
        ],
        "work_relations": work_relations,
        "local_administrators": local_administrators,
        "rights": rights,
        "legal_representatives": legal_representatives,
        "mandate_types": [_export_mandate_type(mandate_type) for mandate_type in types],
        "mandates": mandates,
        "applications": [
            {
                "client_id": application.client_id,
                "name": application.name,
                "protocol": application.protocol,
                "legal_representatives": application.legal_representatives,
                "allow_citizen": application.allow_citizen,
                "allow_employee": application.allow_employee,
                "claim_profile": application.claim_profile,
                "enabled": application.enabled,
                "mandate_types": sorted(code[t.mandate_type_id] for t in application.mandate_types),
            }
            for application in session.scalars(select(Application).order_by(Application.client_id))
        ],
    }


def _sort_key(*keys: str) -> Callable[[Mapping[str, object]], tuple[str, ...]]:
    return lambda record: tuple(str(record[key]) for key in keys)


def _export_party(party: Party) -> dict[str, object]:
    return {
        "kind": party.kind.value,
        "scheme": party.scheme,
        "identifier": party.identifier,
        "name": party.name,
        "given_name": party.given_name,
        "family_name": party.family_name,
        "target_group": party.target_group,
        "street": party.street,
        "postal_code": party.postal_code,
        "city": party.city,
        "country": party.country,
    }


def _export_credential(credential: Credential) -> dict[str, object]:
    if credential.kind == "password":
        return {"kind": "password", "hash": credential.secret, "label": credential.label}
    if credential.kind == "totp":
        return {"kind": "totp", "secret": credential.secret, "label": credential.label}
    # Fail closed: a credential the format cannot carry must not silently disappear in a migration.
    raise ValueError(
        f"credential kind {credential.kind!r} (user id {credential.user_id}) has no place in format version {VERSION}"
    )


def _export_mandate_type(mandate_type: MandateType) -> dict[str, object]:
    mandator, mandatee = _stored_kinds(mandate_type)
    return {
        "code": mandate_type.code,
        "number": mandate_type.number,
        "mandator_kinds": sorted(kind.value for kind in mandator),
        "mandatee_kinds": sorted(kind.value for kind in mandatee),
        "active": mandate_type.active,
        "texts": {
            text.language: {
                "name": text.name,
                "description": text.description,
                "creation_text": text.creation_text,
                "stop_text": text.stop_text,
            }
            for text in sorted(
                mandate_type.texts, key=lambda t: LANGUAGES.index(t.language) if t.language in LANGUAGES else 99
            )
        },
    }
