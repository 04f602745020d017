"""Reading a whole document into records: shapes, values and the rules of each record on its own.

References between records are collected here and checked in :mod:`.checking`, once the whole
document is known.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Mapping, Sequence

from mandate_resolver.identifiers import IdentifierError, parse_party_identifier

# The package, not ``records``: MAX_RECORDS is read there at call time, where tests lower it
# (``monkeypatch.setattr(exchange, "MAX_RECORDS", 10)``).
from mandate_resolver.registry import exchange
from mandate_resolver.registry.exchange.fields import (
    _a,
    _check_period,
    _Fields,
    _party_reference,
    _read_detail,
    _References,
)
from mandate_resolver.registry.exchange.records import (
    _ACTION,
    _APPLICATION_KEYS,
    _CLAIM_PROFILE,
    _CLIENT_ID,
    _CODE,
    _COUNTRY,
    _DEFAULT_TARGET_GROUP,
    _EMAIL,
    _EVENT_KEYS,
    _KIND_OF_SCHEME,
    _MANDATE_KEYS,
    _MAX_CREDENTIALS,
    _MAX_ROLES,
    _PARTY_KEYS,
    _RIGHT_KEYS,
    _ROLE,
    _TEXT_KEYS,
    _USER_KEYS,
    _USERNAME,
    CREDENTIAL_KINDS,
    FORMAT,
    INITIATORS,
    LANGUAGES,
    MAX_TEXT_LENGTH,
    PARTY_KINDS,
    PROTOCOLS,
    RIGHTS,
    SCHEMES,
    SECTIONS,
    STATES,
    TARGET_GROUPS,
    VERSION,
    PartyKey,
    _ApplicationRecord,
    _CredentialRecord,
    _EventRecord,
    _LegalRepresentativeRecord,
    _LocalAdministratorRecord,
    _MandateRecord,
    _MandateTypeRecord,
    _PartyRecord,
    _RightRecord,
    _TextRecord,
    _UserRecord,
    _WorkRelationRecord,
    _World,
    mandate_id_for,
)
from mandate_resolver.registry.exchange.results import _Problems
from mandate_resolver.registry.models import MandateState, PartyKind, RightKind
from mandate_resolver.registry.passwords import MAX_PASSWORD_LENGTH, is_password_hash, is_totp_secret


class _Reader:
    """Reads a whole document into records, collecting every problem and every reference."""

    def __init__(self) -> None:
        self.problems = _Problems()
        self.references = _References()
        self.world = _World()
        # False when the document is not one we can check references of (wrong format, too large).
        self.readable = False

    def fields(self, path: str, value: object, allowed: Sequence[str]) -> _Fields:
        return _Fields(self.problems, self.references, path, value, allowed)

    def read(self, document: Mapping[str, object]) -> None:
        if not isinstance(document, Mapping):
            self.problems.add("", "the document must be a JSON object")
            return
        top = self.fields("", document, ("format", "version", *SECTIONS))
        if document.get("format") != FORMAT:
            top.problem("format", f"must be {FORMAT!r}")
            return
        version = document.get("version")
        if version != VERSION or isinstance(version, bool):
            top.problem("version", f"must be {VERSION} (this provider reads version {VERSION} only)")
            return
        sections: dict[str, list[tuple[str, object]]] = {}
        total = 0
        for name in SECTIONS:
            items = top.items(name, max_items=exchange.MAX_RECORDS)
            sections[name] = items
            total += len(items)
        if total > exchange.MAX_RECORDS:
            # Checked before any record is read: the size alone makes the document unacceptable.
            self.problems.add(
                "", f"the document holds {total} records; one import takes at most {exchange.MAX_RECORDS}"
            )
            return
        self.readable = True
        readers: dict[str, Callable[[str, object], None]] = {
            "parties": self.party,
            "users": self.user,
            "work_relations": self.work_relation,
            "local_administrators": self.local_administrator,
            "rights": self.right,
            "legal_representatives": self.legal_representative,
            "mandate_types": self.mandate_type,
            "mandates": self.mandate,
            "applications": self.application,
        }
        for name in SECTIONS:
            for path, item in sections[name]:
                readers[name](path, item)

    def party(self, path: str, value: object) -> None:
        f = self.fields(path, value, _PARTY_KEYS)
        scheme = f.text("scheme", max_length=24, required=True, choices=SCHEMES)
        identifier: str | None = None
        raw = f.raw("identifier")
        if raw is None:
            f.problem("identifier", "is required")
        elif not isinstance(raw, str):
            f.problem("identifier", "must be a string")
        elif scheme is not None:
            try:
                identifier = parse_party_identifier(scheme, raw).value
            except IdentifierError as error:
                f.problem("identifier", str(error))
        expected = _KIND_OF_SCHEME.get(scheme) if scheme else None
        kind_text = f.text("kind", max_length=16, choices=PARTY_KINDS)
        kind = PartyKind(kind_text) if kind_text else expected
        if expected is not None and kind is not expected:
            f.problem("kind", f"a party of scheme {scheme} is {_a(expected)}")
        given_name = f.text("given_name", max_length=100)
        family_name = f.text("family_name", max_length=100)
        if kind is PartyKind.ORGANISATION and (given_name or family_name):
            f.problem("given_name" if given_name else "family_name", "only persons have given and family names")
        both_names = bool(given_name and family_name)
        name = f.text("name", max_length=200, required=not both_names)
        if name is not None and not name.strip():
            f.problem("name", "may not be empty")
            name = None
        elif name is None and both_names and not f.has("name"):
            name = f"{given_name} {family_name}"
        target_group = f.text("target_group", max_length=8, choices=TARGET_GROUPS)
        street = f.text("street", max_length=200)
        postal_code = f.text("postal_code", max_length=16)
        city = f.text("city", max_length=100)
        country = f.text("country", max_length=2, pattern=_COUNTRY, shape="ISO 3166 country code")
        if scheme is None or identifier is None or kind is None or name is None:
            return
        self.world.parties.append(
            _PartyRecord(
                path=path,
                key=PartyKey(scheme, identifier),
                kind=kind,
                name=name,
                given_name=given_name,
                family_name=family_name,
                target_group=target_group or _DEFAULT_TARGET_GROUP[scheme],
                street=street,
                postal_code=postal_code,
                city=city,
                country=country or "BE",
            )
        )

    def user(self, path: str, value: object) -> None:
        f = self.fields(path, value, _USER_KEYS)
        username = f.text("username", max_length=100, required=True, pattern=_USERNAME, shape="username")
        person = f.party("person", kind=PartyKind.PERSON, required=True)
        email = f.text("email", max_length=254, pattern=_EMAIL, shape="e-mail address")
        language = f.text("preferred_language", max_length=2, choices=LANGUAGES)
        disabled = f.boolean("disabled", False)
        roles: list[str] = []
        for role_path, role in f.items("roles", max_items=_MAX_ROLES):
            if not isinstance(role, str) or not _ROLE.fullmatch(role):
                self.problems.add(role_path, "must be a role name such as 'admin' or 'helpdesk'")
            elif role in roles:
                self.problems.add(role_path, f"{role!r} is listed twice")
            else:
                roles.append(role)
        credentials: tuple[_CredentialRecord, ...] | None = None
        if f.has("credentials"):
            credentials = self.credentials(f)
        if username is None or person is None:
            return
        self.world.users.append(
            _UserRecord(
                path=path,
                username=username,
                person=person,
                email=email,
                preferred_language=language or "nl",
                disabled=disabled,
                roles=tuple(sorted(roles)),
                credentials=credentials,
            )
        )

    def credentials(self, user: _Fields) -> tuple[_CredentialRecord, ...]:
        records: list[_CredentialRecord] = []
        seen: dict[tuple[str, str], str] = {}
        for path, value in user.items("credentials", max_items=_MAX_CREDENTIALS):
            f = self.fields(path, value, ("kind", "password", "hash", "secret", "label"))
            kind = f.text("kind", max_length=16, required=True, choices=CREDENTIAL_KINDS)
            label = f.text("label", max_length=100)
            record: _CredentialRecord | None = None
            if kind == "password":
                record = self.password_credential(f, path, label)
                if record is not None and any(other.kind == "password" for other in records):
                    f.problem(None, "a user has at most one password")
            elif kind == "totp":
                for key in ("password", "hash"):
                    if f.has(key):
                        f.problem(key, "a TOTP credential has a secret only")
                secret = f.text("secret", max_length=128, required=True)
                if secret is not None and not is_totp_secret(secret):
                    f.problem("secret", "must be upper-case base32 without padding, at least 128 bits (26 characters)")
                elif secret is not None:
                    record = _CredentialRecord(path, "totp", None, secret, label)
            if record is None:
                continue
            value_key = (record.kind, record.stored or record.password or "")
            if value_key in seen:
                f.problem(None, f"the same credential as {seen[value_key]}")
                continue
            seen[value_key] = path
            records.append(record)
        return tuple(records)

    def password_credential(self, f: _Fields, path: str, label: str | None) -> _CredentialRecord | None:
        if f.has("secret"):
            f.problem("secret", "a password credential has a password or a hash, not a secret")
        if f.has("password") == f.has("hash"):
            f.problem(None, "give either 'password' (plaintext, hashed on import) or 'hash' (argon2id)")
            return None
        if f.has("password"):
            raw = f.raw("password")
            if not isinstance(raw, str):
                f.problem("password", "must be a string")
            elif not raw or len(raw) > MAX_PASSWORD_LENGTH:
                f.problem("password", f"must be 1 to {MAX_PASSWORD_LENGTH} characters long")
            else:
                return _CredentialRecord(path, "password", raw, None, label)
            return None
        stored = f.text("hash", max_length=512)
        if stored is not None and not is_password_hash(stored):
            f.problem("hash", "must be an argon2id hash ($argon2id$v=19$m=...,t=...,p=...$salt$hash)")
            return None
        return None if stored is None else _CredentialRecord(path, "password", None, stored, label)

    def work_relation(self, path: str, value: object) -> None:
        f = self.fields(path, value, ("user", "organisation", "kind", "valid_from", "valid_until"))
        user = f.username("user", required=True)
        organisation = f.party("organisation", kind=PartyKind.ORGANISATION, required=True)
        kind = f.text("kind", max_length=100, required=True)
        valid_from = f.date("valid_from", required=True)
        valid_until = f.date("valid_until")
        _check_period(f, valid_from, valid_until)
        if user and organisation and kind and valid_from:
            self.world.work_relations.append(
                _WorkRelationRecord(path, user, organisation, kind, valid_from, valid_until)
            )

    def local_administrator(self, path: str, value: object) -> None:
        f = self.fields(path, value, ("user", "organisation", "valid_from", "valid_until"))
        user = f.username("user", required=True)
        organisation = f.party("organisation", kind=PartyKind.ORGANISATION, required=True)
        valid_from = f.date("valid_from", required=True)
        valid_until = f.date("valid_until")
        _check_period(f, valid_from, valid_until)
        if user and organisation and valid_from:
            self.world.local_administrators.append(
                _LocalAdministratorRecord(path, user, organisation, valid_from, valid_until)
            )

    def right(self, path: str, value: object) -> None:
        f = self.fields(path, value, _RIGHT_KEYS)
        user = f.username("user", required=True)
        organisation = f.party("organisation", kind=PartyKind.ORGANISATION, required=True)
        right_text = f.text("right", max_length=32, required=True, choices=RIGHTS)
        right = RightKind(right_text) if right_text else None
        valid_from = f.date("valid_from", required=True)
        valid_until = f.date("valid_until")
        _check_period(f, valid_from, valid_until)
        mandate_types = f.code_list("mandate_types")
        mandators: list[PartyKey] = []
        for item_path, item in f.items("mandators"):
            if not isinstance(item, str) or len(item) > 64:
                self.problems.add(item_path, "must be a party reference such as 'kbo:0411515075'")
                continue
            key = _party_reference(self.problems, self.references, item_path, item, None)
            if key in mandators:
                self.problems.add(item_path, f"{key} is listed twice")
            elif key is not None:
                mandators.append(key)
        granted_by = f.username("granted_by")
        # DOMAIN.md, "User rights": the executor right's context, a set of mandate types, is mandatory;
        # the manager right has no context.
        if right is RightKind.MANDATE_EXECUTOR and not mandate_types:
            f.problem("mandate_types", "an ssm_mandaatuitvoerder right needs at least one mandate type")
        if right is RightKind.MANDATE_MANAGER and mandate_types:
            f.problem("mandate_types", "an ssm_mandaatbeheerder right has no mandate types (it covers all)")
        if right is RightKind.MANDATE_MANAGER and mandators:
            f.problem("mandators", "an ssm_mandaatbeheerder right has no mandators (it covers all)")
        if user and organisation and right and valid_from:
            self.world.rights.append(
                _RightRecord(
                    path=path,
                    user=user,
                    organisation=organisation,
                    right=right,
                    valid_from=valid_from,
                    valid_until=valid_until,
                    mandate_types=tuple(sorted(mandate_types)),
                    mandators=tuple(sorted(mandators)),
                    granted_by=granted_by,
                )
            )

    def legal_representative(self, path: str, value: object) -> None:
        f = self.fields(path, value, ("person", "organisation", "function", "valid_from", "valid_until"))
        person = f.party("person", kind=PartyKind.PERSON, required=True)
        organisation = f.party("organisation", kind=PartyKind.ORGANISATION, required=True)
        function = f.text("function", max_length=100, required=True)
        valid_from = f.date("valid_from", required=True)
        valid_until = f.date("valid_until")
        _check_period(f, valid_from, valid_until)
        if person and organisation and function and valid_from:
            self.world.legal_representatives.append(
                _LegalRepresentativeRecord(path, person, organisation, function, valid_from, valid_until)
            )

    def mandate_type(self, path: str, value: object) -> None:
        f = self.fields(path, value, ("code", "number", "mandator_kinds", "mandatee_kinds", "active", "texts"))
        code = f.text("code", max_length=64, required=True, pattern=_CODE, shape="code (a-z, 0-9, _ . -)")
        number = f.integer("number", minimum=1, maximum=2**31 - 1)
        mandator_kinds = self.party_kinds(f, "mandator_kinds")
        mandatee_kinds = self.party_kinds(f, "mandatee_kinds")
        active = f.boolean("active", True)
        texts: list[_TextRecord] = []
        raw_texts = f.raw("texts")
        if raw_texts is None:
            f.problem("texts", 'is required: a name per language, e.g. {"nl": {"name": ...}}')
        else:
            languages = self.fields(f.at("texts"), raw_texts, LANGUAGES)
            for language in LANGUAGES:
                if languages.has(language):
                    text = self.type_text(languages, language)
                    if text is not None:
                        texts.append(text)
            if isinstance(raw_texts, Mapping) and not raw_texts:
                f.problem("texts", "needs at least one language")
        if code is None or mandator_kinds is None or mandatee_kinds is None or not texts:
            return
        self.world.mandate_types.append(
            _MandateTypeRecord(path, code, number, mandator_kinds, mandatee_kinds, active, tuple(texts))
        )

    def party_kinds(self, f: _Fields, key: str) -> frozenset[PartyKind] | None:
        if not f.has(key):
            f.problem(key, 'is required: ["person"], ["organisation"] or both')
            return None
        kinds: set[PartyKind] = set()
        for path, item in f.items(key, max_items=len(PARTY_KINDS)):
            if item not in PARTY_KINDS or not isinstance(item, str):
                self.problems.add(path, f"must be one of {', '.join(PARTY_KINDS)}")
            elif PartyKind(item) in kinds:
                self.problems.add(path, f"{item!r} is listed twice")
            else:
                kinds.add(PartyKind(item))
        if not kinds:
            f.problem(key, "needs at least one kind of party")
            return None
        return frozenset(kinds)

    def type_text(self, languages: _Fields, language: str) -> _TextRecord | None:
        f = self.fields(languages.at(language), languages.raw(language), _TEXT_KEYS)
        name = f.text("name", max_length=200, required=True)
        description = f.text("description", max_length=MAX_TEXT_LENGTH, multiline=True)
        creation_text = f.text("creation_text", max_length=MAX_TEXT_LENGTH, multiline=True)
        stop_text = f.text("stop_text", max_length=MAX_TEXT_LENGTH, multiline=True)
        if name is None:
            return None
        return _TextRecord(language, name, description or "", creation_text or "", stop_text or "")

    def mandate(self, path: str, value: object) -> None:
        f = self.fields(path, value, _MANDATE_KEYS)
        given_id = f.text("id", max_length=36)
        mandate_id: str | None = None
        if given_id is not None:
            try:
                mandate_id = str(uuid.UUID(given_id))
            except ValueError:
                f.problem("id", f"{given_id!r} is not a UUID")
        type_code = f.text("type", max_length=64, required=True, pattern=_CODE, shape="mandate type code")
        if type_code is not None:
            self.references.mandate_types.append((f.at("type"), type_code))
        mandator = f.party("mandator", required=True)
        mandatee = f.party("mandatee", required=True)
        pending = f.party("pending_mandatee")
        valid_from = f.date("valid_from", required=True)
        valid_until = f.date("valid_until")
        _check_period(f, valid_from, valid_until)
        reference = f.text("reference", max_length=100) or ""
        language = f.text("language", max_length=2, choices=LANGUAGES) or "nl"
        state_text = f.text("state", max_length=24, required=True, choices=STATES)
        state = MandateState(state_text) if state_text else None
        initiator = f.text("initiator", max_length=8, required=True, choices=INITIATORS)
        stamps = {
            key: f.timestamp(key) for key in ("created_at", "mandator_signed_at", "mandatee_signed_at", "stopped_at")
        }
        users = {
            key: f.username(key) for key in ("created_by", "mandator_signed_by", "mandatee_signed_by", "stopped_by")
        }
        # SSM: a mandate is between two parties, and a transfer goes to a third.
        if mandator is not None and mandator == mandatee:
            f.problem("mandatee", "the mandatee must differ from the mandator")
        if pending is not None and pending in (mandator, mandatee):
            f.problem("pending_mandatee", "a transfer goes to a party other than the mandator and mandatee")
        if state is not None and initiator is not None:
            _check_signatures(f, state=state, initiator=initiator, stamps=stamps, users=users, pending=pending)
        events = self.events(f) if f.has("events") else None
        if not (type_code and mandator and mandatee and valid_from and state and initiator):
            return
        if mandate_id is None:
            mandate_id = mandate_id_for(type_code, mandator, mandatee, valid_from, reference)
        self.world.mandates.append(
            _MandateRecord(
                path=path,
                id=mandate_id,
                mandate_type=type_code,
                mandator=mandator,
                mandatee=mandatee,
                valid_from=valid_from,
                valid_until=valid_until,
                reference=reference,
                language=language,
                state=state,
                initiator=initiator,
                created_at=stamps["created_at"],
                created_by=users["created_by"],
                mandator_signed_at=stamps["mandator_signed_at"],
                mandator_signed_by=users["mandator_signed_by"],
                mandatee_signed_at=stamps["mandatee_signed_at"],
                mandatee_signed_by=users["mandatee_signed_by"],
                stopped_at=stamps["stopped_at"],
                stopped_by=users["stopped_by"],
                pending_mandatee=pending,
                events=events,
            )
        )

    def events(self, mandate: _Fields) -> tuple[_EventRecord, ...]:
        events: list[_EventRecord] = []
        for path, value in mandate.items("events"):
            f = self.fields(path, value, _EVENT_KEYS)
            at = f.timestamp("at", required=True)
            action = f.text("action", max_length=32, required=True, pattern=_ACTION, shape="action name")
            actor = f.username("actor")
            actor_name = f.text("actor_name", max_length=200) or ""
            acting_for = f.party("acting_for")
            acting_for_name = f.text("acting_for_name", max_length=200) or ""
            detail = _read_detail(f)
            if at is not None and action is not None and detail is not None:
                events.append(_EventRecord(at, action, actor, actor_name, acting_for, acting_for_name, detail))
        return tuple(events)

    def application(self, path: str, value: object) -> None:
        f = self.fields(path, value, _APPLICATION_KEYS)
        client_id = f.text(
            "client_id", max_length=255, required=True, pattern=_CLIENT_ID, shape="client id or entityID"
        )
        name = f.text("name", max_length=200, required=True)
        protocol = f.text("protocol", max_length=8, required=True, choices=PROTOCOLS)
        record_flags = {
            "legal_representatives": f.boolean("legal_representatives", False),
            "allow_citizen": f.boolean("allow_citizen", True),
            "allow_employee": f.boolean("allow_employee", True),
            "enabled": f.boolean("enabled", True),
        }
        claim_profile = f.text("claim_profile", max_length=32, pattern=_CLAIM_PROFILE, shape="claim profile")
        mandate_types = f.code_list("mandate_types")
        if client_id is None or name is None or protocol is None:
            return
        self.world.applications.append(
            _ApplicationRecord(
                path=path,
                client_id=client_id,
                name=name,
                protocol=protocol,
                claim_profile=claim_profile or "standard",
                mandate_types=tuple(sorted(mandate_types)),
                **record_flags,
            )
        )


def _check_signatures(
    f: _Fields,
    *,
    state: MandateState,
    initiator: str,
    stamps: Mapping[str, dt.datetime | None],
    users: Mapping[str, str | None],
    pending: PartyKey | None,
) -> None:
    """The stored state must agree with the signatures: the rules of DOMAIN.md, "Mandate lifecycle"."""
    for side in INITIATORS:
        if users[f"{side}_signed_by"] is not None and stamps[f"{side}_signed_at"] is None:
            f.problem(f"{side}_signed_by", f"given without {side}_signed_at")
    counterparty = "mandatee" if initiator == "mandator" else "mandator"
    signed = {side: stamps[f"{side}_signed_at"] is not None for side in INITIATORS}
    if state is MandateState.SIGNED:
        # It never takes effect before both have signed.
        for side in INITIATORS:
            if not signed[side]:
                f.problem(f"{side}_signed_at", "a signed mandate has both signatures")
    elif state in (MandateState.AWAITING_SIGNATURE, MandateState.REFUSED):
        # The creator has signed by creating it; the counterparty has not (yet), or refused.
        if not signed[initiator]:
            f.problem(f"{initiator}_signed_at", f"the initiator ({initiator}) signed by creating the mandate")
        if signed[counterparty]:
            f.problem(f"{counterparty}_signed_at", f"a mandate in state {state.value} lacks this signature")
    if state is MandateState.STOPPED and stamps["stopped_at"] is None:
        f.problem("stopped_at", "a stopped mandate has the moment it was stopped")
    if state is not MandateState.STOPPED:
        for key in ("stopped_at", "stopped_by"):
            if f.has(key):
                f.problem(key, f"only a stopped mandate has {key}")
    elif users["stopped_by"] is not None and stamps["stopped_at"] is None:
        f.problem("stopped_by", "given without stopped_at")
    if pending is not None and state is not MandateState.SIGNED:
        f.problem("pending_mandatee", "only a signed mandate can be awaiting transfer")
