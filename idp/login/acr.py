"""Levels of assurance: each authentication means maps to an ``acr`` (OIDC) and an AuthnContext (SAML).

The values are the eIDAS levels of assurance, which Belgian and EU relying parties already know. An
application may demand a minimum (``ApplicationLoginPolicy.min_acr``); a request may demand one too
(OIDC ``acr_values``, SAML ``RequestedAuthnContext``). The strictest demand wins.

>>> level_of(ACR_SUBSTANTIAL) > level_of(ACR_LOW)
True
>>> required_level(["urn:oasis:names:tc:SAML:2.0:ac:classes:TimeSyncToken"], "")
2
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

ACR_LOW: Final = "http://eidas.europa.eu/LoA/low"
ACR_SUBSTANTIAL: Final = "http://eidas.europa.eu/LoA/substantial"
ACR_HIGH: Final = "http://eidas.europa.eu/LoA/high"

LEVELS: Final[dict[str, int]] = {ACR_LOW: 1, ACR_SUBSTANTIAL: 2, ACR_HIGH: 3}

# SAML 2.0 authentication context classes (saml-authn-context-2.0-os) by level, for the SAML layer.
SAML_AUTHN_CONTEXT: Final[dict[str, str]] = {
    ACR_LOW: "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport",
    ACR_SUBSTANTIAL: "urn:oasis:names:tc:SAML:2.0:ac:classes:TimeSyncToken",
    ACR_HIGH: "urn:oasis:names:tc:SAML:2.0:ac:classes:Smartcard",
}
_SAML_LEVELS: Final[dict[str, int]] = {
    "urn:oasis:names:tc:SAML:2.0:ac:classes:Password": 1,
    "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport": 1,
    "urn:oasis:names:tc:SAML:2.0:ac:classes:unspecified": 1,
    "urn:oasis:names:tc:SAML:2.0:ac:classes:TimeSyncToken": 2,
    "urn:oasis:names:tc:SAML:2.0:ac:classes:MobileTwoFactorContract": 2,
    "urn:oasis:names:tc:SAML:2.0:ac:classes:Smartcard": 3,
    "urn:oasis:names:tc:SAML:2.0:ac:classes:SmartcardPKI": 3,
}

# RFC 8176 authentication method references per means.
AMR_PASSWORD: Final = ("pwd",)
AMR_PASSWORD_TOTP: Final = ("pwd", "otp", "mfa")
AMR_PASSWORD_RECOVERY: Final = ("pwd", "kba", "mfa")
AMR_PASSKEY: Final = ("hwk", "user", "mfa")
AMR_FEDERATED: Final = ("fed",)


def level_of(acr: str) -> int:
    """The level of an ``acr`` or SAML class reference; 0 for anything unknown."""
    return LEVELS.get(acr) or _SAML_LEVELS.get(acr, 0)


def required_level(requested: Iterable[str], application_minimum: str) -> int:
    """The level a login must reach: the application's minimum, raised by the request's demand.

    A request lists acceptable values; the lowest known one is what it accepts at least.
    """
    known = [level_of(value) for value in requested if level_of(value)]
    return max(min(known, default=0), level_of(application_minimum))


def acr_for_level(level: int) -> str:
    return {1: ACR_LOW, 2: ACR_SUBSTANTIAL, 3: ACR_HIGH}.get(level, ACR_LOW)
