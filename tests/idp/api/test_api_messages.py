"""Every code the API can answer with has a message in nl, fr, de and en: the registry's own codes (its
error classes, the codes its services raise inline, every reason an identifier is refused) and the API's."""

from __future__ import annotations

import re
from pathlib import Path

import mandate_resolver.identifiers as identifiers
import mandate_resolver.registry as registry
from idp.api.messages import CONSENT_MESSAGES, MESSAGES
from mandate_resolver.registry.errors import RegistryError

LANGUAGES = {"nl", "fr", "de", "en"}


# The registry modules behind the API's operations (rights and administration have codes of their own).
API_SOURCES = ("errors.py", "authority.py", "lifecycle/*.py", "queries.py")


def registry_codes() -> set[str]:
    classes: list[type[RegistryError]] = [RegistryError]
    codes: set[str] = set()
    while classes:
        cls = classes.pop()
        if cls.__module__ == RegistryError.__module__:
            codes.add(cls.code)
        classes.extend(cls.__subclasses__())
    for pattern in API_SOURCES:
        sources = sorted(Path(registry.__file__).parent.glob(pattern))
        assert sources, pattern
        for source in sources:
            codes |= set(re.findall(r'\bcode="([a-z_]+\.[a-z_.]+)"', source.read_text(encoding="utf-8")))
    codes |= {f"identifier.{reason}" for reason in identifiers._REASON_TEXTS}
    return codes - {"registry.error"}


def test_every_api_message_has_all_four_languages() -> None:
    every = {**MESSAGES, **CONSENT_MESSAGES}
    assert {key: sorted(LANGUAGES - set(texts)) for key, texts in every.items() if set(texts) != LANGUAGES} == {}


def test_the_consent_screen_describes_the_api_scopes() -> None:
    from idp.i18n import MESSAGES as ALL_MESSAGES
    from idp.oidc.scopes import API_SCOPES

    assert all(f"oidc.scope.{scope}" in ALL_MESSAGES for scope in API_SCOPES)


def test_every_registry_code_has_a_message() -> None:
    codes = registry_codes()
    assert "mandate.extension_not_later" in codes and "identifier.checksum" in codes  # the scan finds them
    assert sorted(code for code in codes if f"api.problem.{code}" not in MESSAGES) == []


def test_placeholders_are_the_same_in_every_language() -> None:
    for key, texts in MESSAGES.items():
        placeholders = {language: set(re.findall(r"\{(\w+)\}", text)) for language, text in texts.items()}
        assert len({frozenset(p) for p in placeholders.values()}) == 1, key
