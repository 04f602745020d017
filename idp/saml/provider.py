"""The identity provider as pysaml2 sees it: one ``Server`` per process, with our crypto backend, our
algorithms, our clock skew, no in-memory assertion store, and service providers loaded from the database.

pysaml2's defaults are weak for an IdP on the internet: RSA-SHA1 signatures, 3DES encryption, a day of
clock skew, assertions kept in process memory, keys taken from the message. Each is overridden here.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from dataclasses import dataclass
from typing import Any

from saml2 import BINDING_HTTP_POST, BINDING_HTTP_REDIRECT, xmldsig
from saml2.assertion import Policy
from saml2.attribute_converter import AttributeConverter
from saml2.config import IdPConfig
from saml2.mdstore import InMemoryMetaData, MetadataStore
from saml2.metadata import entity_descriptor, sign_entity_descriptor
from saml2.s_utils import UnknownSystemEntity, UnsupportedBinding
from saml2.saml import NAME_FORMAT_URI, NAMEID_FORMAT_PERSISTENT, NAMEID_FORMAT_TRANSIENT, NAMEID_FORMAT_UNSPECIFIED
from saml2.server import Server
from saml2.sigver import RSACrypto, import_rsa_key_from_file

from ..keys import SamlKey
from ..settings import Settings
from .attributes import ATTRIBUTE_NAMES, EIDAS_ATTRIBUTES
from .crypto import InProcessBackend, check_libxml2, install_backend
from .models import ServiceProvider

log = logging.getLogger(__name__)

SIGNING_ALGORITHM = xmldsig.SIG_RSA_SHA256
DIGEST_ALGORITHM = xmldsig.DIGEST_SHA256
NAME_ID_FORMATS = (NAMEID_FORMAT_TRANSIENT, NAMEID_FORMAT_PERSISTENT, NAMEID_FORMAT_UNSPECIFIED)


@dataclass(frozen=True, slots=True)
class Endpoints:
    """Our SAML URLs, all derived from the issuer so they never depend on the Host header."""

    entity_id: str
    metadata: str
    sso_redirect: str
    sso_post: str
    slo_redirect: str
    slo_post: str
    # Our page that posts a LogoutRequest to an SP with only an HTTP-POST SingleLogoutService (a frame).
    slo_front: str

    @classmethod
    def for_issuer(cls, issuer: str) -> Endpoints:
        base = issuer.rstrip("/") + "/saml"
        return cls(
            entity_id=f"{base}/metadata",
            metadata=f"{base}/metadata",
            sso_redirect=f"{base}/sso/redirect",
            sso_post=f"{base}/sso/post",
            slo_redirect=f"{base}/slo/redirect",
            slo_post=f"{base}/slo/post",
            slo_front=f"{base}/slo/front",
        )


class ReleaseAsGiven(Policy):  # type: ignore[misc]
    """pysaml2's attribute policy, minus its filtering: ``attributes.py`` decides what is released."""

    def restrict(self, ava: dict[str, Any], sp_entity_id: str, metadata: object = None) -> dict[str, Any]:
        return dict(ava)


class NoAssertionStore:
    """pysaml2 keeps every assertion in a process-local dict for AssertionIDRequest; we answer none."""

    def store_assertion(self, assertion: object, to_sign: object) -> None:
        return None

    def get_assertion(self, cid: str) -> None:
        return None

    def get_authn_statements(self, *args: object, **kwargs: object) -> list[object]:
        return []

    def remove_authn_statements(self, name_id: object) -> None:
        return None


def attribute_converter(issuer: str) -> AttributeConverter:
    """NameFormat uri, Name ``<issuer>/attributes/<name>``, FriendlyName the OIDC claim name."""
    converter = AttributeConverter(NAME_FORMAT_URI)
    # pysaml2 looks names up in lower case and writes the given name as FriendlyName.
    to = {name.lower(): f"{issuer}/attributes/{name}" for name in ATTRIBUTE_NAMES}
    to.update({friendly.lower(): name for friendly, name in EIDAS_ATTRIBUTES.items()})
    converter.from_dict({"identifier": NAME_FORMAT_URI, "to": to, "fro": {v: k for k, v in to.items()}})
    return converter


class IdentityProvider:
    """Our pysaml2 ``Server`` and its service providers' metadata, one per process."""

    def __init__(self, settings: Settings, key: SamlKey, backend: InProcessBackend | None = None) -> None:
        self.settings = settings
        self.endpoints = Endpoints.for_issuer(settings.issuer)
        self.key = key
        self.server = build_server(settings, key, self.endpoints)
        self.backend = install_backend(self.server.sec, backend)
        mismatch = check_libxml2()
        if mismatch:
            log.warning("SAML crypto backend: %s", mismatch)
        # HTTP-Redirect signatures (our LogoutRequests and LogoutResponses) are made by pysaml2's
        # in-process RSA signer; the stock setup only creates it next to the xmlsec1 program.
        self.server.sec.sec_backend = RSACrypto(import_rsa_key_from_file(str(key.key_path)))
        self._source = InMemoryMetaData(self.server.config.attribute_converters, check_validity=True)
        store = MetadataStore(self.server.config.attribute_converters, self.server.config)
        store.metadata["database"] = self._source
        self.server.metadata = store
        self.server.sec.metadata = store
        self.server.session_db = NoAssertionStore()
        lifetime_minutes = max(1, settings.saml.assertion_lifetime_s // 60)
        restrictions = {"default": {"lifetime": {"minutes": lifetime_minutes}, "name_form": NAME_FORMAT_URI}}
        # Built once: pysaml2 deep-copies and compiles the restrictions in every Policy it makes.
        self.release_policy = ReleaseAsGiven(restrictions=restrictions, mds=store)
        self._stamps: dict[str, str] = {}
        self._lock = threading.Lock()
        self._metadata_xml: bytes | None = None

    @property
    def metadata_store(self) -> MetadataStore:
        store: MetadataStore = self.server.metadata
        return store

    def load(self, sp: ServiceProvider) -> None:
        """Make ``sp``'s current metadata known to pysaml2 (parsed again only when it changed)."""
        stamp = hashlib.sha256(sp.metadata_xml.encode("utf-8")).hexdigest()
        if self._stamps.get(sp.entity_id) == stamp:
            return
        parsed = parse_metadata(self.server.config.attribute_converters, sp.metadata_xml)
        if sp.entity_id not in parsed:
            raise ValueError(f"the stored metadata does not describe {sp.entity_id}")
        with self._lock:
            self._source.entity[sp.entity_id] = parsed[sp.entity_id]
            self._stamps[sp.entity_id] = stamp

    def metadata_xml(self) -> bytes:
        """Our signed metadata (built once per process and key)."""
        if self._metadata_xml is None:
            descriptor = entity_descriptor(self.server.config)
            _, signed = sign_entity_descriptor(
                descriptor, None, self.server.sec, sign_alg=SIGNING_ALGORITHM, digest_alg=DIGEST_ALGORITHM
            )
            self._metadata_xml = signed.encode("utf-8") if isinstance(signed, str) else signed
        return self._metadata_xml


def services_by_binding(provider: IdentityProvider, entity_id: str, service: str) -> dict[str, list[dict[str, Any]]]:
    """An SP's endpoints of one kind by binding (pysaml2 raises where "none with this binding" is an answer)."""
    try:
        found = provider.metadata_store.service(entity_id, "spsso_descriptor", service)
    except (UnknownSystemEntity, UnsupportedBinding):
        return {}
    return dict(found or {})


def parse_metadata(converters: Any, xml: str) -> dict[str, Any]:
    """Entities described by a metadata document (pysaml2's parser; it reads with defusedxml)."""
    source = InMemoryMetaData(converters, check_validity=True)
    source.parse(xml)
    return dict(source.entity)


def build_server(
    settings: Settings, key: SamlKey, endpoints: Endpoints, *, crypto_backend: str = "XMLSecurity"
) -> Server:
    """A pysaml2 ``Server`` configured for us. ``crypto_backend="xmlsec1"`` builds the stock one (bench)."""
    lifetime_minutes = max(1, settings.saml.assertion_lifetime_s // 60)
    config = IdPConfig()
    config.load(
        {
            "entityid": endpoints.entity_id,
            "service": {
                "idp": {
                    "name": "Mandate IdP",
                    "endpoints": {
                        "single_sign_on_service": [
                            (endpoints.sso_redirect, BINDING_HTTP_REDIRECT),
                            (endpoints.sso_post, BINDING_HTTP_POST),
                        ],
                        "single_logout_service": [
                            (endpoints.slo_redirect, BINDING_HTTP_REDIRECT),
                            (endpoints.slo_post, BINDING_HTTP_POST),
                        ],
                    },
                    "name_id_format": list(NAME_ID_FORMATS),
                    # Per SP (its metadata, or our registration); checked in requests.py.
                    "want_authn_requests_signed": False,
                    "sign_response": True,
                    "sign_assertion": True,
                    "policy": {
                        "default": {
                            "lifetime": {"minutes": lifetime_minutes},
                            "name_form": NAME_FORMAT_URI,
                        }
                    },
                }
            },
            "key_file": str(key.key_path),
            "cert_file": str(key.certificate_path),
            "crypto_backend": crypto_backend,
            # pysaml2's default is a day of slack; ours is the configured skew (S13).
            "accepted_time_diff": settings.saml.clock_skew_s,
            "signing_algorithm": SIGNING_ALGORITHM,
            "digest_algorithm": DIGEST_ALGORITHM,
            # S06: a signature is checked only with the keys in the SP's metadata, never KeyInfo.
            "only_use_keys_in_metadata": True,
            "allow_unknown_attributes": True,
            "delete_tmpfiles": True,
        }
    )
    server = Server(config=config)
    server.config.attribute_converters = [attribute_converter(settings.issuer)]
    return server
