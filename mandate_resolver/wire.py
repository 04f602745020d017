"""The JSON of the registry contract (``docs/registry-api.yaml``), both ways.

The server (``idp.registry_api``) encodes what its SQL backends found; the HTTP backends decode what a
registry sent, strictly: exact field sets, no duplicate keys, bounded strings and lists, identifiers
checked (mod 97) and canonical, dates in ISO form. A reply that breaks any of it is refused as a whole
(:class:`WireError`), never used in part (SECURITY.md M03, M04).

Option keys never travel: each side derives them from the content, so a registry cannot make an
option that the chain would route to another resolver.

>>> import datetime as dt
>>> from mandate_resolver.identifiers import KboNumber
>>> from mandate_resolver.types import Party
>>> decode_party(encode_party_value(Party(KboNumber.parse("0411515075"), "Emmaüs", "EA")), "party")
Party(identifier=KboNumber(value='0411515075'), name='Emmaüs', target_group='EA')
>>> decode_party({"scheme": "kbo", "id": "0411515076", "name": "x", "target_group": "EA"}, "party")
Traceback (most recent call last):
  ...
mandate_resolver.wire.WireError: party.id: '0411515076' is not a valid KBO enterprise number: \
the check digits do not match.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from typing import Final, TypeAlias

from mandate_resolver.identifiers import IdentifierError, parse_party_identifier
from mandate_resolver.sources import SELF_REF, parse_mandate_ref
from mandate_resolver.types import (
    COUNT_CAP,
    LANGUAGES,
    MAX_NAME_LENGTH,
    MAX_OPTIONS_PER_PRINCIPAL,
    MAX_PAGE_SIZE,
    TYPE_CODE,
    AccessPath,
    AppPolicy,
    Bound,
    Capacity,
    CappedCount,
    CitizenOption,
    EmployeeOption,
    LegalRepresentativeOption,
    LoginOption,
    MandateOption,
    MandateTypeRef,
    Party,
    PathKind,
    Principal,
    Resolution,
    Search,
    Window,
    option_key,
)

__all__ = [
    "WireError",
    "decode_check",
    "decode_party",
    "decode_query",
    "decode_resolution",
    "encode_check",
    "encode_party_value",
    "encode_query",
    "encode_resolution",
    "loads",
]

# JSON values as this module builds them; nothing outside it sees one.
Json: TypeAlias = "bool | int | str | list[Json] | dict[str, Json] | None"

_PARTY_FIELDS: Final = frozenset({"scheme", "id", "name", "target_group"})
_MAX_STRING: Final = MAX_NAME_LENGTH


class WireError(ValueError):
    """A document that breaks the contract; ``path`` says where (``principals[3].options[0].mandatee.id``)."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path


# --- encoding (the server side) ------------------------------------------------------------------


def _date(value: dt.date | None) -> Json:
    return value.isoformat() if value is not None else None


def encode_party_value(party: Party) -> dict[str, Json]:
    return {"scheme": party.id_type, "id": party.id, "name": party.name, "target_group": party.target_group}


def _encode_option(option: LoginOption) -> dict[str, Json]:
    if isinstance(option, CitizenOption):
        return {"person": encode_party_value(option.person)}
    if isinstance(option, EmployeeOption):
        return {
            "organisation": encode_party_value(option.organisation),
            "relation": option.relation,
            "valid_from": _date(option.valid_from),
            "valid_until": _date(option.valid_until),
        }
    if isinstance(option, LegalRepresentativeOption):
        return {
            "organisation": encode_party_value(option.organisation),
            "function": option.function,
            "valid_from": _date(option.valid_from),
            "valid_until": _date(option.valid_until),
        }
    return {
        "mandate_id": option.mandate_id,
        "mandate_type": {
            "code": option.mandate_type.code,
            "name": option.mandate_type.name,
            "number": option.mandate_type.number,
        },
        "valid_from": _date(option.valid_from),
        "valid_until": _date(option.valid_until),
        "mandator": encode_party_value(option.mandator),
        "mandatee": encode_party_value(option.mandatee),
        "path": {
            "kind": option.path.kind.value,
            "valid_from": _date(option.path.valid_from),
            "valid_until": _date(option.path.valid_until),
            "function": option.path.function,
        },
    }


def _dumps(document: Json) -> bytes:
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode()


def encode_resolution(resolution: Resolution) -> bytes:
    """The body of a page reply; :func:`decode_resolution` reads it back.

    >>> from mandate_resolver.testing import sample_mandate_option
    >>> option = sample_mandate_option()
    >>> page = Resolution((Principal(option.mandator, Capacity.MANDATE, "ssm", "emmaüs", (option,)),))
    >>> decode_resolution(encode_resolution(page), Capacity.MANDATE, "ssm", page_size=50) == page
    True
    """
    principals: list[Json] = [
        {
            "party": encode_party_value(p.party),
            "name_key": p.name_key,
            "options": [_encode_option(option) for option in p.options],
            "more_options": p.more_options,
        }
        for p in resolution.principals
    ]
    count: dict[str, Json] = {"value": resolution.count.value, "capped": resolution.count.capped}
    return _dumps({"principals": principals, "more": resolution.more, "count": count})


# --- decoding (the client side) ------------------------------------------------------------------


def _no_duplicates(pairs: list[tuple[str, object]]) -> dict[str, object]:
    document = dict(pairs)
    if len(document) != len(pairs):
        raise WireError("$", "duplicate key in an object")
    return document


def _no_constants(name: str) -> object:
    raise WireError("$", f"{name} is not JSON")


def loads(body: bytes) -> object:
    """Parse a reply body: UTF-8 JSON with no duplicate keys and no NaN or Infinity."""
    try:
        return json.loads(body.decode("utf-8"), object_pairs_hook=_no_duplicates, parse_constant=_no_constants)
    except WireError:
        raise
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise WireError("$", f"not valid JSON ({exc.__class__.__name__})") from None


def _object(value: object, path: str, fields: frozenset[str]) -> Mapping[str, object]:
    if not isinstance(value, dict):
        raise WireError(path, "must be an object")
    if set(value) != fields:
        extra, missing = sorted(set(value) - fields), sorted(fields - set(value))
        raise WireError(path, f"unexpected fields {extra}" if extra else f"missing fields {missing}")
    return value


def _string(value: object, path: str, *, empty: bool = False) -> str:
    if not isinstance(value, str) or len(value) > _MAX_STRING or (not empty and not value):
        raise WireError(path, f"must be text of {0 if empty else 1}-{_MAX_STRING} characters")
    return value


def _boolean(value: object, path: str) -> bool:
    if not isinstance(value, bool):
        raise WireError(path, "must be true or false")
    return value


def _iso_date(value: object, path: str, *, optional: bool = False) -> dt.date | None:
    if value is None and optional:
        return None
    if not isinstance(value, str) or len(value) != 10:
        raise WireError(path, "must be a date YYYY-MM-DD")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise WireError(path, "must be a date YYYY-MM-DD") from None


def _required_date(value: object, path: str) -> dt.date:
    parsed = _iso_date(value, path)
    assert parsed is not None  # _iso_date returns None only when optional
    return parsed


def _list(value: object, path: str, limit: int) -> list[object]:
    if not isinstance(value, list) or len(value) > limit:
        raise WireError(path, f"must be a list of at most {limit} items")
    return value


def decode_party(value: object, path: str) -> Party:
    """A party object: its identifier checked and canonical, its name and target group bounded."""
    document = _object(value, path, _PARTY_FIELDS)
    scheme, raw = _string(document["scheme"], f"{path}.scheme"), _string(document["id"], f"{path}.id")
    try:
        identifier = parse_party_identifier(scheme, raw)
    except IdentifierError as exc:
        raise WireError(f"{path}.id", str(exc)) from None
    if identifier.value != raw:
        raise WireError(f"{path}.id", "must be in canonical form")
    try:
        return Party(identifier, _string(document["name"], f"{path}.name"), str(document["target_group"]))
    except ValueError as exc:
        raise WireError(path, str(exc)) from None


def _decode_option(value: object, path: str, capacity: Capacity, namespace: str) -> LoginOption:
    try:
        if capacity is Capacity.CITIZEN:
            document = _object(value, path, frozenset({"person"}))
            return CitizenOption(option_key(namespace, SELF_REF), decode_party(document["person"], f"{path}.person"))
        if capacity in (Capacity.EMPLOYEE, Capacity.LEGAL_REPRESENTATIVE):
            return _decode_organisation_option(value, path, capacity, namespace)
        return _decode_mandate_option(value, path, namespace)
    except WireError:
        raise
    except ValueError as exc:
        raise WireError(path, str(exc)) from None


def _decode_organisation_option(
    value: object, path: str, capacity: Capacity, namespace: str
) -> EmployeeOption | LegalRepresentativeOption:
    role = "relation" if capacity is Capacity.EMPLOYEE else "function"
    document = _object(value, path, frozenset({"organisation", role, "valid_from", "valid_until"}))
    organisation = decode_party(document["organisation"], f"{path}.organisation")
    key = option_key(namespace, organisation.id_type, organisation.id)
    valid_from = _required_date(document["valid_from"], f"{path}.valid_from")
    valid_until = _iso_date(document["valid_until"], f"{path}.valid_until", optional=True)
    text = _string(document[role], f"{path}.{role}", empty=True)
    if capacity is Capacity.EMPLOYEE:
        return EmployeeOption(key, organisation, text, valid_from, valid_until)
    return LegalRepresentativeOption(key, organisation, text, valid_from, valid_until)


_MANDATE_FIELDS: Final = frozenset(
    {"mandate_id", "mandate_type", "valid_from", "valid_until", "mandator", "mandatee", "path"}
)


def _decode_mandate_option(value: object, path: str, namespace: str) -> MandateOption:
    document = _object(value, path, _MANDATE_FIELDS)
    mandatee = decode_party(document["mandatee"], f"{path}.mandatee")
    mandate_id = _string(document["mandate_id"], f"{path}.mandate_id")
    ref = f"{mandate_id}:{mandatee.id_type}:{mandatee.id}"
    if parse_mandate_ref(ref) is None:
        raise WireError(f"{path}.mandate_id", "must be a UUID in lower case")
    kind = _object(document["mandate_type"], f"{path}.mandate_type", frozenset({"code", "name", "number"}))
    number = kind["number"]
    if number is not None and (type(number) is not int or not 0 <= number < 2**31):
        raise WireError(f"{path}.mandate_type.number", "must be a whole number or null")
    mandate_type = MandateTypeRef(
        _string(kind["code"], f"{path}.mandate_type.code"), _string(kind["name"], f"{path}.mandate_type.name"), number
    )
    raw_path = _object(document["path"], f"{path}.path", frozenset({"kind", "valid_from", "valid_until", "function"}))
    try:
        path_kind = PathKind(_string(raw_path["kind"], f"{path}.path.kind"))
    except ValueError:
        raise WireError(f"{path}.path.kind", f"must be one of {[k.value for k in PathKind]}") from None
    access = AccessPath(
        path_kind,
        _iso_date(raw_path["valid_from"], f"{path}.path.valid_from", optional=True),
        _iso_date(raw_path["valid_until"], f"{path}.path.valid_until", optional=True),
        _string(raw_path["function"], f"{path}.path.function", empty=True),
    )
    return MandateOption(
        key=option_key(namespace, ref),
        mandate_id=mandate_id,
        mandate_type=mandate_type,
        valid_from=_required_date(document["valid_from"], f"{path}.valid_from"),
        valid_until=_iso_date(document["valid_until"], f"{path}.valid_until", optional=True),
        mandator=decode_party(document["mandator"], f"{path}.mandator"),
        mandatee=mandatee,
        path=access,
    )


def decode_resolution(body: bytes, capacity: Capacity, namespace: str, page_size: int) -> Resolution:
    """A page reply as the :class:`Resolution` of resolver ``namespace`` answering for ``capacity``."""
    document = _object(loads(body), "$", frozenset({"principals", "more", "count"}))
    count_document = _object(document["count"], "count", frozenset({"value", "capped"}))
    value = count_document["value"]
    if type(value) is not int or not 0 <= value <= COUNT_CAP:
        raise WireError("count.value", f"must be a whole number from 0 to {COUNT_CAP}")
    count = CappedCount(value, _boolean(count_document["capped"], "count.capped"))
    principals = []
    for index, item in enumerate(_list(document["principals"], "principals", page_size)):
        path = f"principals[{index}]"
        fields = _object(item, path, frozenset({"party", "name_key", "options", "more_options"}))
        party = decode_party(fields["party"], f"{path}.party")
        raw_options = _list(fields["options"], f"{path}.options", MAX_OPTIONS_PER_PRINCIPAL)
        options = tuple(
            _decode_option(option, f"{path}.options[{i}]", capacity, namespace) for i, option in enumerate(raw_options)
        )
        if not options or any(option.principal != party for option in options):
            raise WireError(f"{path}.options", "must be non-empty options of this principal")
        name_key = _string(fields["name_key"], f"{path}.name_key")
        principals.append(
            Principal(party, capacity, namespace, name_key, options, _boolean(fields["more_options"], f"{path}.more"))
        )
    return Resolution(tuple(principals), _boolean(document["more"], "more"), count)


def decode_check(body: bytes, capacity: Capacity, namespace: str) -> LoginOption | None:
    """A check reply: the one option the registry confirms, or None (``{"option": null}``)."""
    document = _object(loads(body), "$", frozenset({"option"}))
    if document["option"] is None:
        return None
    return _decode_option(document["option"], "option", capacity, namespace)


def encode_check(option: LoginOption | None) -> bytes:
    """The body of a check reply."""
    return _dumps({"option": _encode_option(option) if option is not None else None})


# --- query parameters ------------------------------------------------------------------------------

_TRUE_FALSE: Final = {"true": True, "false": False}
_POLICY_PARAMS: Final = frozenset({"on", "language", "types", "legal_representatives"})
_WINDOW_PARAMS: Final = frozenset(
    {"limit", "search", "count_only", "after_name", "after_scheme", "after_id", "after_inclusive"}
)
MAX_TYPES: Final = 100


def encode_query(policy: AppPolicy, capacity: Capacity, window: Window | None = None) -> dict[str, str]:
    """The query parameters of a page (``window`` given) or check call for ``capacity``."""
    params = {"on": policy.today.isoformat(), "language": policy.language}
    if capacity is Capacity.MANDATE:
        params["types"] = ",".join(sorted(policy.accepted_mandate_types))
        params["legal_representatives"] = "true" if policy.legal_representatives else "false"
    if window is not None:
        params["limit"] = str(window.size)
        if window.search is not None:
            params["search"] = window.search.text
        if window.past:
            params["count_only"] = "true"
        if window.bound is not None:
            params["after_name"] = window.bound.name
            params["after_scheme"] = window.bound.scheme
            params["after_id"] = window.bound.identifier
            params["after_inclusive"] = "true" if window.bound.inclusive else "false"
    return params


def decode_query(args: Mapping[str, str], capacity: Capacity, *, page: bool) -> tuple[AppPolicy, Window | None]:
    """Parse the query of a page (``page``) or check call; :class:`WireError` names the bad parameter.

    >>> policy = AppPolicy(dt.date(2025, 3, 1), frozenset({"wse_loket"}), legal_representatives=True)
    >>> query = encode_query(policy, Capacity.MANDATE, Window(size=20))
    >>> query["types"], query["limit"]
    ('wse_loket', '20')
    >>> decode_query(query, Capacity.MANDATE, page=True) == (policy, Window(size=20))
    True
    >>> decode_query({**query, "on": "2025-02-30"}, Capacity.MANDATE, page=True)
    Traceback (most recent call last):
      ...
    mandate_resolver.wire.WireError: on: must be a date YYYY-MM-DD
    """
    allowed = _POLICY_PARAMS | (_WINDOW_PARAMS if page else frozenset())
    unknown = sorted(set(args) - allowed)
    if unknown:
        raise WireError(unknown[0][:40], "unknown parameter")
    if "on" not in args:
        raise WireError("on", "is required")
    today = _required_date(args["on"], "on")
    types: frozenset[str] = frozenset()
    if capacity is Capacity.MANDATE:
        raw_types = args.get("types", "")
        codes = [code for code in raw_types.split(",") if code] if raw_types else []
        if not codes or len(codes) > MAX_TYPES or not all(TYPE_CODE.fullmatch(code) for code in codes):
            raise WireError("types", f"must list 1-{MAX_TYPES} mandate type codes, separated by commas")
        types = frozenset(codes)
    language = args.get("language", "nl")
    if language not in LANGUAGES:
        raise WireError("language", f"must be one of {', '.join(LANGUAGES)}")
    legal_representatives = _flag(args, "legal_representatives")
    policy = AppPolicy(today, types, legal_representatives=legal_representatives, language=language)
    return policy, (_decode_window(args) if page else None)


def _flag(args: Mapping[str, str], name: str) -> bool:
    raw = args.get(name, "false")
    if raw not in _TRUE_FALSE:
        raise WireError(name, "must be true or false")
    return _TRUE_FALSE[raw]


def _decode_window(args: Mapping[str, str]) -> Window:
    raw_limit = args.get("limit", "50")
    if not raw_limit.isascii() or not raw_limit.isdigit() or not 1 <= int(raw_limit) <= MAX_PAGE_SIZE:
        raise WireError("limit", f"must be a whole number from 1 to {MAX_PAGE_SIZE}")
    try:
        search = Search.parse(args.get("search"))
    except ValueError as exc:
        raise WireError("search", str(exc)) from None
    after = [args.get(name) for name in ("after_name", "after_scheme", "after_id", "after_inclusive")]
    bound = None
    if any(value is not None for value in after):
        name, scheme, identifier, _ = after
        if name is None or scheme is None or identifier is None:
            raise WireError("after_name", "after_name, after_scheme, after_id and after_inclusive go together")
        if len(name) > MAX_NAME_LENGTH:
            raise WireError("after_name", f"must be at most {MAX_NAME_LENGTH} characters")
        try:
            parsed = parse_party_identifier(scheme, identifier)
        except IdentifierError as exc:
            raise WireError("after_id", str(exc)) from None
        if parsed.value != identifier:
            raise WireError("after_id", "must be in canonical form")
        bound = Bound(name, scheme, identifier, _flag(args, "after_inclusive"))
    return Window(int(raw_limit), bound, search, _flag(args, "count_only"))
