"""Writing checked records in the caller's session: upsert by natural key, counted per section."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from types import MappingProxyType
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from mandate_resolver.registry.exchange.checking import _chunks, _Known
from mandate_resolver.registry.exchange.records import (
    SECTIONS,
    ImportMode,
    PartyKey,
    _ApplicationRecord,
    _CredentialRecord,
    _LegalRepresentativeRecord,
    _LocalAdministratorRecord,
    _MandateRecord,
    _MandateTypeRecord,
    _PartyRecord,
    _RightRecord,
    _UserRecord,
    _WorkRelationRecord,
    _World,
)
from mandate_resolver.registry.exchange.results import ImportReport, SectionCounts
from mandate_resolver.registry.models import (
    Application,
    ApplicationMandateType,
    Credential,
    LegalRepresentative,
    LocalAdministrator,
    Mandate,
    MandateEvent,
    MandateType,
    MandateTypeText,
    Party,
    PartyKind,
    User,
    UserRight,
    UserRightMandateType,
    UserRightMandator,
    UserRole,
    WorkRelation,
    as_utc,
    utcnow,
)
from mandate_resolver.registry.passwords import HashProfile, hash_password, needs_rehash, verify_password

_T = TypeVar("_T")
_K = TypeVar("_K")


def _same(current: object, wanted: object) -> bool:
    # SQLite gives timestamps back naive (in UTC): compare them as UTC.
    if isinstance(current, dt.datetime) and isinstance(wanted, dt.datetime):
        return as_utc(current) == as_utc(wanted)
    return current == wanted


def _assign(target: object, values: Mapping[str, object]) -> bool:
    """Set the attributes that differ; True when any did."""
    changed = False
    for name, value in values.items():
        if not _same(getattr(target, name), value):
            setattr(target, name, value)
            changed = True
    return changed


def _sync(items: list[_T], wanted: Sequence[_K], key: Callable[[_T], _K], make: Callable[[_K], _T]) -> bool:
    """Make the association list ``items`` hold exactly ``wanted``, keeping rows that stay (no delete+insert
    of the same primary key in one flush). True when anything changed."""
    wanted_set = set(wanted)
    changed = False
    for item in list(items):
        if key(item) not in wanted_set:
            items.remove(item)
            changed = True
    present = {key(item) for item in items}
    for wanted_key in wanted:
        if wanted_key not in present:
            items.append(make(wanted_key))
            present.add(wanted_key)
            changed = True
    return changed


class _Writer:
    def __init__(self, session: Session, known: _Known, mode: ImportMode, profile: HashProfile) -> None:
        self.session = session
        self.known = known
        self.mode = mode
        self.profile = profile
        self.counts: dict[str, Counter[str]] = {section: Counter() for section in SECTIONS}
        self.party_ids = {key: party.id for key, party in known.parties.items()}
        self.user_ids = {name: user.id for name, user in known.users.items()}
        self.type_ids = {code: mandate_type.id for code, mandate_type in known.mandate_types.items()}
        # Rows updated (by ``id()``): their relationships are expired at the end.
        self.updated: dict[int, object] = {}

    def count(self, section: str, target: object, *, created: bool, changed: bool) -> None:
        if created:
            self.counts[section]["created"] += 1
        elif changed:
            self.counts[section]["updated"] += 1
            self.updated[id(target)] = target
        else:
            self.counts[section]["unchanged"] += 1

    def existing(self, found: _T | None) -> _T | None:
        # Checked in mode "create" already; kept here so a record is never silently merged.
        return found if self.mode == "upsert" else None

    def user_id(self, username: str | None) -> int | None:
        return None if username is None else self.user_ids[username]

    def party_id(self, key: PartyKey | None) -> int | None:
        return None if key is None else self.party_ids[key]

    def write(self, world: _World) -> ImportReport:
        created_parties = [self.party(record) for record in world.parties]
        self.session.flush()
        self.party_ids.update({key: party.id for key, party in created_parties})
        created_types = [self.mandate_type(record) for record in world.mandate_types]
        self.session.flush()
        self.type_ids.update({code: mandate_type.id for code, mandate_type in created_types})
        created_users = [self.user(record) for record in world.users]
        self.session.flush()
        self.user_ids.update({name: user.id for name, user in created_users})
        self.credentials(world.users)
        for work_relation in world.work_relations:
            self.work_relation(work_relation)
        for administrator in world.local_administrators:
            self.local_administrator(administrator)
        for right in world.rights:
            self.right(right)
        for representative in world.legal_representatives:
            self.legal_representative(representative)
        mandates = [self.mandate(record) for record in world.mandates]
        self.session.flush()
        self.events(mandates)
        for application in world.applications:
            self.application(application)
        self.session.flush()
        # Relationships (``Mandate.mandator``, ``User.person``) of updated rows follow their new keys.
        for target in self.updated.values():
            self.session.expire(target)
        return ImportReport(
            MappingProxyType(
                {
                    section: SectionCounts(counts["created"], counts["updated"], counts["unchanged"])
                    for section, counts in self.counts.items()
                }
            )
        )

    def party(self, record: _PartyRecord) -> tuple[PartyKey, Party]:
        values: dict[str, object] = {
            "kind": record.kind,
            "scheme": record.key.scheme,
            "identifier": record.key.identifier,
            "name": record.name,
            "given_name": record.given_name,
            "family_name": record.family_name,
            "target_group": record.target_group,
            "street": record.street,
            "postal_code": record.postal_code,
            "city": record.city,
            "country": record.country,
        }
        party = self.existing(self.known.parties.get(record.key))
        if party is None:
            party = Party(**values)
            self.session.add(party)
            self.count("parties", party, created=True, changed=True)
        else:
            self.count("parties", party, created=False, changed=_assign(party, values))
        return record.key, party

    def mandate_type(self, record: _MandateTypeRecord) -> tuple[str, MandateType]:
        values: dict[str, object] = {
            "code": record.code,
            "number": record.number,
            "mandator_person": PartyKind.PERSON in record.mandator_kinds,
            "mandator_organisation": PartyKind.ORGANISATION in record.mandator_kinds,
            "mandatee_person": PartyKind.PERSON in record.mandatee_kinds,
            "mandatee_organisation": PartyKind.ORGANISATION in record.mandatee_kinds,
            "active": record.active,
        }
        mandate_type = self.existing(self.known.mandate_types.get(record.code))
        created = mandate_type is None
        if mandate_type is None:
            mandate_type = MandateType(**values)
            self.session.add(mandate_type)
            changed = True
        else:
            changed = _assign(mandate_type, values)
        texts = {text.language: text for text in record.texts}
        changed |= _sync(
            mandate_type.texts, sorted(texts), lambda t: t.language, lambda language: MandateTypeText(language=language)
        )
        for text in mandate_type.texts:
            wanted = texts[text.language]
            changed |= _assign(
                text,
                {
                    "name": wanted.name,
                    "description": wanted.description,
                    "creation_text": wanted.creation_text,
                    "stop_text": wanted.stop_text,
                },
            )
        self.count("mandate_types", mandate_type, created=created, changed=changed)
        return record.code, mandate_type

    def user(self, record: _UserRecord) -> tuple[str, User]:
        values: dict[str, object] = {
            "username": record.username,
            "person_id": self.party_ids[record.person],
            "email": record.email,
            "preferred_language": record.preferred_language,
            "disabled": record.disabled,
        }
        user = self.existing(self.known.users.get(record.username))
        created = user is None
        if user is None:
            user = User(**values)
            self.session.add(user)
            changed = True
        else:
            changed = _assign(user, values)
        changed |= _sync(user.roles, record.roles, lambda r: r.role, lambda role: UserRole(role=role))
        self.count("users", user, created=created, changed=changed)
        return record.username, user

    def credentials(self, records: Sequence[_UserRecord]) -> None:
        """Make each user's credentials those of the document (when it lists any), keeping equal ones."""
        listed = [record for record in records if record.credentials is not None]
        stored: dict[int, list[Credential]] = {}
        for chunk in _chunks({self.user_ids[record.username] for record in listed}):
            for credential in self.session.scalars(
                select(Credential).where(Credential.user_id.in_(chunk)).order_by(Credential.id)
            ):
                stored.setdefault(credential.user_id, []).append(credential)
        for record in listed:
            assert record.credentials is not None
            user_id = self.user_ids[record.username]
            if self.credential_set(user_id, record.credentials, stored.get(user_id, [])):
                user = self.known.users.get(record.username)
                if user is not None and id(user) not in self.updated:
                    # The user row itself was unchanged; its credentials were not.
                    self.counts["users"]["unchanged"] -= 1
                    self.count("users", user, created=False, changed=True)

    def credential_set(self, user_id: int, wanted: Sequence[_CredentialRecord], stored: list[Credential]) -> bool:
        changed = False
        unmatched = list(stored)
        missing: list[_CredentialRecord] = []
        for record in wanted:
            match = next((c for c in unmatched if self.matches(c, record)), None)
            if match is None:
                missing.append(record)
                continue
            unmatched.remove(match)
            changed |= _assign(match, {"label": record.label})
        for record in missing:
            secret = record.stored if record.stored is not None else self.hash(record)
            reuse = next((c for c in unmatched if c.kind == record.kind), None)
            if reuse is None:
                self.session.add(Credential(user_id=user_id, kind=record.kind, secret=secret, label=record.label))
            else:
                unmatched.remove(reuse)
                _assign(reuse, {"secret": secret, "label": record.label, "last_used_at": None})
            changed = True
        for credential in unmatched:
            self.session.delete(credential)
            changed = True
        return changed

    def matches(self, credential: Credential, record: _CredentialRecord) -> bool:
        if credential.kind != record.kind:
            return False
        if record.password is not None:
            # A plaintext password matches the stored hash it verifies against, unless that hash is
            # weaker than the profile asked for: importing the same document twice changes nothing.
            return verify_password(credential.secret, record.password) and not needs_rehash(
                credential.secret, profile=self.profile
            )
        return credential.secret == record.stored

    def hash(self, record: _CredentialRecord) -> str:
        assert record.password is not None
        return hash_password(record.password, profile=self.profile)

    def work_relation(self, record: _WorkRelationRecord) -> None:
        values: dict[str, object] = {
            "user_id": self.user_ids[record.user],
            "organisation_id": self.party_ids[record.organisation],
            "kind": record.kind,
            "valid_from": record.valid_from,
            "valid_until": record.valid_until,
        }
        self.keyless("work_relations", self.existing(self.known.work_relations.get(record.key)), WorkRelation, values)

    def local_administrator(self, record: _LocalAdministratorRecord) -> None:
        values: dict[str, object] = {
            "user_id": self.user_ids[record.user],
            "organisation_id": self.party_ids[record.organisation],
            "valid_from": record.valid_from,
            "valid_until": record.valid_until,
        }
        found = self.existing(self.known.local_administrators.get(record.key))
        self.keyless("local_administrators", found, LocalAdministrator, values)

    def legal_representative(self, record: _LegalRepresentativeRecord) -> None:
        values: dict[str, object] = {
            "person_id": self.party_ids[record.person],
            "organisation_id": self.party_ids[record.organisation],
            "function": record.function,
            "valid_from": record.valid_from,
            "valid_until": record.valid_until,
        }
        found = self.existing(self.known.legal_representatives.get(record.key))
        self.keyless("legal_representatives", found, LegalRepresentative, values)

    def keyless(self, section: str, found: _T | None, factory: Callable[..., _T], values: Mapping[str, object]) -> _T:
        if found is None:
            created = factory(**values)
            self.session.add(created)
            self.count(section, created, created=True, changed=True)
            return created
        self.count(section, found, created=False, changed=_assign(found, values))
        return found

    def right(self, record: _RightRecord) -> None:
        values: dict[str, object] = {
            "user_id": self.user_ids[record.user],
            "organisation_id": self.party_ids[record.organisation],
            "right": record.right,
            "valid_from": record.valid_from,
            "valid_until": record.valid_until,
            "granted_by_user_id": self.user_id(record.granted_by),
        }
        right = self.existing(self.known.rights.get(record.key))
        created = right is None
        if right is None:
            right = UserRight(**values)
            self.session.add(right)
            changed = True
        else:
            changed = _assign(right, values)
        type_ids = [self.type_ids[code] for code in record.mandate_types]
        changed |= _sync(
            right.mandate_types,
            type_ids,
            lambda t: t.mandate_type_id,
            lambda type_id: UserRightMandateType(mandate_type_id=type_id),
        )
        mandator_ids = [self.party_ids[key] for key in record.mandators]
        changed |= _sync(
            right.mandators,
            mandator_ids,
            lambda m: m.mandator_id,
            lambda party_id: UserRightMandator(mandator_id=party_id),
        )
        self.count("rights", right, created=created, changed=changed)

    def mandate(self, record: _MandateRecord) -> tuple[_MandateRecord, Mandate, bool]:
        values: dict[str, object] = {
            "mandate_type_id": self.type_ids[record.mandate_type],
            "mandator_id": self.party_ids[record.mandator],
            "mandatee_id": self.party_ids[record.mandatee],
            "valid_from": record.valid_from,
            "valid_until": record.valid_until,
            "reference": record.reference,
            "language": record.language,
            "state": record.state,
            "initiator": record.initiator,
            "created_by": self.user_id(record.created_by),
            "mandator_signed_at": record.mandator_signed_at,
            "mandator_signed_by": self.user_id(record.mandator_signed_by),
            "mandatee_signed_at": record.mandatee_signed_at,
            "mandatee_signed_by": self.user_id(record.mandatee_signed_by),
            "stopped_at": record.stopped_at,
            "stopped_by": self.user_id(record.stopped_by),
            "pending_mandatee_id": self.party_id(record.pending_mandatee),
        }
        # Absent, the creation moment is "now" for a new mandate and left alone for a stored one.
        if record.created_at is not None:
            values["created_at"] = record.created_at
        mandate = self.existing(self.known.mandates.get(record.id))
        if mandate is None:
            mandate = Mandate(id=record.id, **values)
            if record.created_at is not None:
                mandate.updated_at = record.created_at
            self.session.add(mandate)
            return record, mandate, True
        changed = _assign(mandate, values)
        if changed:
            mandate.updated_at = utcnow()
        self.count("mandates", mandate, created=False, changed=changed)
        return record, mandate, False

    def events(self, mandates: Sequence[tuple[_MandateRecord, Mandate, bool]]) -> None:
        """Align each mandate's history with the document's; never remove an event.

        The n-th event of an action in the document is the n-th stored event of that action (ordered by
        id): it is corrected if it differs, added if missing. A document lists a history once, and a
        later import (the demo refreshed on another day) moves its moments instead of repeating it;
        events the provider recorded since are kept.
        """
        stored: dict[str, dict[tuple[str, int], MandateEvent]] = {}
        stored_counts: dict[str, Counter[str]] = {}
        existing_ids = [mandate.id for record, mandate, created in mandates if not created and record.events]
        for chunk in _chunks(existing_ids):
            query = select(MandateEvent).where(MandateEvent.mandate_id.in_(chunk)).order_by(MandateEvent.id)
            for stored_event in self.session.scalars(query):
                counts = stored_counts.setdefault(stored_event.mandate_id, Counter())
                occurrence = (stored_event.action, counts[stored_event.action])
                counts[stored_event.action] += 1
                stored.setdefault(stored_event.mandate_id, {})[occurrence] = stored_event
        for record, mandate, created in mandates:
            changed = False
            history = stored.get(mandate.id, {})
            seen: Counter[str] = Counter()
            for wanted in record.events or ():
                values: dict[str, object] = {
                    "mandate_id": mandate.id,
                    "at": wanted.at,
                    "action": wanted.action,
                    "actor_user_id": self.user_id(wanted.actor),
                    "actor_name": wanted.actor_name,
                    "acting_for_id": self.party_id(wanted.acting_for),
                    "acting_for_name": wanted.acting_for_name,
                    "detail": dict(wanted.detail),
                }
                occurrence = (wanted.action, seen[wanted.action])
                seen[wanted.action] += 1
                event = history.get(occurrence)
                if event is None:
                    self.session.add(MandateEvent(**values))
                    changed = True
                else:
                    changed |= _assign(event, values)
            if created:
                self.count("mandates", mandate, created=True, changed=True)
            elif changed and id(mandate) not in self.updated:
                self.counts["mandates"]["unchanged"] -= 1
                self.count("mandates", mandate, created=False, changed=True)

    def application(self, record: _ApplicationRecord) -> None:
        values: dict[str, object] = {
            "client_id": record.client_id,
            "name": record.name,
            "protocol": record.protocol,
            "legal_representatives": record.legal_representatives,
            "allow_citizen": record.allow_citizen,
            "allow_employee": record.allow_employee,
            "claim_profile": record.claim_profile,
            "enabled": record.enabled,
        }
        application = self.existing(self.known.applications.get(record.client_id))
        created = application is None
        if application is None:
            application = Application(**values)
            self.session.add(application)
            changed = True
        else:
            changed = _assign(application, values)
        changed |= _sync(
            application.mandate_types,
            [self.type_ids[code] for code in record.mandate_types],
            lambda t: t.mandate_type_id,
            lambda type_id: ApplicationMandateType(mandate_type_id=type_id),
        )
        self.count("applications", application, created=created, changed=changed)
