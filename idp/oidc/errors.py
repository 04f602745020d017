"""Protocol errors: each carries its OAuth error code, its HTTP status, and whether it may be sent back
to the relying party's redirect URI (STYLE.md rule 7).

An error that is not ``redirectable`` is shown on our own error page: we never send a browser to a
redirect URI we could not verify (RFC 9700 §4.11, open redirector).

The token, introspection and revocation endpoints answer with Authlib's errors (``server``); the errors
our storage raises there (``tokens``) are turned into Authlib's by ``server._oauth_error``.
"""

from __future__ import annotations

# ruff: noqa: N818 - the names are the protocol's own error codes (invalid_grant → InvalidGrant)


class OidcError(Exception):
    error = "invalid_request"
    status = 400
    redirectable = True

    def __init__(self, description: str = "") -> None:
        super().__init__(description or self.error)
        self.description = description


class InvalidRequest(OidcError):
    error = "invalid_request"


class UnknownClient(OidcError):
    # RFC 6749 §4.1.2.1: an unknown client or a bad redirect URI must not redirect.
    error = "invalid_request"
    redirectable = False


class UnregisteredRedirectUri(OidcError):
    error = "invalid_request"
    redirectable = False


class UnsupportedResponseType(OidcError):
    error = "unsupported_response_type"


class InvalidScope(OidcError):
    error = "invalid_scope"


class RequestNotSupported(OidcError):
    error = "request_not_supported"


class RequestUriNotSupported(OidcError):
    error = "request_uri_not_supported"


class LoginRequired(OidcError):
    error = "login_required"


class ConsentRequired(OidcError):
    # Core §3.1.2.6: prompt=none, but the person would have to be asked.
    error = "consent_required"


class AccessDenied(OidcError):
    # RFC 6749 §4.1.2.1: the person said no.
    error = "access_denied"


class InvalidClient(OidcError):
    error = "invalid_client"
    status = 401
    redirectable = False


class InvalidGrant(OidcError):
    error = "invalid_grant"
    redirectable = False


class TemporarilyUnavailable(OidcError):
    """A source needed to answer (the resolver chain) could not; nothing is issued from partial data."""

    error = "temporarily_unavailable"
    status = 503
    redirectable = False
