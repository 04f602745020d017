"""The token, userinfo, introspection and revocation endpoints on Authlib's server side, over our own storage.

Authlib (``authlib.integrations.flask_oauth2.AuthorizationServer``) runs the protocol: it picks the grant,
authenticates the client (``client_secret_basic``, ``client_secret_post``, ``private_key_jwt`` through
``JWTBearerClientAssertion``), checks PKCE (``CodeChallenge``), adds the ID token (``OpenIDCode``),
rotates refresh tokens (``RefreshTokenGrant``) and answers userinfo (``UserInfoEndpoint`` behind a
``ResourceProtector``), introspection (RFC 7662) and revocation (RFC 7009). The hooks it calls are
implemented here over ``tokens`` and the SQLAlchemy models, so single use stays a conditional UPDATE in
the database (any worker, any number of them):

- ``query_authorization_code`` *claims* the code before anything else is checked (``tokens.claim_code``);
  a lost race or a replay revokes the grant, and the code is burned even when the rest of the request
  is wrong. ``delete_authorization_code`` therefore has nothing left to do.
- ``authenticate_refresh_token`` claims the refresh token the same way (``tokens.claim_refresh_token``),
  after checking it belongs to the client; ``revoke_old_credential`` has nothing left to do.

    server = authorization_server(app)          # once, at start-up
    return server.create_token_response()       # in the /token view
"""

from __future__ import annotations

import datetime as dt
import hmac
import re
import secrets
from collections.abc import Mapping
from typing import Any, ClassVar, cast

from authlib.integrations.flask_oauth2 import AuthorizationServer, ResourceProtector
from authlib.oauth2 import OAuth2Error
from authlib.oauth2.rfc6749 import (
    AuthorizationCodeMixin,
    ClientMixin,
    InvalidClientError,
    InvalidGrantError,
    InvalidRequestError,
    OAuth2Payload,
    OAuth2Request,
    TokenMixin,
    UnauthorizedClientError,
    grants,
)
from authlib.oauth2.rfc6750 import BearerTokenGenerator, BearerTokenValidator, InvalidTokenError
from authlib.oauth2.rfc7009 import RevocationEndpoint
from authlib.oauth2.rfc7523 import JWTBearerClientAssertion
from authlib.oauth2.rfc7636 import CodeChallenge
from authlib.oauth2.rfc7662 import IntrospectionEndpoint
from authlib.oidc.core import UserInfoEndpoint
from authlib.oidc.core.grants import OpenIDCode, OpenIDToken
from flask import Flask, current_app
from flask import request as flask_request
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import Key, KeySet
from sqlalchemy.exc import IntegrityError
from werkzeug.datastructures import MultiDict
from werkzeug.wrappers import Response

from mandate_resolver.registry.models import as_utc, utcnow

from ..database import db_session
from ..settings import Settings
from .client_auth import ASSERTION_ALGORITHMS, MAX_ASSERTION_LIFETIME, check_single_method, client_keys
from .clients import check_secret, find_client
from .errors import OidcError
from .models import OidcAssertionJti, OidcClient, OidcGrant, OidcToken
from .signing import signing_key
from .tokens import (
    StillHolds,
    TokenPolicy,
    claim_code,
    claim_refresh_token,
    digest,
    find_token,
    revoke_grant,
    subject_for,
    token_revoked,
    userinfo_claims,
)

PRIVATE_KEY_JWT = "private_key_jwt"
TOKEN_AUTH_METHODS = ["client_secret_basic", "client_secret_post", PRIVATE_KEY_JWT, "none"]
# Introspection and revocation: a public client ("none") proves nothing, so it may not call them.
MANAGEMENT_AUTH_METHODS = ["client_secret_basic", "client_secret_post", PRIVATE_KEY_JWT]
# RFC 6749 §3.2: token request parameters are sent once; a repeated one is invalid_request.
SINGLE_PARAMETERS = (
    "grant_type", "code", "redirect_uri", "code_verifier", "refresh_token", "scope", "client_id",
    "client_secret", "client_assertion", "client_assertion_type", "token", "token_type_hint",
)  # fmt: skip
# Claims the ID token sets itself; claims stored on the grant never replace them.
RESERVED_ID_TOKEN_CLAIMS = frozenset({"iss", "sub", "aud", "azp", "iat", "exp", "auth_time", "nonce", "at_hash", "sid"})


def _settings() -> Settings:
    settings: Settings = current_app.extensions["idp.settings"]
    return settings


def token_policy() -> TokenPolicy:
    s = _settings()
    t = s.tokens
    return TokenPolicy(s.issuer, t.code_ttl_s, t.access_token_ttl_s, t.id_token_ttl_s, t.refresh_token_ttl_s)


def _oauth_error(exc: OidcError) -> OAuth2Error:
    """Our storage's errors (``tokens``) as Authlib errors, so Authlib answers them."""
    error = OAuth2Error(description=exc.description or None, status_code=exc.status, error=exc.error)
    return error


# --- the models, as Authlib sees them -------------------------------------------------------------


class OAuthClient(ClientMixin):  # type: ignore[misc]
    """Authlib's view of a registered client (``ClientMixin``), over an ``OidcClient`` row."""

    def __init__(self, row: OidcClient) -> None:
        self.row = row
        self.client_id = row.client_id
        # Read by OpenIDToken.get_client_algorithm (OpenID Connect Registration §2).
        self.id_token_signed_response_alg = row.id_token_signed_response_alg
        # Read by UserInfoEndpoint: no userinfo_signed_response_alg, so userinfo answers plain JSON.
        self.client_metadata: dict[str, object] = {}

    def get_client_id(self) -> str:
        return self.client_id

    def get_default_redirect_uri(self) -> str | None:
        # Core §3.1.2.1: only when exactly one URI is registered may the request leave it out.
        return self.row.redirect_uris[0] if len(self.row.redirect_uris) == 1 else None

    def get_allowed_scope(self, scope: str | None) -> str:
        if not scope:
            return ""
        return " ".join(s for s in dict.fromkeys(scope.split()) if s in self.row.scopes)

    def check_redirect_uri(self, redirect_uri: str) -> bool:
        return redirect_uri in self.row.redirect_uris  # RFC 9700 §2.1: exact string match

    def check_client_secret(self, client_secret: str) -> bool:
        return check_secret(self.row, client_secret)  # O25: constant-time compare of digests

    def check_endpoint_auth_method(self, method: str, endpoint: str) -> bool:
        # Only the registered method, at every endpoint, even with a good secret (O25).
        return method == self.row.auth_method

    def check_response_type(self, response_type: str) -> bool:
        return response_type == "code"  # O06: no implicit, no hybrid

    def check_grant_type(self, grant_type: str) -> bool:
        return grant_type in self.row.grant_types


class AuthorizationCode(AuthorizationCodeMixin):  # type: ignore[misc]
    """A claimed authorization code and its grant (``AuthorizationCodeMixin``, read by CodeChallenge and
    OpenIDCode)."""

    def __init__(self, redirect_uri: str, code_challenge: str, code_challenge_method: str, grant: OidcGrant) -> None:
        self.redirect_uri = redirect_uri
        self.code_challenge = code_challenge
        self.code_challenge_method = code_challenge_method
        self.grant = grant

    def get_redirect_uri(self) -> str:
        return self.redirect_uri

    def get_scope(self) -> str:
        return self.grant.scope

    def get_nonce(self) -> str | None:
        return self.grant.nonce or None

    def get_auth_time(self) -> int:
        return int(as_utc(self.grant.auth_time).timestamp())

    def get_acr(self) -> str | None:
        return None  # acr and amr travel with the grant's stored claims

    def get_amr(self) -> list[str] | None:
        return None


class TokenRecord(TokenMixin):  # type: ignore[misc]
    """An access or refresh token row and its grant (``TokenMixin``)."""

    def __init__(self, row: OidcToken, grant: OidcGrant | None) -> None:
        self.row = row
        self.grant = grant
        self.scope = row.scope  # read by UserInfoEndpoint

    def check_client(self, client: OAuthClient) -> bool:
        return hmac.compare_digest(self.row.client_id, client.client_id)

    def get_scope(self) -> str:
        return self.row.scope

    def get_expires_in(self) -> int:
        return int((as_utc(self.row.expires_at) - as_utc(self.row.issued_at)).total_seconds())

    def is_expired(self) -> bool:
        return as_utc(self.row.expires_at) <= utcnow()

    def is_revoked(self) -> bool:
        return token_revoked(self.row, self.grant)

    def get_user(self) -> OidcGrant | None:
        return self.grant

    def get_client(self) -> OAuthClient | None:
        found = find_client(db_session(), self.row.client_id)
        return OAuthClient(found) if found else None


# --- the request ----------------------------------------------------------------------------------


class FormPayload(OAuth2Payload):  # type: ignore[misc]
    """The form body only: RFC 6749 §3.2 token requests carry their parameters in the body, never the query."""

    def __init__(self, form: MultiDict[str, str]) -> None:
        self._form = form

    @property
    def data(self) -> MultiDict[str, str]:
        return self._form

    @property
    def datalist(self) -> dict[str, list[str]]:
        return {key: self._form.getlist(key) for key in self._form}


class IdpRequest(OAuth2Request):  # type: ignore[misc]
    """The Flask request for Authlib, at its public address (the issuer): behind a TLS-terminating proxy
    ``request.url`` says http, and Authlib refuses plain http (RFC 6749 §1.6)."""

    def __init__(self, issuer: str) -> None:
        super().__init__(method=flask_request.method, uri=issuer + flask_request.path, headers=flask_request.headers)
        self._request = flask_request
        self.payload = FormPayload(flask_request.form)

    @property
    def args(self) -> MultiDict[str, str]:
        return self._request.args

    @property
    def form(self) -> MultiDict[str, str]:
        return self._request.form


# --- client authentication: RFC 7523 private_key_jwt ------------------------------------------------


class ClientAssertion(JWTBearerClientAssertion):  # type: ignore[misc]
    """private_key_jwt (RFC 7523 §2.2, Core §9) on Authlib, with our rules on top: RS256, ES256 or PS256
    only; ``exp`` in the future and at most an hour away; every ``jti`` once, in the database."""

    CLIENT_AUTH_METHOD = PRIVATE_KEY_JWT

    def __init__(self) -> None:
        # The leeway only forgives a relying party's clock running a little ahead (iat); exp is checked
        # strictly in verify_claims.
        super().__init__(validate_jti=True, leeway=30)

    def __call__(self, query_client: Any, request: OAuth2Request) -> OAuthClient | None:
        assertion = request.form.get("client_assertion", "")
        if len(assertion) > 8000:
            raise InvalidClientError(status_code=401, description="client_assertion is too long")
        client = cast(OAuthClient | None, super().__call__(query_client, request))
        form_client_id = request.form.get("client_id")
        if client is not None and form_client_id and form_client_id != client.client_id:
            raise InvalidRequestError("client_id does not match the client assertion")
        return client

    def get_audiences(self) -> list[str]:
        issuer = _settings().issuer
        # RFC 7523 §3: the audience is this server: the endpoint called, the token endpoint or the issuer.
        return list(dict.fromkeys([issuer + flask_request.path, issuer + "/token", issuer]))

    def resolve_client_public_key(self, client: OAuthClient) -> KeySet:
        try:
            return client_keys(client.row)
        except OidcError as exc:
            raise InvalidClientError(status_code=401, description=exc.description) from None

    def process_assertion_claims(self, assertion: str, resolve_key: Key | KeySet) -> dict[str, object]:
        try:
            token = jwt.decode(assertion, resolve_key, algorithms=ASSERTION_ALGORITHMS)
        except (JoseError, ValueError, TypeError):
            raise InvalidClientError(status_code=401, description="client_assertion signature is not valid") from None
        self.verify_claims(token.claims)
        return dict(token.claims)

    def verify_claims(self, claims: dict[str, Any]) -> None:
        expires, jti = claims.get("exp"), claims.get("jti")
        if not isinstance(expires, int) or not isinstance(jti, str) or not jti or len(jti) > 255:
            raise InvalidClientError(status_code=401, description="client_assertion needs exp and jti")
        expires_at = dt.datetime.fromtimestamp(expires, dt.UTC)
        now = utcnow()
        # The jti table keeps ids until their exp: a longer-lived assertion could outlive its record.
        if expires_at <= now or expires_at > now + MAX_ASSERTION_LIFETIME:
            raise InvalidClientError(status_code=401, description="client_assertion has expired or lives too long")
        super().verify_claims(claims)  # iss = sub (RFC 7523 §3), aud, exp, then validate_jti

    def validate_jti(self, claims: Mapping[str, Any], jti: str) -> bool:
        """RFC 7523 §3: a jti is accepted once; the primary key decides between concurrent requests."""
        db = db_session()
        expires_at = dt.datetime.fromtimestamp(int(claims["exp"]), dt.UTC)
        try:
            with db.begin_nested():
                db.add(OidcAssertionJti(client_id=str(claims["sub"]), jti=jti, expires_at=expires_at))
            db.commit()
        except IntegrityError:
            db.rollback()
            return False
        return True


# --- the grants -----------------------------------------------------------------------------------


class AuthorizationCodeGrant(grants.AuthorizationCodeGrant):  # type: ignore[misc]
    """RFC 6749 §4.1 at the token endpoint, over ``oidc_authorization_codes``. Codes are issued by the
    login journey (``views.resume``), not here: see docs/oidc.md for why."""

    TOKEN_ENDPOINT_AUTH_METHODS = TOKEN_AUTH_METHODS

    def query_authorization_code(self, code: str, client: OAuthClient) -> AuthorizationCode:
        redirect_uri = self.request.form.get("redirect_uri", "")
        try:
            claimed = claim_code(db_session(), client.row, code, redirect_uri=redirect_uri, now=utcnow())
        except OidcError as exc:
            raise _oauth_error(exc) from None
        return AuthorizationCode(
            claimed.redirect_uri, claimed.code_challenge, claimed.code_challenge_method, claimed.grant
        )

    def delete_authorization_code(self, authorization_code: AuthorizationCode) -> None:
        """Nothing to do: query_authorization_code already used the code up (claim first, check after)."""

    def authenticate_user(self, authorization_code: AuthorizationCode) -> OidcGrant:
        # The "user" Authlib hands to the token generator and the ID token is the grant: who, when, which claims.
        return authorization_code.grant

    def save_authorization_code(self, code: str, request: OAuth2Request) -> None:
        raise NotImplementedError("codes are issued by the login journey (views.resume)")


class RefreshTokenGrant(grants.RefreshTokenGrant):  # type: ignore[misc]
    """RFC 6749 §6 with rotation (RFC 9700 §4.14.2): every use issues a new refresh token and uses the old
    one up; presenting a used one revokes the grant and every token it produced."""

    TOKEN_ENDPOINT_AUTH_METHODS = TOKEN_AUTH_METHODS
    INCLUDE_NEW_REFRESH_TOKEN = True

    def authenticate_refresh_token(self, refresh_token: str) -> TokenRecord | None:
        client: OAuthClient = self.request.client
        still_holds: StillHolds = current_app.extensions["idp.oidc.still_holds"]
        try:
            claimed = claim_refresh_token(
                db_session(), client.row, refresh_token, now=utcnow(), still_holds=still_holds
            )
        except OidcError as exc:
            raise _oauth_error(exc) from None
        return TokenRecord(claimed.token, claimed.grant)

    def authenticate_user(self, refresh_token: TokenRecord) -> OidcGrant | None:
        return refresh_token.grant

    def revoke_old_credential(self, refresh_token: TokenRecord) -> None:
        """Nothing to do: authenticate_refresh_token already used the old token up."""


class ClientCredentialsRefused(grants.ClientCredentialsGrant):  # type: ignore[misc]
    """O32: client_credentials is known but no client may use it (there is no user to speak for)."""

    TOKEN_ENDPOINT_AUTH_METHODS = TOKEN_AUTH_METHODS

    def validate_token_request(self) -> None:
        self.authenticate_token_endpoint_client()
        raise UnauthorizedClientError("this client is not registered for client_credentials")


class S256CodeChallenge(CodeChallenge):  # type: ignore[misc]
    """PKCE (RFC 7636) with S256 only: RFC 9700 §2.1.1, plain is refused."""

    SUPPORTED_CODE_CHALLENGE_METHOD: ClassVar[list[str]] = ["S256"]
    DEFAULT_CODE_CHALLENGE_METHOD = "S256"
    VERIFIER = re.compile(r"^[A-Za-z0-9\-._~]{43,128}$")  # RFC 7636 §4.1

    def validate_code_verifier(self, grant: Any, result: Any) -> None:
        verifier = grant.request.form.get("code_verifier")
        if verifier and not S256CodeChallenge.VERIFIER.match(verifier):
            # RFC 7636 §4.6: a verifier that cannot match is invalid_grant (the code is already burned).
            raise InvalidGrantError("code_verifier is malformed")
        super().validate_code_verifier(grant, result)


class IdTokenClaims:
    """How our ID token is made (Core §2, §3.1.3.6), shared by the code and the refresh grant."""

    def resolve_client_private_key(self, client: OAuthClient) -> Key:
        return signing_key(client.row.id_token_signed_response_alg)[1]

    def get_encode_header(self, client: OAuthClient) -> dict[str, str]:
        alg = client.row.id_token_signed_response_alg
        return {"alg": alg, "kid": signing_key(alg)[0], "typ": "JWT"}

    def get_client_claims(self, client: OAuthClient) -> dict[str, object]:
        policy = token_policy()
        now = int(utcnow().timestamp())
        return {
            "iss": policy.issuer,
            "aud": client.client_id,
            "azp": client.client_id,
            "iat": now,
            "exp": now + policy.id_token_ttl_s,
        }

    def generate_user_info(self, user: OidcGrant, scope: str) -> dict[str, object]:
        client = find_client(db_session(), user.client_id)
        if client is None:
            raise InvalidClientError(status_code=401, description="the client is no longer registered")
        claims: dict[str, object] = {
            "sub": subject_for(db_session(), client, user.user_id),
            "auth_time": int(as_utc(user.auth_time).timestamp()),
        }
        if user.sid:
            claims["sid"] = user.sid
        stored = user.claims.get("id_token")
        if isinstance(stored, Mapping):
            claims.update({k: v for k, v in stored.items() if k not in RESERVED_ID_TOKEN_CLAIMS})
        return claims


class IdTokenForCode(IdTokenClaims, OpenIDCode):  # type: ignore[misc]
    """OpenIDCode: the ID token of the code grant, with the nonce of the authorization request."""

    def get_authorization_code_claims(self, authorization_code: AuthorizationCode) -> dict[str, object]:
        nonce = authorization_code.get_nonce()
        return {"nonce": nonce} if nonce else {}

    def exists_nonce(self, nonce: str, request: OAuth2Request) -> bool:
        return False  # nonces are the relying party's to check (Core §3.1.3.7); codes are single use anyway


class IdTokenOnRefresh(IdTokenClaims, OpenIDToken):  # type: ignore[misc]
    """A fresh ID token on refresh (Core §12.2), without a nonce: no authorization request sent one."""


# --- introspection and revocation -----------------------------------------------------------------


def _query_token(token_string: str) -> TokenRecord | None:
    found = find_token(db_session(), token_string)
    return TokenRecord(found[0], found[1]) if found else None


class Introspection(IntrospectionEndpoint):  # type: ignore[misc]
    """RFC 7662 for the client that owns the token; anything else is ``{"active": false}``."""

    CLIENT_AUTH_METHODS = MANAGEMENT_AUTH_METHODS

    def query_token(self, token_string: str, token_type_hint: str | None) -> TokenRecord | None:
        return _query_token(token_string)

    def check_permission(self, token: TokenRecord, client: OAuthClient, request: OAuth2Request) -> bool:
        return token.check_client(client)  # another client's token is not its business

    def introspect_token(self, token: TokenRecord) -> dict[str, object]:
        row, grant = token.row, token.grant
        assert grant is not None  # is_revoked() is true without a grant, so Authlib never asks
        client = find_client(db_session(), row.client_id)
        return {
            "active": True,
            "scope": row.scope,
            "client_id": row.client_id,
            "token_type": "Bearer" if row.kind == "access" else "refresh_token",
            "sub": subject_for(db_session(), client, grant.user_id) if client else None,
            "iss": _settings().issuer,
            "aud": row.client_id,
            "iat": int(as_utc(row.issued_at).timestamp()),
            "exp": int(as_utc(row.expires_at).timestamp()),
            "sid": grant.sid,
        }


class Revocation(RevocationEndpoint):  # type: ignore[misc]
    """RFC 7009: revoking a refresh token revokes its grant and every token the grant produced."""

    CLIENT_AUTH_METHODS = MANAGEMENT_AUTH_METHODS

    def query_token(self, token_string: str, token_type_hint: str | None) -> TokenRecord | None:
        return _query_token(token_string)

    def authenticate_token(self, request: OAuth2Request, client: OAuthClient) -> TokenRecord | None:
        self.check_params(request, client)
        token = self.query_token(request.form["token"], request.form.get("token_type_hint"))
        if token is None or not token.check_client(client):
            return None  # RFC 7009 §2.2: an unknown or foreign token is answered like a revoked one
        return token

    def revoke_token(self, token: TokenRecord, request: OAuth2Request) -> None:
        db = db_session()
        now = utcnow()
        if token.row.kind == "refresh":
            revoke_grant(db, token.row.grant_id, now)
        else:
            token.row.revoked_at = now
        db.commit()


# --- userinfo (Core §5.3) ---------------------------------------------------------------------------


class TokenNotInHeaderError(InvalidTokenError):  # type: ignore[misc]
    """An access token in the query or the body: refused with a Bearer challenge (O27)."""

    error = "invalid_request"


class AccessTokenValidator(BearerTokenValidator):  # type: ignore[misc]
    """RFC 6750 bearer access tokens from ``oidc_tokens``: live, not revoked, their grant not revoked."""

    def authenticate_token(self, token_string: str) -> TokenRecord | None:
        found = _query_token(token_string)
        return found if found is not None and found.row.kind == "access" else None

    def validate_token(self, token: TokenRecord | None, scopes: Any, request: Any) -> None:
        super().validate_token(token, scopes, request)  # missing, expired, revoked, insufficient_scope
        if token is not None and token.get_client() is None:
            raise InvalidTokenError(description="the client is no longer registered")


class HeaderBearerOnly(ResourceProtector):  # type: ignore[misc]
    """The access token comes in ``Authorization: Bearer`` only; anything else is invalid_token with a
    Bearer challenge (RFC 6750 §3.1), never Authlib's 403 for a missing header."""

    def parse_request_authorization(self, request: Any) -> tuple[AccessTokenValidator, str]:
        if "access_token" in flask_request.args or "access_token" in flask_request.form:
            # RFC 6750 §2.3 discourages query tokens (they end up in logs); §2.2 form tokens likewise (O27).
            raise TokenNotInHeaderError(description="send the access token in the Authorization header")
        scheme, _, value = request.headers.get("Authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not value.strip():
            raise InvalidTokenError(description="an access token is required")
        validator: AccessTokenValidator = self.get_token_validator("bearer")
        return validator, value.strip()


class UserInfo(UserInfoEndpoint):  # type: ignore[misc]
    """Core §5.3 on Authlib's UserInfoEndpoint: the claims stored on the grant when the person chose."""

    def __init__(self) -> None:
        protector = HeaderBearerOnly()
        protector.register_token_validator(AccessTokenValidator())
        super().__init__(resource_protector=protector)

    def generate_user_info(self, user: OidcGrant, scope: str) -> dict[str, object]:
        db = db_session()
        client = find_client(db, user.client_id)
        if client is None:
            raise InvalidTokenError(description="the client is no longer registered")
        return userinfo_claims(db, user, client)

    def get_issuer(self) -> str:
        return _settings().issuer


# --- the server -----------------------------------------------------------------------------------


class IdpAuthorizationServer(AuthorizationServer):  # type: ignore[misc]
    """Authlib's authorization server with our clients, storage and answers."""

    def __init__(self) -> None:
        super().__init__()
        self.register_token_generator(
            "default",
            BearerTokenGenerator(
                access_token_generator=lambda **_: secrets.token_urlsafe(32),
                refresh_token_generator=lambda **_: secrets.token_urlsafe(32),
                expires_generator=lambda _client, _grant_type: token_policy().access_token_ttl_s,
            ),
        )
        self.register_client_auth_method(PRIVATE_KEY_JWT, ClientAssertion())
        self.register_grant(AuthorizationCodeGrant, [S256CodeChallenge(required=True), IdTokenForCode()])
        self.register_grant(RefreshTokenGrant, [IdTokenOnRefresh()])
        self.register_grant(ClientCredentialsRefused)
        self.register_endpoint(Introspection)
        self.register_endpoint(Revocation)
        self.register_endpoint(UserInfo())

    def query_client(self, client_id: str) -> OAuthClient | None:
        found = find_client(db_session(), client_id)
        return OAuthClient(found) if found else None

    def save_token(self, token: Mapping[str, Any], request: OAuth2Request) -> None:
        grant: OidcGrant = request.user
        policy = token_policy()
        now = utcnow()
        db = db_session()
        scope = str(token.get("scope", ""))
        kinds = (
            ("access", "access_token", policy.access_token_ttl_s),
            ("refresh", "refresh_token", policy.refresh_token_ttl_s),
        )
        for kind, name, ttl_s in kinds:
            if name in token:
                db.add(
                    OidcToken(
                        token_hash=digest(str(token[name])), kind=kind, grant_id=grant.id, client_id=grant.client_id,
                        scope=scope, issued_at=now, expires_at=now + dt.timedelta(seconds=ttl_s),
                    )
                )  # fmt: skip

    def create_oauth2_request(self, request: Any) -> IdpRequest:
        return IdpRequest(_settings().issuer)

    def authenticate_client(self, request: OAuth2Request, methods: list[str], endpoint: str = "token") -> OAuthClient:
        # RFC 6749 §2.3: exactly one authentication method per request (O25); Authlib would take the first.
        try:
            check_single_method(request.headers.get("Authorization"), request.form)
        except OidcError as exc:
            raise _oauth_error(exc) from None
        return cast(OAuthClient, super().authenticate_client(request, methods, endpoint))

    def create_token_response(self, request: Any = None) -> Response:
        oauth_request = self.create_oauth2_request(request)
        try:
            _reject_repeated(oauth_request)
            if not oauth_request.form.get("grant_type"):
                raise InvalidRequestError("grant_type is required")
        except OAuth2Error as error:
            return self.handle_error_response(oauth_request, error)
        return cast(Response, super().create_token_response(request))

    def create_endpoint_response(self, name: str, request: Any = None) -> Response:
        oauth_request = self.create_oauth2_request(request)
        try:
            _reject_repeated(oauth_request)
        except OAuth2Error as error:
            return self.handle_error_response(oauth_request, error)
        return cast(Response, super().create_endpoint_response(name, request))

    def handle_error_response(self, request: OAuth2Request, error: OAuth2Error) -> Response:
        if error.error == "invalid_client" and not isinstance(error, InvalidClientError):
            error = InvalidClientError(description=error.description or None)
        if isinstance(error, InvalidClientError):
            # RFC 6749 §5.2: 401 with a WWW-Authenticate challenge (Authlib adds it for 401).
            error.status_code = 401
        return cast(Response, super().handle_error_response(request, error))

    def send_signal(self, name: str, *args: Any, **kwargs: Any) -> None:
        """No listeners: logging and audit happen in our views."""


def _reject_repeated(request: OAuth2Request) -> None:
    for name in SINGLE_PARAMETERS:
        if len(request.form.getlist(name)) > 1:
            raise InvalidRequestError(f"{name} is repeated")


def authorization_server(app: Flask) -> IdpAuthorizationServer:
    """The process's server (its grants and endpoints are stateless; state lives in the database)."""
    server: IdpAuthorizationServer | None = app.extensions.get("idp.oidc.server")
    if server is None:
        server = IdpAuthorizationServer()
        app.extensions["idp.oidc.server"] = server
    return server
