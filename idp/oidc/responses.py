"""How answers leave the provider: to the relying party (query or form_post, always with ``iss``), as a
JSON error from a back-channel endpoint (no-store), or as our own error page."""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import urlencode, urlsplit, urlunsplit

from flask import Response, jsonify, render_template

from .authorize import RedirectTarget
from .errors import OidcError


def redirect_to_client(target: RedirectTarget, params: Mapping[str, str], issuer: str) -> Response:
    """Send ``params`` (plus ``state`` and ``iss``, RFC 9207) to the client's verified redirect URI."""
    values = dict(params)
    if target.state:
        values["state"] = target.state  # echoed byte for byte (O14)
    values["iss"] = issuer  # RFC 9207: the client can tell which provider answered (O15)
    if target.response_mode == "form_post":
        html = render_template("oidc/form_post.html", action=target.uri, fields=values)
        response = Response(html, status=200, mimetype="text/html")
        response.headers["Cache-Control"] = "no-store"
        return response
    parts = urlsplit(target.uri)
    query = f"{parts.query}&{urlencode(values)}" if parts.query else urlencode(values)
    response = Response(status=303)  # O29: 303, so the browser never re-posts the login form
    response.headers["Location"] = urlunsplit((parts.scheme, parts.netloc, parts.path, query, ""))
    response.headers["Cache-Control"] = "no-store"
    return response


def error_to_client(target: RedirectTarget, error: OidcError, issuer: str) -> Response:
    params = {"error": error.error}
    if error.description:
        params["error_description"] = error.description
    return redirect_to_client(target, params, issuer)


def error_page(error: OidcError, status: int = 400) -> Response:
    """Our own page: used whenever the redirect URI could not be trusted (O01–O04)."""
    html = render_template("error.html", message=error.description or error.error, status=status)
    return Response(html, status=status, mimetype="text/html")


def no_store(response: Response) -> Response:
    response.headers["Cache-Control"] = "no-store"  # O26 / RFC 6749 §5.1
    response.headers["Pragma"] = "no-cache"
    return response


def json_error(error: OidcError) -> Response:
    body: dict[str, str] = {"error": error.error}
    if error.description:
        body["error_description"] = error.description
    response = jsonify(body)
    response.status_code = error.status
    return no_store(response)
