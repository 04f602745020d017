"""Tests of mandate_resolver.identifiers: published examples, formatting, properties of the check rules."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mandate_resolver.identifiers import (
    EstablishmentNumber,
    IdentifierError,
    Insz,
    KboNumber,
    OvoCode,
    PartyIdentifier,
    guess_party_identifier,
    make_insz,
    make_kbo,
    parse_party_identifier,
)

REPO_ROOT = Path(__file__).resolve().parents[2]
IDENTIFIER_TYPES = (Insz, KboNumber, EstablishmentNumber, OvoCode)
SCHEMES = ("insz", "kbo", "kbo_establishment", "ovo")

# Parties named in the seeds (see DOMAIN.md): Emmaüs, BAROCY, Broeders van Liefde, PARKWIND, IMEC.
SEED_KBO_NUMBERS = ("0411515075", "0806154033", "0406633304", "0844796259", "0425260668")

# Non-ASCII characters that Python calls digits or numbers; none may be taken for 0-9.
UNICODE_DIGITS = ("٠", "۰", "०", "੦", "߀", "０", "𝟎", "²", "½", "Ⅳ")


def _plain_insz_check(digits: str) -> int:
    return 97 - int(digits[:9]) % 97


# ---------------------------------------------------------------------------------------------- KBO


@pytest.mark.parametrize("raw", SEED_KBO_NUMBERS)
def test_kbo_accepts_seed_numbers(raw: str) -> None:
    number = KboNumber.parse(raw)
    assert number.value == raw
    assert number.scheme == "kbo"


@pytest.mark.parametrize(
    "raw",
    [
        "BE 0411.515.075",
        "BE0411515075",
        "be0411515075",
        "Be 0411 515 075",
        "0411.515.075",
        "0411-515-075",
        "0411/515.075",
        "411515075",  # the 9-digit form from before 2005
        "411.515.075",
        "  0411515075\t",
        "0411515075\r\n",  # the end of a CSV line
    ],
)
def test_kbo_accepts_human_formatting(raw: str) -> None:
    assert KboNumber.parse(raw) == KboNumber("0411515075")


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("0411515076", "checksum"),
        ("0411515057", "checksum"),  # swapped check digits
        ("0411515705", "checksum"),  # swapped body and check digit
        ("2411515075", "first_digit"),
        ("9411515075", "first_digit"),
        ("04115150755", "length"),
        ("041151507", "checksum"),  # 9 digits: read as 0041151507
        ("04115150", "length"),
        ("0411.515.07a", "format"),
        ("O411515075", "format"),  # letter O for zero
        ("B0411515075", "format"),
        ("E0411515075", "format"),
        ("0411515075BE", "format"),
        ("BE BE 0411515075", "format"),
        ("NL0411515075", "format"),
        ("0411\u00a0515\u00a0075", "format"),  # no-break space is not an ASCII space
        ("0411515075\x00", "format"),
        ("0x0411515075", "format"),
        ("+0411515075", "format"),
        ("", "empty"),
        ("   ", "empty"),
        ("BE", "format"),
        (". - /", "empty"),
        ("0" * 33, "length"),
        ("٠٤١١٥١٥٠٧٥", "digits"),
        ("０４１１５１５０７５", "digits"),
        ("0411515O75", "format"),
    ],
)
def test_kbo_rejects(raw: str, reason: str) -> None:
    with pytest.raises(IdentifierError) as caught:
        KboNumber.parse(raw)
    assert caught.value.reason == reason
    assert caught.value.scheme == "kbo"


@pytest.mark.parametrize("raw", SEED_KBO_NUMBERS)
def test_kbo_formatting_round_trips(raw: str) -> None:
    number = KboNumber.parse(raw)
    assert number.formatted == f"{raw[:4]}.{raw[4:7]}.{raw[7:]}"
    assert number.display == f"BE {number.formatted}"
    assert KboNumber.parse(number.formatted) == number
    assert KboNumber.parse(number.display) == number


def test_kbo_formatted_example() -> None:
    assert KboNumber.parse("0411515075").formatted == "0411.515.075"
    assert KboNumber.parse("0411515075").display == "BE 0411.515.075"


# ------------------------------------------------------------------------------ establishment units


@pytest.mark.parametrize("raw", ["2000000042", "2123456791", "3000000063", "2.123.456.791", "2 123 456 791"])
def test_establishment_accepts(raw: str) -> None:
    number = EstablishmentNumber.parse(raw)
    assert number.value == raw.replace(".", "").replace(" ", "")
    assert EstablishmentNumber.parse(number.formatted) == number


def test_establishment_formatted_example() -> None:
    assert EstablishmentNumber.parse("2123456791").formatted == "2.123.456.791"


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("2123456792", "checksum"),
        ("0411515075", "first_digit"),  # an enterprise number, not an establishment unit
        ("1000000000", "first_digit"),
        ("9000000042", "first_digit"),
        ("212345679", "length"),  # no 9-digit form for establishment units
        ("21234567911", "length"),
        ("BE 2123456791", "format"),  # establishment units have no VAT number
        ("2.123.456.79l", "format"),
        ("", "empty"),
        ("２１２３４５６７９１", "digits"),
    ],
)
def test_establishment_rejects(raw: str, reason: str) -> None:
    with pytest.raises(IdentifierError) as caught:
        EstablishmentNumber.parse(raw)
    assert caught.value.reason == reason
    assert caught.value.scheme == "kbo_establishment"


# --------------------------------------------------------------------------------------------- INSZ

# (number, is_bis, birth_century_2000, birth date); check digits computed with the rule in DOMAIN.md.
VALID_INSZ = [
    ("85073003328", False, False, datetime.date(1985, 7, 30)),
    ("03021412348", False, True, datetime.date(2003, 2, 14)),  # needs the "2" prefix
    ("85473003317", True, False, datetime.date(1985, 7, 30)),  # BIS, month + 40
    ("85273003371", True, False, datetime.date(1985, 7, 30)),  # BIS, month + 20
    ("03421412337", True, True, datetime.date(2003, 2, 14)),  # BIS + 40, born 2003
    ("03221412391", True, True, datetime.date(2003, 2, 14)),  # BIS + 20, born 2003
    ("85003003376", False, False, None),  # month 00: birth date unknown
    ("85070003355", False, False, None),  # day 00: birth date unknown
]


@pytest.mark.parametrize(("raw", "is_bis", "century_2000", "birth"), VALID_INSZ)
def test_insz_accepts(raw: str, is_bis: bool, century_2000: bool, birth: datetime.date | None) -> None:
    number = Insz.parse(raw)
    assert number.value == raw
    assert number.is_bis is is_bis
    assert number.birth_century_2000 is century_2000
    assert number.birth_date == birth
    # Both directions: exactly one of the two check rules gives these check digits.
    plain_ok = int(raw[9:]) == _plain_insz_check(raw)
    prefixed_ok = int(raw[9:]) == 97 - (2_000_000_000 + int(raw[:9])) % 97
    assert plain_ok is not century_2000
    assert prefixed_ok is century_2000


@pytest.mark.parametrize(
    "raw", ["85.07.30-033.28", "850730 033 28", "850730-033-28", "85 07 30 033 28", " 85073003328 "]
)
def test_insz_accepts_human_formatting(raw: str) -> None:
    assert Insz.parse(raw) == Insz("85073003328")


@pytest.mark.parametrize(("raw", "_is_bis", "_century_2000", "_birth"), VALID_INSZ)
def test_insz_formatting_round_trips(raw: str, _is_bis: bool, _century_2000: bool, _birth: object) -> None:
    number = Insz.parse(raw)
    assert Insz.parse(number.formatted) == number


def test_insz_formatted_example() -> None:
    assert Insz.parse("85073003328").formatted == "85.07.30-033.28"


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("85073003329", "checksum"),
        ("03021412349", "checksum"),
        ("85073003382", "checksum"),  # swapped check digits
        ("85073003238", "checksum"),
        ("85133003328", "month"),  # 13
        ("85193003328", "month"),  # 19: neither a register nor a BIS month
        ("85333003328", "month"),  # 33 = 13 + 20
        ("85393003328", "month"),
        ("85533003328", "month"),  # 53 = 13 + 40
        ("85993003328", "month"),
        ("85073203328", "day"),
        ("85079903328", "day"),
        ("8507300332", "length"),
        ("850730033280", "length"),
        ("85.07.30-033.2B", "format"),
        ("BE85073003328", "format"),
        ("", "empty"),
        ("٨٥٠٧٣٠٠٣٣٢٨", "digits"),
        ("8507300332８", "digits"),
    ],
)
def test_insz_rejects(raw: str, reason: str) -> None:
    with pytest.raises(IdentifierError) as caught:
        Insz.parse(raw)
    assert caught.value.reason == reason
    assert caught.value.scheme == "insz"


# ---------------------------------------------------------------------------------------------- OVO


@pytest.mark.parametrize("raw", ["OVO002949", "ovo002949", "Ovo002949", "OVO 002949", "OVO-002949", " OVO002949 "])
def test_ovo_accepts(raw: str) -> None:
    code = OvoCode.parse(raw)
    assert code == OvoCode("OVO002949")
    assert code.formatted == "OVO002949"
    assert OvoCode.parse(code.formatted) == code


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("OVO02949", "length"),
        ("OVO0029490", "length"),
        ("OVO", "format"),
        ("OV002949", "prefix"),
        ("002949", "prefix"),
        ("VOO002949", "prefix"),
        ("OVOOVO002949", "format"),
        ("OVO00294a", "format"),
        ("OVO０02949", "digits"),
        ("ОVО002949", "format"),  # Cyrillic O
        ("", "empty"),
    ],
)
def test_ovo_rejects(raw: str, reason: str) -> None:
    with pytest.raises(IdentifierError) as caught:
        OvoCode.parse(raw)
    assert caught.value.reason == reason
    assert caught.value.scheme == "ovo"


# ------------------------------------------------------------------------- all types: hostile input

ATTACK_INPUTS = [
    "0123456789' OR '1'='1",
    "0411515075' --",
    "0411515075; DROP TABLE mandates",
    "<script>alert(1)</script>",
    "${jndi:ldap://x/a}",
    "../../etc/passwd",
    "%30411515075",
    "0411515075\x00",
    "0411515075\u202e",
    "0411515075\u200b",
    "\ufeff0411515075",
    "1e10",
    "NaN",
    "None",
    "null",
    "0" * 10_000,
]


@pytest.mark.parametrize("identifier_type", IDENTIFIER_TYPES)
@pytest.mark.parametrize("raw", ATTACK_INPUTS)
def test_attack_inputs_are_rejected(identifier_type: type[PartyIdentifier], raw: str) -> None:
    with pytest.raises(IdentifierError):
        identifier_type.parse(raw)


@pytest.mark.parametrize("identifier_type", IDENTIFIER_TYPES)
@pytest.mark.parametrize("raw", [None, 411515075, b"0411515075", ["0411515075"]])
def test_non_text_is_rejected(identifier_type: type[PartyIdentifier], raw: object) -> None:
    with pytest.raises(IdentifierError) as caught:
        identifier_type.parse(raw)  # type: ignore[arg-type]
    assert caught.value.reason == "type"


@pytest.mark.parametrize("identifier_type", IDENTIFIER_TYPES)
def test_length_is_checked_first(identifier_type: type[PartyIdentifier]) -> None:
    with pytest.raises(IdentifierError) as caught:
        identifier_type.parse("٠" * 33)
    assert caught.value.reason == "length"


@pytest.mark.parametrize("digit", UNICODE_DIGITS)
@pytest.mark.parametrize("identifier_type", IDENTIFIER_TYPES)
def test_unicode_digits_are_rejected(identifier_type: type[PartyIdentifier], digit: str) -> None:
    with pytest.raises(IdentifierError) as caught:
        identifier_type.parse("OVO00294" + digit if identifier_type is OvoCode else "041151507" + digit)
    assert caught.value.reason == "digits"


@pytest.mark.parametrize(
    ("construct", "raw"),
    [
        (KboNumber, "0411515076"),
        (KboNumber, "BE0411515075"),  # the field holds the canonical form only
        (KboNumber, "411515075"),
        (Insz, "85.07.30-033.28"),
        (EstablishmentNumber, "0411515075"),
        (OvoCode, "ovo002949"),
    ],
)
def test_constructor_validates_canonical_form(construct: type[PartyIdentifier], raw: str) -> None:
    with pytest.raises(IdentifierError):
        construct(raw)


def test_values_are_frozen() -> None:
    number = KboNumber.parse("0411515075")
    with pytest.raises(dataclasses.FrozenInstanceError):
        number.value = "0806154033"  # type: ignore[misc]


# ---------------------------------------------------------------------------------- IdentifierError


def test_error_carries_codes_and_message() -> None:
    with pytest.raises(IdentifierError) as caught:
        KboNumber.parse("0411515076")
    error = caught.value
    assert isinstance(error, ValueError)
    assert (error.scheme, error.value, error.reason) == ("kbo", "0411515076", "checksum")
    assert error.message_key == "identifier.checksum"
    assert str(error) == "'0411515076' is not a valid KBO enterprise number: the check digits do not match."


def test_error_value_is_truncated() -> None:
    with pytest.raises(IdentifierError) as caught:
        Insz.parse("9" * 1000)
    assert caught.value.value == "9" * 64
    assert caught.value.reason == "length"
    assert len(str(caught.value)) < 200


def test_error_message_escapes_control_characters() -> None:
    with pytest.raises(IdentifierError) as caught:
        KboNumber.parse("04115\n15075 x")
    assert "\n" not in str(caught.value)


# ------------------------------------------------------------------------- dispatch and guess


@pytest.mark.parametrize(
    ("scheme", "raw", "expected"),
    [
        ("insz", "85.07.30-033.28", Insz("85073003328")),
        ("kbo", "BE 0806.154.033", KboNumber("0806154033")),
        ("kbo_establishment", "2.123.456.791", EstablishmentNumber("2123456791")),
        ("ovo", "ovo002949", OvoCode("OVO002949")),
    ],
)
def test_parse_party_identifier_dispatches(scheme: str, raw: str, expected: object) -> None:
    assert parse_party_identifier(scheme, raw) == expected


@pytest.mark.parametrize("scheme", ["vat", "KBO", "", "kbo ", "insz\x00"])
def test_parse_party_identifier_rejects_unknown_scheme(scheme: str) -> None:
    with pytest.raises(IdentifierError) as caught:
        parse_party_identifier(scheme, "0411515075")
    assert caught.value.reason == "scheme"
    assert caught.value.message_key == "identifier.scheme"


def test_parse_party_identifier_checks_the_scheme_it_was_given() -> None:
    with pytest.raises(IdentifierError) as caught:
        parse_party_identifier("kbo_establishment", "0411515075")
    assert caught.value.reason == "first_digit"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("85073003328", Insz("85073003328")),
        ("85.07.30-033.28", Insz("85073003328")),
        ("0411515075", KboNumber("0411515075")),
        ("411515075", KboNumber("0411515075")),
        ("BE 0425.260.668", KboNumber("0425260668")),
        ("be0806154033", KboNumber("0806154033")),
        ("2.123.456.791", EstablishmentNumber("2123456791")),
        ("OVO002949", OvoCode("OVO002949")),
        ("ovo 002949", OvoCode("OVO002949")),
    ],
)
def test_guess_party_identifier(raw: str, expected: object) -> None:
    assert guess_party_identifier(raw) == expected


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("9000000042", "first_digit"),
        ("04115150", "length"),
        ("041151507500", "length"),
        ("0411515076", "checksum"),
        ("85073003329", "checksum"),
        ("Emmaüs", "format"),
        ("BEOVO002949", "format"),
        ("", "empty"),
        ("０４１１５１５０７５", "digits"),
    ],
)
def test_guess_party_identifier_rejects(raw: str, reason: str) -> None:
    with pytest.raises(IdentifierError) as caught:
        guess_party_identifier(raw)
    assert caught.value.reason == reason


# ---------------------------------------------------------------------------------------- makers


def test_make_kbo_gives_seed_number() -> None:
    assert make_kbo(4115150) == KboNumber("0411515075")
    assert make_kbo(4252606) == KboNumber("0425260668")


def test_make_insz_gives_examples() -> None:
    assert make_insz(datetime.date(1985, 7, 30), 33) == Insz("85073003328")
    assert make_insz(datetime.date(2003, 2, 14), 123) == Insz("03021412348")
    assert make_insz(datetime.date(1985, 7, 30), 33, bis=True) == Insz("85473003317")


@pytest.mark.parametrize("body8", [-1, 2 * 10**7, 10**8])
def test_make_kbo_rejects_out_of_range(body8: int) -> None:
    with pytest.raises(ValueError, match="body8"):
        make_kbo(body8)


@pytest.mark.parametrize(
    ("birth", "serial"),
    [
        (datetime.date(1899, 12, 31), 1),
        (datetime.date(2100, 1, 1), 1),
        (datetime.date(1985, 7, 30), 0),
        (datetime.date(1985, 7, 30), 998),
    ],
)
def test_make_insz_rejects_out_of_range(birth: datetime.date, serial: int) -> None:
    with pytest.raises(ValueError, match=r"must be in|encodes births"):
        make_insz(birth, serial)


# ---------------------------------------------------------------------------------- properties


@given(st.integers(min_value=0, max_value=2 * 10**7 - 1))
def test_property_make_kbo_parses_and_any_single_digit_change_is_rejected(body8: int) -> None:
    number = make_kbo(body8)
    assert KboNumber.parse(number.value) == number
    assert KboNumber.parse(number.display) == number
    # Mod 97 catches every single-digit change, in the check digits and in the body alike.
    for position in range(10):
        for digit in "0123456789":
            if digit == number.value[position]:
                continue
            changed = number.value[:position] + digit + number.value[position + 1 :]
            with pytest.raises(IdentifierError) as caught:
                KboNumber.parse(changed)
            if position >= 8:
                assert caught.value.reason == "checksum"


@given(
    st.dates(min_value=datetime.date(1900, 1, 1), max_value=datetime.date(2099, 12, 31)),
    st.integers(min_value=1, max_value=997),
    st.booleans(),
)
def test_property_make_insz_parses(birth: datetime.date, serial: int, bis: bool) -> None:
    number = make_insz(birth, serial, bis=bis)
    assert Insz.parse(number.value) == number
    assert Insz.parse(number.formatted) == number
    assert number.is_bis is bis
    assert number.birth_century_2000 is (birth.year >= 2000)
    assert number.birth_date == birth
    # A change of one check digit is rejected, unless it happens to give the other century's check
    # digits: the two rules never agree, so the number then reads as a birth in the other century.
    for position in (9, 10):
        for digit in "0123456789":
            if digit == number.value[position]:
                continue
            changed = number.value[:position] + digit + number.value[position + 1 :]
            try:
                other = Insz.parse(changed)
            except IdentifierError as error:
                assert error.reason == "checksum"
            else:
                assert other.birth_century_2000 is not number.birth_century_2000


_NEAR_MISS_TEXT = st.text(alphabet="0123456789 .-/BEOVbeov\t٠０", max_size=20)


@given(st.sampled_from(IDENTIFIER_TYPES), st.one_of(st.text(), _NEAR_MISS_TEXT))
def test_property_parse_raises_only_identifier_error(identifier_type: type[PartyIdentifier], raw: str) -> None:
    try:
        result = identifier_type.parse(raw)
    except IdentifierError:
        return
    assert type(result) is identifier_type
    assert type(result).parse(result.formatted) == result


@given(st.sampled_from((*SCHEMES, "other")), st.one_of(st.text(), _NEAR_MISS_TEXT))
def test_property_dispatch_raises_only_identifier_error(scheme: str, raw: str) -> None:
    with contextlib.suppress(IdentifierError):
        parse_party_identifier(scheme, raw)
    with contextlib.suppress(IdentifierError):
        guess_party_identifier(raw)


@given(
    st.sampled_from(("0411515075", "85073003328", "2123456791", "OVO002949")),
    st.characters(categories=["Nd"]).filter(lambda char: char not in "0123456789"),
    st.data(),
)
def test_property_unicode_digits_are_rejected(valid: str, unicode_digit: str, data: st.DataObject) -> None:
    digit_positions = [i for i, char in enumerate(valid) if char.isdigit()]
    position = data.draw(st.sampled_from(digit_positions))
    raw = valid[:position] + unicode_digit + valid[position + 1 :]
    with pytest.raises(IdentifierError) as caught:
        guess_party_identifier(raw)
    assert caught.value.reason == "digits"
    for identifier_type in IDENTIFIER_TYPES:
        with pytest.raises(IdentifierError) as caught:
            identifier_type.parse(raw)
        assert caught.value.reason == "digits"


# ------------------------------------------------------------------------------- no framework


def test_identifiers_import_no_framework() -> None:
    # STYLE rule 3: mandate_resolver never imports Flask or Werkzeug.
    code = (
        "import sys, mandate_resolver.identifiers; "
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in {'flask', 'werkzeug'}); "
        "sys.exit(str(bad) if bad else 0)"
    )
    subprocess.run([sys.executable, "-c", code], cwd=REPO_ROOT, check=True)
