"""Identifiers of parties: persons (INSZ), enterprises and establishment units (KBO), Flemish bodies (OVO).

Every entry point (form, API, CSV, HTTP backend reply) turns a raw string into one of the value types
below before anything else looks at it, so the rest of the code never handles an unchecked number.
Parsing accepts the formatting people type (spaces, dots, dashes, a slash, a ``BE`` prefix on an
enterprise number) and rejects everything else with an :class:`IdentifierError` that says why.

Only the ASCII digits ``0``-``9`` count as digits: ``"٠"`` or ``"０"`` are rejected, never normalised,
so that two different strings can never be taken for the same party.

>>> KboNumber.parse("BE 0411.515.075").value
'0411515075'
>>> Insz.parse("85.07.30-033.28").formatted
'85.07.30-033.28'
>>> guess_party_identifier("OVO002949")
OvoCode(value='OVO002949')
>>> KboNumber.parse("0411515076")
Traceback (most recent call last):
  ...
mandate_resolver.identifiers.IdentifierError: '0411515076' is not a valid KBO enterprise number: \
the check digits do not match.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import ClassVar, Final, Self, TypeAlias

__all__ = [
    "EstablishmentNumber",
    "IdentifierError",
    "Insz",
    "KboNumber",
    "OvoCode",
    "PartyIdentifier",
    "guess_party_identifier",
    "make_insz",
    "make_kbo",
    "parse_party_identifier",
]

# Checked before anything else is done with the input, so a huge or hostile string costs nothing.
MAX_RAW_LENGTH: Final = 32
# An error keeps at most this much of the raw input, so a message or log line stays short.
MAX_ERROR_VALUE_LENGTH: Final = 64

_ASCII_DIGITS: Final = frozenset("0123456789")
# The formatting people type between groups of digits; nothing else is dropped.
_SEPARATORS: Final = frozenset(" .-/")
# Surrounding whitespace from a form field or a CSV cell (ASCII only, like the digits).
_SURROUNDING_WHITESPACE: Final = " \t\r\n"

_SCHEME_NAMES: Final[dict[str, str]] = {
    "insz": "INSZ (national register or BIS number)",
    "kbo": "KBO enterprise number",
    "kbo_establishment": "KBO establishment unit number",
    "ovo": "OVO code",
    "party": "party identifier",
}

_REASON_TEXTS: Final[dict[str, str]] = {
    "type": "no text was given",
    "empty": "it is empty",
    "length": "it has the wrong number of characters",
    "digits": "only the digits 0-9 are allowed",
    "format": "it contains characters that are not allowed",
    "checksum": "the check digits do not match",
    "month": "the month is not possible",
    "day": "the day is not possible",
    "first_digit": "the first digit is not possible",
    "prefix": "it does not start with the expected prefix",
    "scheme": "this kind of identifier is not known",
}


class IdentifierError(ValueError):
    """A raw string is not a valid identifier of the given scheme.

    ``reason`` is a machine code (``"length"``, ``"digits"``, ``"checksum"``, ``"month"``, ``"day"``,
    ``"first_digit"``, ``"format"``, ``"prefix"``, ``"empty"``, ``"type"``, ``"scheme"``) and
    ``message_key`` the same as a translation key; ``str()`` is an English sentence for logs and APIs.

    >>> error = IdentifierError("kbo", "0411515076", "checksum")
    >>> error.message_key
    'identifier.checksum'
    >>> str(error)
    "'0411515076' is not a valid KBO enterprise number: the check digits do not match."
    """

    scheme: str
    value: str
    reason: str
    message_key: str

    def __init__(self, scheme: str, value: str, reason: str) -> None:
        self.scheme = scheme[:MAX_ERROR_VALUE_LENGTH]
        # repr() in the message below keeps control characters in the input out of log lines.
        self.value = value[:MAX_ERROR_VALUE_LENGTH]
        self.reason = reason
        self.message_key = f"identifier.{reason}"
        name = _SCHEME_NAMES.get(self.scheme, repr(self.scheme))
        why = _REASON_TEXTS.get(reason, reason)
        super().__init__(f"{self.value!r} is not a valid {name}: {why}.")


def _clean(raw: object, scheme: str, *, allow_letters: str = "") -> str:
    """Check the raw input and drop separators; return it upper-cased: digits and ``allow_letters`` only."""
    if not isinstance(raw, str):
        # Typed as str, but a JSON null or a missing CSV cell can still arrive here at run time.
        raise IdentifierError(scheme, repr(raw), "type")
    if len(raw) > MAX_RAW_LENGTH:
        raise IdentifierError(scheme, raw, "length")
    # Non-ASCII digits are rejected, never normalised: "٠٤١١..." is not "0411...". Looked for first, so
    # the reason is "digits" wherever they stand.
    if any((char.isdigit() or char.isnumeric()) and char not in _ASCII_DIGITS for char in raw):
        raise IdentifierError(scheme, raw, "digits")
    kept: list[str] = []
    for char in raw.strip(_SURROUNDING_WHITESPACE):
        if char in _ASCII_DIGITS:
            kept.append(char)
        elif char in _SEPARATORS:
            continue
        elif char.isascii() and char.upper() in allow_letters:
            kept.append(char.upper())
        else:
            raise IdentifierError(scheme, raw, "format")
    if not kept:
        raise IdentifierError(scheme, raw, "empty")
    return "".join(kept)


def _only_digits(text: str, scheme: str, raw: str) -> None:
    if not text or not _ASCII_DIGITS.issuperset(text):
        raise IdentifierError(scheme, raw, "format")


def _mod97_check(body: int) -> int:
    """The check number used by INSZ and KBO: 97 minus the remainder, so it lies in 1..97."""
    return 97 - body % 97


def _validate_insz(digits: str, raw: str) -> bool:
    """Validate 11 digits YYMMDDSSSCC; return True when the check digits are those of a birth from 2000."""
    scheme = Insz.scheme
    _only_digits(digits, scheme, raw)
    if len(digits) != 11:
        raise IdentifierError(scheme, raw, "length")
    month = int(digits[2:4])
    # National register: month 00-12 (00 when the birth date is unknown);
    # BIS number: month + 20 (sex unknown at registration) or + 40 (sex known).
    if not (month <= 12 or 20 <= month <= 32 or 40 <= month <= 52):
        raise IdentifierError(scheme, raw, "month")
    # Day 00 when the birth date is unknown.
    if int(digits[4:6]) > 31:
        raise IdentifierError(scheme, raw, "day")
    body, check = int(digits[:9]), int(digits[9:])
    # CC = 97 - (first 9 digits mod 97).
    if check == _mod97_check(body):
        return False
    # Births from 2000 on: the 9 digits are prefixed with "2" before taking the modulus.
    if check == _mod97_check(2_000_000_000 + body):
        return True
    raise IdentifierError(scheme, raw, "checksum")


def _validate_kbo_like(digits: str, raw: str, scheme: str, first_digits: str) -> None:
    """Validate 10 digits whose last 2 are 97 - (first 8 mod 97) and whose first is in ``first_digits``."""
    _only_digits(digits, scheme, raw)
    if len(digits) != 10:
        raise IdentifierError(scheme, raw, "length")
    # Enterprise numbers start with 0 or 1, establishment unit numbers with 2-8.
    if digits[0] not in first_digits:
        raise IdentifierError(scheme, raw, "first_digit")
    # Last 2 digits = 97 - (first 8 digits mod 97).
    if int(digits[8:]) != _mod97_check(int(digits[:8])):
        raise IdentifierError(scheme, raw, "checksum")


@dataclass(frozen=True, slots=True)
class Insz:
    """A Belgian national register number or BIS number: 11 digits ``YYMMDDSSSCC``.

    >>> number = Insz.parse("85073003328")
    >>> number.formatted, number.is_bis, number.birth_century_2000
    ('85.07.30-033.28', False, False)
    >>> Insz.parse("03.02.14-123.48").birth_century_2000
    True
    >>> Insz.parse("85473003317").is_bis
    True
    """

    scheme: ClassVar[str] = "insz"
    value: str

    def __post_init__(self) -> None:
        _validate_insz(self.value, self.value)

    @classmethod
    def parse(cls, raw: str) -> Self:
        """Parse ``raw`` as typed by a person (``"85.07.30-033.28"``, ``"850730 033 61"``)."""
        digits = _clean(raw, cls.scheme)
        _validate_insz(digits, raw)
        return cls(digits)

    @property
    def is_bis(self) -> bool:
        """True for a BIS number (month + 20 or + 40), False for a national register number."""
        return int(self.value[2:4]) >= 20

    @property
    def birth_century_2000(self) -> bool:
        """True when the check digits are those of a birth from 2000 on (the ``2`` prefix rule)."""
        return _validate_insz(self.value, self.value)

    @property
    def birth_date(self) -> datetime.date | None:
        """The birth date, or None when the number does not carry a complete, real one.

        >>> Insz.parse("85073003328").birth_date
        datetime.date(1985, 7, 30)
        """
        month = int(self.value[2:4]) % 20
        century = 2000 if self.birth_century_2000 else 1900
        try:
            return datetime.date(century + int(self.value[:2]), month, int(self.value[4:6]))
        except ValueError:  # month or day 00 (unknown), or a day such as 31 February
            return None

    @property
    def formatted(self) -> str:
        """``YY.MM.DD-SSS.CC``, the way the number is printed on an identity card."""
        v = self.value
        return f"{v[0:2]}.{v[2:4]}.{v[4:6]}-{v[6:9]}.{v[9:11]}"


@dataclass(frozen=True, slots=True)
class KboNumber:
    """A KBO enterprise number: 10 digits, first digit 0 or 1.

    >>> KboNumber.parse("be0411.515.075")
    KboNumber(value='0411515075')
    >>> KboNumber.parse("411515075").formatted  # the old 9-digit form gets its leading 0
    '0411.515.075'
    >>> KboNumber.parse("0411515075").display
    'BE 0411.515.075'
    """

    scheme: ClassVar[str] = "kbo"
    value: str

    def __post_init__(self) -> None:
        _validate_kbo_like(self.value, self.value, self.scheme, "01")

    @classmethod
    def parse(cls, raw: str) -> Self:
        """Parse ``raw`` as typed by a person (``"BE 0411.515.075"``, ``"0411 515 075"``, ``"411515075"``)."""
        cleaned = _clean(raw, cls.scheme, allow_letters="BE")
        # The VAT prefix, case-insensitive; _clean has upper-cased it. "B" or "E" alone is not allowed.
        digits = cleaned.removeprefix("BE")
        if not digits or not digits.isascii() or not digits.isdigit():
            raise IdentifierError(cls.scheme, raw, "format")
        # Enterprise numbers were 9 digits before 2005; the 10-digit form adds a leading 0.
        if len(digits) == 9:
            digits = "0" + digits
        _validate_kbo_like(digits, raw, cls.scheme, "01")
        return cls(digits)

    @property
    def formatted(self) -> str:
        """``0411.515.075``."""
        v = self.value
        return f"{v[0:4]}.{v[4:7]}.{v[7:10]}"

    @property
    def display(self) -> str:
        """``BE 0411.515.075``, the way the KBO and VAT documents show it."""
        return f"BE {self.formatted}"


@dataclass(frozen=True, slots=True)
class EstablishmentNumber:
    """A KBO establishment unit number: 10 digits, first digit 2-8, same check digits as an enterprise.

    >>> EstablishmentNumber.parse("2.000.000.042").value
    '2000000042'
    """

    scheme: ClassVar[str] = "kbo_establishment"
    value: str

    def __post_init__(self) -> None:
        _validate_kbo_like(self.value, self.value, self.scheme, "2345678")

    @classmethod
    def parse(cls, raw: str) -> Self:
        """Parse ``raw`` as typed by a person (``"2.000.000.042"``, ``"2000 000 042"``)."""
        digits = _clean(raw, cls.scheme)
        _validate_kbo_like(digits, raw, cls.scheme, "2345678")
        return cls(digits)

    @property
    def formatted(self) -> str:
        """``2.000.000.042``."""
        v = self.value
        return f"{v[0]}.{v[1:4]}.{v[4:7]}.{v[7:10]}"


@dataclass(frozen=True, slots=True)
class OvoCode:
    """A Flemish government organisation code: ``OVO`` and exactly 6 digits, no check digits.

    >>> OvoCode.parse("ovo 002949")
    OvoCode(value='OVO002949')
    """

    scheme: ClassVar[str] = "ovo"
    value: str

    def __post_init__(self) -> None:
        _validate_ovo(self.value, self.value)

    @classmethod
    def parse(cls, raw: str) -> Self:
        """Parse ``raw`` (``"OVO002949"``, ``"ovo 002949"``, ``"OVO-002949"``); the result is upper-case."""
        cleaned = _clean(raw, cls.scheme, allow_letters="OV")
        _validate_ovo(cleaned, raw)
        return cls(cleaned)

    @property
    def formatted(self) -> str:
        """``OVO002949``, the canonical form itself."""
        return self.value


def _validate_ovo(text: str, raw: str) -> None:
    if not text.startswith("OVO"):
        raise IdentifierError(OvoCode.scheme, raw, "prefix")
    digits = text[3:]
    _only_digits(digits, OvoCode.scheme, raw)
    if len(digits) != 6:
        raise IdentifierError(OvoCode.scheme, raw, "length")


PartyIdentifier: TypeAlias = Insz | KboNumber | EstablishmentNumber | OvoCode

_TYPES_BY_SCHEME: Final[dict[str, type[PartyIdentifier]]] = {
    cls.scheme: cls for cls in (Insz, KboNumber, EstablishmentNumber, OvoCode)
}


def parse_party_identifier(scheme: str, raw: str) -> PartyIdentifier:
    """Parse ``raw`` as an identifier of ``scheme``, one of the ``scheme`` names of the value types.

    >>> parse_party_identifier("kbo", "BE 0806.154.033")
    KboNumber(value='0806154033')
    >>> parse_party_identifier("vat", "0806154033")
    Traceback (most recent call last):
      ...
    mandate_resolver.identifiers.IdentifierError: '0806154033' is not a valid 'vat': \
this kind of identifier is not known.
    """
    identifier_type = _TYPES_BY_SCHEME.get(scheme)
    if identifier_type is None:
        raise IdentifierError(scheme, raw if isinstance(raw, str) else repr(raw), "scheme")
    return identifier_type.parse(raw)


def guess_party_identifier(raw: str) -> PartyIdentifier:
    """Parse what was typed in a search box, guessing the scheme from its shape.

    ``OVO`` and 6 digits is an OVO code; 11 digits an INSZ; 9 digits, or 10 starting with 0 or 1, a KBO
    enterprise number (a ``BE`` prefix also means one); 10 digits starting with 2-8 an establishment unit.

    >>> guess_party_identifier("BE 0425.260.668")
    KboNumber(value='0425260668')
    >>> guess_party_identifier("85.07.30-033.28")
    Insz(value='85073003328')
    """
    scheme = "party"
    cleaned = _clean(raw, scheme, allow_letters="BEOV")
    if cleaned.startswith("OVO"):
        return OvoCode.parse(raw)
    if cleaned.startswith("BE"):
        return KboNumber.parse(raw)
    if not cleaned.isdigit():
        raise IdentifierError(scheme, raw, "format")
    if len(cleaned) == 11:
        return Insz.parse(raw)
    if len(cleaned) == 9 or (len(cleaned) == 10 and cleaned[0] in "01"):
        return KboNumber.parse(raw)
    if len(cleaned) == 10:
        if cleaned[0] in "2345678":
            return EstablishmentNumber.parse(raw)
        raise IdentifierError(scheme, raw, "first_digit")
    raise IdentifierError(scheme, raw, "length")


def make_kbo(body8: int) -> KboNumber:
    """Build the valid enterprise number whose first 8 digits are ``body8``, zero-padded (demo data, tests).

    >>> make_kbo(4115150)
    KboNumber(value='0411515075')
    """
    # First digit 0 or 1: the 8-digit body is below 20 000 000.
    if not 0 <= body8 < 2 * 10**7:
        raise ValueError(f"body8 must be in 0..19999999, not {body8}")
    return KboNumber(f"{body8:08d}{_mod97_check(body8):02d}")


def make_insz(birth: datetime.date, serial: int, bis: bool = False) -> Insz:
    """Build the valid INSZ of a person born on ``birth`` with ``serial`` (demo data, tests).

    ``serial`` is the 3-digit sequence number, 1..997 as the register hands them out (odd for men, even
    for women). A BIS number adds 40 to the month (a BIS number with the sex known).

    >>> make_insz(datetime.date(1985, 7, 30), 33).formatted
    '85.07.30-033.28'
    >>> make_insz(datetime.date(2003, 2, 14), 123, bis=True)
    Insz(value='03421412337')
    """
    if not 1900 <= birth.year <= 2099:
        raise ValueError(f"an INSZ encodes births from 1900 to 2099, not {birth.year}")
    if not 1 <= serial <= 997:
        raise ValueError(f"serial must be in 1..997, not {serial}")
    month = birth.month + 40 if bis else birth.month
    body = f"{birth.year % 100:02d}{month:02d}{birth.day:02d}{serial:03d}"
    # Births from 2000 on: "2" is prefixed to the 9 digits before taking the modulus.
    century_prefix = 2_000_000_000 if birth.year >= 2000 else 0
    return Insz(f"{body}{_mod97_check(century_prefix + int(body)):02d}")
