"""Test doubles for the SAML layer: a service provider's keys, metadata and AuthnRequests.

Keys are generated in memory per test run, never committed. Integrators use these to test their SP
registrations against our IdP:

    sp = TestServiceProvider.create("https://sp.example/metadata", acs="https://sp.example/acs")
    query = sp.redirect_query(sp.authn_request(destination), relay_state="x")
"""

from __future__ import annotations

import base64
import datetime as dt
import secrets
import zlib
from dataclasses import dataclass, field
from urllib.parse import quote

import xmlsec
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.x509.oid import NameOID
from lxml import etree

from .crypto import load_key

SIG_RSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"
DEFAULT = ' isDefault="true"'


@dataclass(frozen=True)
class KeyPair:
    private_key_pem: bytes
    certificate_pem: bytes

    @classmethod
    def generate(cls, common_name: str = "test-sp", bits: int = 2048) -> KeyPair:
        key = rsa.generate_private_key(public_exponent=65537, key_size=bits)
        name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
        now = dt.datetime.now(dt.UTC)
        certificate = (
            x509.CertificateBuilder()
            .subject_name(name)
            .issuer_name(name)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=30))
            .sign(key, hashes.SHA256())
        )
        return cls(
            key.private_bytes(
                serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
            ),
            certificate.public_bytes(serialization.Encoding.PEM),
        )

    @property
    def certificate_base64(self) -> str:
        return "".join(line for line in self.certificate_pem.decode().splitlines() if "-----" not in line)


@dataclass
class TestServiceProvider:
    entity_id: str
    acs: list[str]
    keys: KeyPair
    encryption_keys: KeyPair | None = None
    authn_requests_signed: bool = False
    slo: str = ""
    slo_binding: str = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect"
    requested_attributes: list[str] = field(default_factory=list)
    want_assertions_signed: bool = True

    __test__ = False  # not a pytest class

    @classmethod
    def create(cls, entity_id: str, acs: str | list[str], **options: object) -> TestServiceProvider:
        return cls(entity_id, [acs] if isinstance(acs, str) else acs, KeyPair.generate(), **options)  # type: ignore[arg-type]

    def metadata(self) -> str:
        services = "".join(
            f'<md:AssertionConsumerService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" '
            f'Location="{url}" index="{index}"{DEFAULT if index == 0 else ""}/>'
            for index, url in enumerate(self.acs)
        )
        slo = f'<md:SingleLogoutService Binding="{self.slo_binding}" Location="{self.slo}"/>' if self.slo else ""
        encryption = (
            f'<md:KeyDescriptor use="encryption"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>'
            f"{self.encryption_keys.certificate_base64}</ds:X509Certificate></ds:X509Data></ds:KeyInfo>"
            f"</md:KeyDescriptor>"
            if self.encryption_keys
            else ""
        )
        requested = ""
        if self.requested_attributes:
            requested = (
                '<md:AttributeConsumingService index="1"><md:ServiceName xml:lang="en">test</md:ServiceName>'
                + "".join(
                    f'<md:RequestedAttribute Name="{name}" '
                    'NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:uri"/>'
                    for name in self.requested_attributes
                )
                + "</md:AttributeConsumingService>"
            )
        signed = "true" if self.authn_requests_signed else "false"
        want_signed = "true" if self.want_assertions_signed else "false"
        return (
            '<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" '
            f'xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="{self.entity_id}">'
            f'<md:SPSSODescriptor AuthnRequestsSigned="{signed}" WantAssertionsSigned="{want_signed}" '
            'protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">'
            f'<md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>'
            f"{self.keys.certificate_base64}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>"
            f"{encryption}{slo}"
            "<md:NameIDFormat>urn:oasis:names:tc:SAML:2.0:nameid-format:transient</md:NameIDFormat>"
            f"{services}{requested}</md:SPSSODescriptor></md:EntityDescriptor>"
        )

    def authn_request(
        self,
        destination: str | None,
        *,
        request_id: str | None = None,
        issue_instant: dt.datetime | None = None,
        issuer: str | None = None,
        acs_url: str | None = None,
        extra_attributes: str = "",
        inner: str = "",
        version: str = "2.0",
    ) -> str:
        moment = (issue_instant or dt.datetime.now(dt.UTC)).strftime("%Y-%m-%dT%H:%M:%SZ")
        attributes = f' Destination="{destination}"' if destination else ""
        if acs_url is not None:
            attributes += f' AssertionConsumerServiceURL="{acs_url}"'
        issuer_element = (
            f"<saml:Issuer>{issuer if issuer is not None else self.entity_id}</saml:Issuer>" if issuer != "" else ""
        )
        return (
            '<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" '
            'xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" '
            f'ID="{request_id or "_" + secrets.token_hex(16)}" Version="{version}" IssueInstant="{moment}"'
            f"{attributes}{extra_attributes}>{issuer_element}{inner}</samlp:AuthnRequest>"
        )

    def logout_request(self, destination: str, name_id: str, *, request_id: str | None = None) -> str:
        moment = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        return (
            '<samlp:LogoutRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" '
            'xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" '
            f'ID="{request_id or "_" + secrets.token_hex(16)}" Version="2.0" IssueInstant="{moment}" '
            f'Destination="{destination}"><saml:Issuer>{self.entity_id}</saml:Issuer>'
            f'<saml:NameID Format="urn:oasis:names:tc:SAML:2.0:nameid-format:transient">{name_id}</saml:NameID>'
            "</samlp:LogoutRequest>"
        )

    def redirect_query(self, xml: str, *, relay_state: str = "", sign: bool = True, keys: KeyPair | None = None) -> str:
        """An HTTP-Redirect query string (DEFLATE, base64, signed over the encoded parameters)."""
        compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
        deflated = compressor.compress(xml.encode("utf-8")) + compressor.flush()
        query = "SAMLRequest=" + quote(base64.b64encode(deflated).decode("ascii"), safe="")
        if relay_state:
            query += "&RelayState=" + quote(relay_state, safe="")
        if sign:
            query += "&SigAlg=" + quote(SIG_RSA_SHA256, safe="")
            key = serialization.load_pem_private_key((keys or self.keys).private_key_pem, password=None)
            assert isinstance(key, rsa.RSAPrivateKey)
            signature = key.sign(query.encode("ascii"), padding.PKCS1v15(), hashes.SHA256())
            query += "&Signature=" + quote(base64.b64encode(signature).decode("ascii"), safe="")
        return query

    def sign_xml(self, xml: str, *, keys: KeyPair | None = None, embed_certificate: bool = False) -> str:
        """An enveloped RSA-SHA256 signature over the root element (HTTP-POST binding)."""
        root = etree.fromstring(xml.encode("utf-8"))
        signature = xmlsec.template.create(
            root, xmlsec.constants.TransformExclC14N, xmlsec.constants.TransformRsaSha256, ns="ds"
        )
        issuer = root.find("{urn:oasis:names:tc:SAML:2.0:assertion}Issuer")
        if issuer is not None:
            issuer.addnext(signature)
        else:
            root.insert(0, signature)
        reference = xmlsec.template.add_reference(
            signature, xmlsec.constants.TransformSha256, uri="#" + (root.get("ID") or "")
        )
        xmlsec.template.add_transform(reference, xmlsec.constants.TransformEnveloped)
        xmlsec.template.add_transform(reference, xmlsec.constants.TransformExclC14N)
        if embed_certificate:
            key_info = xmlsec.template.ensure_key_info(signature)
            xmlsec.template.add_x509_data(key_info)
        xmlsec.tree.add_ids(root, ["ID"])
        context = xmlsec.SignatureContext()
        chosen = keys or self.keys
        key = load_key(chosen.private_key_pem, "private")
        if embed_certificate:
            key.load_cert_from_memory(chosen.certificate_pem, xmlsec.constants.KeyDataFormatCertPem)
        context.key = key
        context.sign(signature)
        return str(etree.tostring(root, encoding="unicode"))


def post_encode(xml: str) -> str:
    return base64.b64encode(xml.encode("utf-8")).decode("ascii")
