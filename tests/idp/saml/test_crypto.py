"""The in-process backend against itself and against pysaml2's stock xmlsec1 backend (when installed)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from saml2 import saml, samlp
from saml2.sigver import CryptoBackendXmlSec1, SignatureError, pre_signature_part
from saml2.xmldsig import DIGEST_SHA1, DIGEST_SHA256, SIG_RSA_SHA1, SIG_RSA_SHA256

from idp.saml.crypto import InProcessBackend
from idp.saml.testing import KeyPair

RESPONSE = "urn:oasis:names:tc:SAML:2.0:protocol:Response"
ASSERTION = "urn:oasis:names:tc:SAML:2.0:assertion:Assertion"
XMLSEC1 = shutil.which("xmlsec1")
needs_xmlsec1 = pytest.mark.skipif(XMLSEC1 is None, reason="the xmlsec1 program (Debian xmlsec1) is not installed")


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    directory = tmp_path_factory.mktemp("crypto")
    paths = {}
    for name in ("a", "b"):
        keys = KeyPair.generate(name)
        (directory / f"{name}.key").write_bytes(keys.private_key_pem)
        (directory / f"{name}.crt").write_bytes(keys.certificate_pem)
        paths[f"{name}.key"], paths[f"{name}.crt"] = str(directory / f"{name}.key"), str(directory / f"{name}.crt")
    return paths


def signed_template(*, sign_alg: str = SIG_RSA_SHA256, digest_alg: str = DIGEST_SHA256) -> str:
    assertion = saml.Assertion(id="_a1", version="2.0", issue_instant="2026-01-01T00:00:00Z")
    assertion.issuer = saml.Issuer(text="https://idp.example")
    assertion.signature = pre_signature_part("_a1", sign_alg=sign_alg, digest_alg=digest_alg)
    response = samlp.Response(id="_r1", version="2.0", issue_instant="2026-01-01T00:00:00Z", assertion=assertion)
    response.signature = pre_signature_part("_r1", sign_alg=sign_alg, digest_alg=digest_alg)
    return str(response)


def sign_both(backend: object, key: str, template: str | None = None) -> str:
    xml = backend.sign_statement(template or signed_template(), ASSERTION, key, "_a1")  # type: ignore[attr-defined]
    return str(backend.sign_statement(xml, RESPONSE, key, "_r1"))  # type: ignore[attr-defined]


def test_sign_and_verify_in_process(files: dict[str, str]) -> None:
    backend = InProcessBackend()
    xml = sign_both(backend, files["a.key"])
    assert backend.validate_signature(xml, files["a.crt"], "pem", RESPONSE, "_r1")
    assert backend.validate_signature(xml, files["a.crt"], "pem", ASSERTION, "_a1")
    # another key (as if an attacker's certificate were in KeyInfo) does not verify
    assert not backend.validate_signature(xml, files["b.crt"], "pem", RESPONSE, "_r1")
    # a changed byte breaks the signature
    assert not backend.validate_signature(xml.replace("https://idp.example", "https://evil.example", 1),
                                          files["a.crt"], "pem", RESPONSE, "_r1")  # fmt: skip


def test_sha1_signatures_are_refused(files: dict[str, str]) -> None:
    backend = InProcessBackend()
    xml = sign_both(backend, files["a.key"], signed_template(sign_alg=SIG_RSA_SHA1, digest_alg=DIGEST_SHA1))
    assert not backend.validate_signature(xml, files["a.crt"], "pem", RESPONSE, "_r1")


def test_duplicate_ids_are_refused(files: dict[str, str]) -> None:
    backend = InProcessBackend()
    xml = sign_both(backend, files["a.key"])
    wrapped = xml.replace("</ns0:Response>", '<ns0:Extensions><x ID="_r1"/></ns0:Extensions></ns0:Response>')
    with pytest.raises(SignatureError):
        backend.validate_signature(wrapped, files["a.crt"], "pem", RESPONSE, "_r1")


def test_encrypt_and_decrypt_in_process(files: dict[str, str]) -> None:
    backend = InProcessBackend()
    xml = sign_both(backend, files["a.key"])
    # pysaml2 moves the assertion into an EncryptedAssertion before encrypting it
    response = samlp.response_from_string(xml)
    encrypted = backend.encrypt_assertion(response, files["b.crt"], template=None)
    assert "aes256-gcm" in encrypted and "https://idp.example" not in encrypted.split("EncryptedAssertion")[1]
    plain = backend.decrypt(encrypted, files["b.key"])
    assert "https://idp.example" in plain


@needs_xmlsec1
def test_our_signatures_verify_with_the_xmlsec1_program(files: dict[str, str]) -> None:
    stock = CryptoBackendXmlSec1(XMLSEC1)
    xml = sign_both(InProcessBackend(), files["a.key"])
    assert stock.validate_signature(xml, files["a.crt"], "pem", RESPONSE, "_r1")
    assert stock.validate_signature(xml, files["a.crt"], "pem", ASSERTION, "_a1")


@needs_xmlsec1
def test_xmlsec1_signatures_verify_in_process(files: dict[str, str]) -> None:
    xml = sign_both(CryptoBackendXmlSec1(XMLSEC1), files["a.key"])
    assert InProcessBackend().validate_signature(xml, files["a.crt"], "pem", RESPONSE, "_r1")


@needs_xmlsec1
def test_our_encryption_decrypts_with_the_xmlsec1_program(files: dict[str, str]) -> None:
    xml = sign_both(InProcessBackend(), files["a.key"])
    encrypted = InProcessBackend().encrypt_assertion(samlp.response_from_string(xml), files["b.crt"], template=None)
    plain = CryptoBackendXmlSec1(XMLSEC1).decrypt(encrypted, files["b.key"])
    assert "https://idp.example" in plain


__all__ = ["Path"]
