"""Two service providers we did not write, for the SAML flow tests: pysaml2's ``Saml2Client`` and
python3-saml (OneLogin) in strict mode. Their keys are generated per test run, in ``tmp_path``."""

from __future__ import annotations

import base64
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import requests
from onelogin.saml2.auth import OneLogin_Saml2_Auth
from onelogin.saml2.utils import OneLogin_Saml2_Utils
from saml2 import BINDING_HTTP_POST, BINDING_HTTP_REDIRECT
from saml2.client import Saml2Client
from saml2.config import SPConfig
from saml2.metadata import entity_descriptor
from saml2.saml import NAMEID_FORMAT_TRANSIENT
from saml2.xmldsig import DIGEST_SHA256, SIG_RSA_SHA256

from idp.saml.crypto import install_backend
from idp.saml.registry import SpRegistration, register_service_provider
from idp.saml.testing import KeyPair
from tests.oidc_support import Browser, Provider, Step, parse_page

PYSAML2_SP = "https://sp-pysaml2.example/metadata"
PYSAML2_ACS = "https://sp-pysaml2.example/acs"
PYSAML2_SLO = "https://sp-pysaml2.example/slo"
ONELOGIN_SP = "https://sp-onelogin.example/metadata"
ONELOGIN_ACS = "https://sp-onelogin.example/acs"
ONELOGIN_SLO = "https://sp-onelogin.example/slo"


def idp_metadata(provider: Provider) -> str:
    response = requests.get(provider.url("/saml/metadata"), timeout=10)
    assert response.status_code == 200
    return response.text


def auto_post(step: Step) -> tuple[str, dict[str, str]]:
    """The auto-submitting SAML form our IdP shows: where it posts and what."""
    assert step.page is not None, f"expected the SAML form, got a redirect to {step.location}"
    forms = [form for form in parse_page(step.page.text).forms if form.method == "post"]
    assert forms, step.page.text[:2000]
    return forms[0].action, forms[0].fields


@dataclass
class Pysaml2Sp:
    client: Saml2Client
    idp_entity_id: str

    @classmethod
    def create(
        cls,
        provider: Provider,
        directory: Path,
        *,
        sign_requests: bool = True,
        slo_binding: str = BINDING_HTTP_REDIRECT,
        want_assertions_signed: bool = True,
    ) -> Pysaml2Sp:
        keys = KeyPair.generate("pysaml2-sp")
        (directory / "sp.key").write_bytes(keys.private_key_pem)
        (directory / "sp.crt").write_bytes(keys.certificate_pem)
        metadata = idp_metadata(provider)
        config = SPConfig()
        config.load(
            {
                "entityid": PYSAML2_SP,
                "service": {
                    "sp": {
                        "endpoints": {
                            "assertion_consumer_service": [(PYSAML2_ACS, BINDING_HTTP_POST)],
                            "single_logout_service": [(PYSAML2_SLO, slo_binding)],
                        },
                        "authn_requests_signed": sign_requests,
                        "want_assertions_signed": want_assertions_signed,
                        "want_response_signed": True,
                        "logout_requests_signed": True,
                        "name_id_format": [NAMEID_FORMAT_TRANSIENT],
                        "allow_unsolicited": False,
                    }
                },
                "key_file": str(directory / "sp.key"),
                "cert_file": str(directory / "sp.crt"),
                "metadata": {"inline": [metadata]},
                "signing_algorithm": "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
                "digest_algorithm": "http://www.w3.org/2001/04/xmlenc#sha256",
                "allow_unknown_attributes": True,
                "accepted_time_diff": 60,
                "xmlsec_binary": shutil.which("xmlsec1"),
                "crypto_backend": "xmlsec1" if shutil.which("xmlsec1") else "XMLSecurity",
            }
        )
        client = Saml2Client(config=config)
        if not shutil.which("xmlsec1"):
            install_backend(client.sec)  # the stock backend needs the program; ours stands in
        idp_entity_id = next(iter(client.metadata.identity_providers()))
        return cls(client, idp_entity_id)

    def metadata(self) -> str:
        return str(entity_descriptor(self.client.config))

    def login_url(self, relay_state: str = "rs-1") -> tuple[str, str]:
        request_id, info = self.client.prepare_for_authenticate(
            entityid=self.idp_entity_id,
            relay_state=relay_state,
            binding=BINDING_HTTP_REDIRECT,
            sigalg=SIG_RSA_SHA256,  # pysaml2 would sign with RSA-SHA1, which we refuse
            digest_alg=DIGEST_SHA256,
        )
        return request_id, dict(info["headers"])["Location"]

    def accept(self, step: Step, request_id: str) -> Any:
        action, fields = auto_post(step)
        assert action == PYSAML2_ACS
        return self.client.parse_authn_request_response(
            fields["SAMLResponse"], BINDING_HTTP_POST, outstanding={request_id: "/"}
        )


@dataclass
class OneLoginSp:
    settings: dict[str, Any]
    keys: KeyPair

    @classmethod
    def create(cls, provider: Provider, *, want_assertions_signed: bool = True) -> OneLoginSp:
        keys = KeyPair.generate("onelogin-sp")
        metadata = idp_metadata(provider)
        certificate = metadata.split("X509Certificate>")[1].split("<")[0]
        # The SP checks our metadata's signature with the certificate it was given out of band.
        assert OneLogin_Saml2_Utils.validate_metadata_sign(
            metadata, OneLogin_Saml2_Utils.format_cert(certificate), raise_exceptions=True
        )
        settings = {
            "strict": True,
            "sp": {
                "entityId": ONELOGIN_SP,
                "assertionConsumerService": {"url": ONELOGIN_ACS, "binding": BINDING_HTTP_POST},
                "singleLogoutService": {"url": ONELOGIN_SLO, "binding": BINDING_HTTP_REDIRECT},
                "NameIDFormat": NAMEID_FORMAT_TRANSIENT,
                "x509cert": keys.certificate_base64,
                "privateKey": keys.private_key_pem.decode(),
            },
            "idp": {
                "entityId": provider.url("/saml/metadata"),
                "singleSignOnService": {"url": provider.url("/saml/sso/redirect"), "binding": BINDING_HTTP_REDIRECT},
                "singleLogoutService": {"url": provider.url("/saml/slo/redirect"), "binding": BINDING_HTTP_REDIRECT},
                "x509cert": certificate,
            },
            "security": {
                "authnRequestsSigned": True,
                "logoutRequestSigned": True,
                "logoutResponseSigned": True,
                "wantAssertionsSigned": want_assertions_signed,
                "wantMessagesSigned": True,
                "signatureAlgorithm": "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
                "digestAlgorithm": "http://www.w3.org/2001/04/xmlenc#sha256",
                "rejectDeprecatedAlgorithm": True,
            },
        }
        return cls(settings, keys)

    def auth(self, path: str = "/acs", post: dict[str, str] | None = None, get: dict[str, str] | None = None) -> Any:
        request_data = {
            "https": "on",
            "http_host": urlsplit(ONELOGIN_ACS).hostname,
            "script_name": path,
            "server_port": "443",
            "post_data": post or {},
            "get_data": get or {},
        }
        return OneLogin_Saml2_Auth(request_data, self.settings)

    def metadata(self) -> str:
        auth = self.auth()
        return str(
            auth.get_settings().get_sp_metadata().decode()
            if isinstance(auth.get_settings().get_sp_metadata(), bytes)
            else auth.get_settings().get_sp_metadata()
        )

    def login_url(self, relay_state: str = "rs-2") -> tuple[str, str]:
        auth = self.auth()
        url = auth.login(return_to=relay_state)
        return auth.get_last_request_id(), url

    def accept(self, step: Step, request_id: str) -> Any:
        action, fields = auto_post(step)
        assert action == ONELOGIN_ACS
        auth = self.auth(post=fields)
        auth.process_response(request_id=request_id)
        assert not auth.get_errors(), (auth.get_errors(), auth.get_last_error_reason())
        return auth


def register(provider: Provider, metadata: str, **options: Any) -> None:
    options.setdefault("mandate_types", ["wse_loket"])
    options.setdefault("name", "SAML test SP")
    with provider.sessions() as session:
        register_service_provider(session, metadata, SpRegistration(**options))
        session.commit()


def decode(value: str) -> str:
    return base64.b64decode(value).decode()


__all__ = ["Browser"]


def frames_and_link(step: Step) -> tuple[list[str], str]:
    """The hidden logout frames on a page, and the link back to the initiating SP (if any)."""
    from html.parser import HTMLParser

    frames: list[str] = []
    links: list[str] = []

    class Parser(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            values = {k: v or "" for k, v in attrs}
            if tag == "iframe":
                frames.append(values.get("src", ""))
            if tag == "a" and values.get("id") == "saml-logout":
                links.append(values.get("href", ""))

    assert step.page is not None
    Parser().feed(step.page.text)
    return frames, links[0] if links else ""


def query_values(url: str) -> dict[str, str]:
    from urllib.parse import parse_qs

    return {key: values[0] for key, values in parse_qs(urlsplit(url).query).items()}
