"""SAML errors: each says whether it may be answered with a ``Response`` to the SP's registered ACS.

An error before the ACS is known (unknown issuer, bad ACS, bad signature, unreadable message) is an error
page and nothing is sent anywhere (S01-S15). After the request is validated, a refusal the SP should hear
about (NoPassive, InvalidNameIDPolicy, NoAuthnContext) is a signed ``Response`` with that status.
"""

from __future__ import annotations

from typing import ClassVar

STATUS_REQUESTER = "urn:oasis:names:tc:SAML:2.0:status:Requester"
STATUS_RESPONDER = "urn:oasis:names:tc:SAML:2.0:status:Responder"
STATUS_NO_PASSIVE = "urn:oasis:names:tc:SAML:2.0:status:NoPassive"
STATUS_INVALID_NAME_ID_POLICY = "urn:oasis:names:tc:SAML:2.0:status:InvalidNameIDPolicy"
STATUS_NO_AUTHN_CONTEXT = "urn:oasis:names:tc:SAML:2.0:status:NoAuthnContext"
STATUS_REQUEST_DENIED = "urn:oasis:names:tc:SAML:2.0:status:RequestDenied"
STATUS_AUTHN_FAILED = "urn:oasis:names:tc:SAML:2.0:status:AuthnFailed"


class SamlError(Exception):
    """A request we refuse with an error page (never a message to a URL from the request)."""

    status: ClassVar[int] = 400
    redirectable: ClassVar[bool] = False


class MessageTooLargeError(SamlError):
    status = 413


class UnknownServiceProviderError(SamlError):
    """S03: no Issuer, or an Issuer with no registered metadata."""


class InvalidSignatureError(SamlError):
    """S04, S06, S08: signature missing where required, or not valid with the metadata's keys."""


class ReplayedRequestError(SamlError):
    """S12: a request ID seen before."""


class InvalidAssertionConsumerServiceError(SamlError):
    """S01, S02: an ACS URL, index or binding not in the SP's metadata."""


class SamlStatusError(Exception):
    """A refusal sent to the SP as a signed ``Response`` carrying ``top``/``second`` status codes."""

    redirectable: ClassVar[bool] = True

    def __init__(self, second: str, message: str = "", top: str = STATUS_REQUESTER) -> None:
        super().__init__(message or second)
        self.top = top
        self.second = second
        # The validated part of the request (a ValidatedRequest): where to send the refusal.
        self.request: object = None
