"""An in-process XML signature and encryption backend for pysaml2 (python-xmlsec, libxmlsec1 in our process).

pysaml2's stock backend writes every message to a temporary file and starts the ``xmlsec1`` program twice per
signature (once for ``--version``); this one signs, verifies, encrypts and decrypts in process, with keys
parsed once and kept. It is plugged into a pysaml2 ``SecurityContext`` by ``install_backend``:

    server = Server(config=config)
    install_backend(server.sec)

The successful Response, built at every login, does not go through pysaml2 at all: ``responses.py`` writes
it with lxml and signs it with ``sign_enveloped``, with the key (and its certificate) parsed once.

Verification is stricter than the stock backend: the key comes only from the certificate file the caller
names (metadata), never from the message's ``KeyInfo``; exactly one ``Reference`` whose URI is ``#`` plus the
ID of the signed element (saml-core §5.4.2); only enveloped and canonicalization transforms; RSA or ECDSA with
SHA-256 or stronger (no SHA-1); and an ID may occur once in the document (signature wrapping).
"""

from __future__ import annotations

import base64
import binascii
import threading
from pathlib import Path
from typing import Any

import xmlsec
from lxml import etree
from saml2.saml import SamlBase
from saml2.sigver import CryptoBackend, DecryptError, EncryptError, SignatureError, XmlsecError, pre_encrypt_assertion

from .xml import parse_trusted, parse_untrusted

DSIG_NS = "http://www.w3.org/2000/09/xmldsig#"
XMLENC_NS = "http://www.w3.org/2001/04/xmlenc#"
SAML_NS = "urn:oasis:names:tc:SAML:2.0:assertion"
NAMESPACES = {"ds": DSIG_NS, "xenc": XMLENC_NS, "saml": SAML_NS}

# saml-core §5.4.4: enveloped signature plus (exclusive) canonicalization, nothing else.
ALLOWED_REFERENCE_TRANSFORMS = (
    xmlsec.constants.TransformEnveloped,
    xmlsec.constants.TransformExclC14N,
    xmlsec.constants.TransformExclC14NWithComments,
    xmlsec.constants.TransformInclC14N,
    xmlsec.constants.TransformInclC14NWithComments,
    xmlsec.constants.TransformSha256,
    xmlsec.constants.TransformSha384,
    xmlsec.constants.TransformSha512,
)
# No SHA-1 (SHAttered); RSA-SHA256 or stronger, or ECDSA with SHA-256 or stronger.
ALLOWED_SIGNATURE_TRANSFORMS = (
    xmlsec.constants.TransformExclC14N,
    xmlsec.constants.TransformExclC14NWithComments,
    xmlsec.constants.TransformInclC14N,
    xmlsec.constants.TransformInclC14NWithComments,
    xmlsec.constants.TransformRsaSha256,
    xmlsec.constants.TransformRsaSha384,
    xmlsec.constants.TransformRsaSha512,
    xmlsec.constants.TransformEcdsaSha256,
    xmlsec.constants.TransformEcdsaSha384,
    xmlsec.constants.TransformEcdsaSha512,
)


def check_libxml2() -> str:
    """Empty when lxml and python-xmlsec use the same libxml2, else a warning: trees passed between two
    different libxml2 builds can crash the process (install both from wheels of matching versions)."""
    ours = tuple(xmlsec.get_libxml_version())
    theirs = tuple(etree.LIBXML_VERSION)
    if ours != theirs:
        return f"python-xmlsec uses libxml2 {ours} but lxml uses {theirs}"
    return ""


class KeyCache:
    """Parsed keys by file path, reloaded when the file changes (a rotated key needs no restart)."""

    def __init__(self) -> None:
        self._keys: dict[tuple[str, str], tuple[object, xmlsec.Key]] = {}
        self._lock = threading.Lock()

    def load(self, path: str | Path, kind: str) -> xmlsec.Key:
        name = str(path)
        stamp = Path(name).stat().st_mtime_ns
        with self._lock:
            cached = self._keys.get((name, kind))
            if cached is not None and cached[0] == stamp:
                return cached[1]
        data = Path(name).read_bytes()
        key = load_key(data, kind)
        with self._lock:
            if len(self._keys) > 256:  # certificates of SPs come and go; never grow without bound
                self._keys.clear()
            self._keys[(name, kind)] = (stamp, key)
        return key

    def signing_key(self, key_path: str | Path, certificate_path: str | Path) -> xmlsec.Key:
        """The private key with its certificate attached, so a signature's KeyInfo names the certificate
        (SPs holding several of our certificates during a rotation pick the key by it)."""
        name = f"{key_path}\n{certificate_path}"
        stamp = (Path(key_path).stat().st_mtime_ns, Path(certificate_path).stat().st_mtime_ns)
        with self._lock:
            cached = self._keys.get((name, "signing"))
            if cached is not None and cached[0] == stamp:
                return cached[1]
        key = load_key(Path(key_path).read_bytes(), "private")
        try:
            key.load_cert_from_memory(Path(certificate_path).read_bytes(), xmlsec.constants.KeyDataFormatCertPem)
        except xmlsec.Error as error:
            raise XmlsecError(f"cannot load the signing certificate: {error}") from error
        with self._lock:
            self._keys[(name, "signing")] = (stamp, key)
        return key

    def certificate(self, base64_der: str) -> xmlsec.Key:
        """The public key of a certificate as metadata carries it (base64 DER), parsed once per certificate."""
        name = "".join(base64_der.split())
        with self._lock:
            cached = self._keys.get((name, "metadata"))
            if cached is not None:
                return cached[1]
        try:
            der = base64.b64decode(name, validate=True)
        except (binascii.Error, ValueError) as error:
            raise XmlsecError("the certificate in the metadata is not base64") from error
        key = load_key(der, "certificate")
        with self._lock:
            if len(self._keys) > 256:
                self._keys.clear()
            self._keys[(name, "metadata")] = (None, key)
        return key


def load_key(data: bytes, kind: str) -> xmlsec.Key:
    """``kind`` is "private" (PEM private key) or "certificate" (PEM or DER X.509 certificate)."""
    try:
        if kind == "private":
            return xmlsec.Key.from_memory(data, xmlsec.constants.KeyDataFormatPem)
        if b"-----BEGIN" in data:
            return xmlsec.Key.from_memory(data, xmlsec.constants.KeyDataFormatCertPem)
        return xmlsec.Key.from_memory(data, xmlsec.constants.KeyDataFormatCertDer)
    except xmlsec.Error as error:
        raise XmlsecError(f"cannot load {kind} key: {error}") from error


class InProcessBackend(CryptoBackend):  # type: ignore[misc]
    """pysaml2 ``CryptoBackend`` on python-xmlsec: no temporary files, no subprocesses."""

    def __init__(self, keys: KeyCache | None = None) -> None:
        self.keys = keys or KeyCache()

    @property
    def version(self) -> str:
        version: tuple[int, int, int] = xmlsec.get_libxmlsec_version()  # type: ignore[attr-defined]
        return ".".join(str(part) for part in version)

    # --- signatures ---------------------------------------------------------------------------------

    def sign_statement(
        self, statement: str | bytes | SamlBase, node_name: str, key_file: str, node_id: str | None
    ) -> str:
        """Fill in the signature template (``pre_signature_part``) of the element ``node_id`` (or the root).

        pysaml2 signs the assertion, then hands our output straight back to sign the response: when the text
        is the very object we returned, the tree we signed it in is reused instead of parsed again.
        """
        previous = getattr(_local, "signed", None)
        root = previous[1] if previous is not None and previous[0] is statement else parse_trusted(_as_bytes(statement))
        _local.signed = None
        node = _element_by_id(root, node_id, node_name) if node_id else root
        signature = node.find(f"{{{DSIG_NS}}}Signature")
        if signature is None:
            raise SignatureError(f"no signature template in {node_name} {node_id}")
        xmlsec.tree.add_ids(node, ["ID"])
        context = xmlsec.SignatureContext()
        context.key = self.keys.load(key_file, "private")
        try:
            context.sign(signature)
        except xmlsec.Error as error:
            raise SignatureError(f"cannot sign {node_name} {node_id}: {error}") from error
        output = str(etree.tostring(root, encoding="unicode"))
        _local.signed = (output, root)
        return output

    def validate_signature(
        self, signedtext: str | bytes, cert_file: str, cert_type: str, node_name: str, node_id: str
    ) -> bool:
        """True when the element with ID ``node_id`` carries a valid signature by the key in ``cert_file``."""
        if cert_type not in ("pem", "der"):
            raise SignatureError(f"unsupported certificate type {cert_type}")
        root = parse_untrusted(_as_bytes(signedtext))
        return verify_enveloped(root, node_id, node_name, self.keys.load(cert_file, "certificate"))

    # --- encryption ---------------------------------------------------------------------------------

    def encrypt_assertion(  # noqa: PLR0917 - pysaml2's signature
        self,
        statement: str | bytes | SamlBase,
        enc_key: str,
        template: object,
        key_type: str = "aes256-gcm",
        node_xpath: str | None = None,
        node_id: str | None = None,
    ) -> str:
        """Encrypt the Assertion inside ``Response/EncryptedAssertion`` for the certificate in ``enc_key``.

        pysaml2 hands a template asking for 3DES; we ignore its algorithms: AES-256-GCM for the data and
        RSA-OAEP for the session key, whatever the caller asked for.
        """
        if isinstance(statement, SamlBase):
            statement = pre_encrypt_assertion(statement)
        root = parse_trusted(_as_bytes(statement))
        assertion = root.find(f"{{{SAML_NS}}}EncryptedAssertion/{{{SAML_NS}}}Assertion")
        if assertion is None:
            raise EncryptError("no Assertion inside an EncryptedAssertion")
        encrypt_element(assertion, self.keys.load(enc_key, "certificate"))
        return str(etree.tostring(root, encoding="unicode"))

    def encrypt(self, text: str, recv_key: str, template: object, session_key_type: str, xpath: str = "") -> str:
        raise EncryptError("only assertion encryption is supported")

    def decrypt(self, enctext: str | bytes, key_file: str) -> str:
        """Replace every ``EncryptedData`` in the document with its plaintext, using the private key."""
        root = parse_untrusted(_as_bytes(enctext))
        key = self.keys.load(key_file, "private")
        found = root.xpath("//xenc:EncryptedData", namespaces=NAMESPACES)
        if not found:
            raise DecryptError("nothing encrypted")
        for encrypted in found:
            decrypt_element(encrypted, key)
        return str(etree.tostring(root, encoding="unicode"))


def verify_enveloped(root: Any, node_id: str | None, node_name: str, key: xmlsec.Key) -> bool:
    """Verify the enveloped signature of the element ``node_id`` (or the root) with ``key`` only."""
    node = _element_by_id(root, node_id, node_name) if node_id else root
    signatures = node.findall(f"{{{DSIG_NS}}}Signature")
    if len(signatures) != 1:
        raise SignatureError("the signed element must hold exactly one Signature")
    signature = signatures[0]
    references = signature.findall(f"{{{DSIG_NS}}}SignedInfo/{{{DSIG_NS}}}Reference")
    element_id = node.get("ID")
    # saml-core §5.4.2: one Reference whose URI points at the enclosing element; never another
    # element (signature wrapping) nor a remote URI (no fetches).
    if len(references) != 1 or not element_id or references[0].get("URI") != f"#{element_id}":
        raise SignatureError("the Reference must point at the signed element itself")
    if signature.find(f"{{{DSIG_NS}}}Object") is not None:
        raise SignatureError("ds:Object is not allowed in SAML signatures")
    xmlsec.tree.add_ids(node, ["ID"])
    context = xmlsec.SignatureContext()
    context.key = key
    for transform in ALLOWED_REFERENCE_TRANSFORMS:
        context.enable_reference_transform(transform)
    for transform in ALLOWED_SIGNATURE_TRANSFORMS:
        context.enable_signature_transform(transform)
    try:
        context.verify(signature)
    except xmlsec.Error:
        return False
    return True


def sign_enveloped(element: Any, key: xmlsec.Key) -> Any:
    """Sign ``element`` in place and return its ``ds:Signature``: RSA-SHA256 over the exclusive canonical
    form of the element (enveloped), SHA-256 digest, the key's certificate in KeyInfo (saml-core §5.4).

    The element must carry an ``ID`` and start with its ``Issuer``: the signature goes right after it, where
    the SAML schema wants it.
    """
    element_id = element.get("ID")
    if not element_id:
        raise SignatureError("the element to sign has no ID")
    signature = xmlsec.template.create(
        element, xmlsec.constants.TransformExclC14N, xmlsec.constants.TransformRsaSha256, ns="ds"
    )
    reference = xmlsec.template.add_reference(signature, xmlsec.constants.TransformSha256, uri=f"#{element_id}")
    xmlsec.template.add_transform(reference, xmlsec.constants.TransformEnveloped)
    xmlsec.template.add_transform(reference, xmlsec.constants.TransformExclC14N)
    key_info = xmlsec.template.ensure_key_info(signature)
    xmlsec.template.x509_data_add_certificate(xmlsec.template.add_x509_data(key_info))
    element.insert(1, signature)
    xmlsec.tree.add_ids(element, ["ID"])
    context = xmlsec.SignatureContext()
    context.key = key
    try:
        context.sign(signature)
    except xmlsec.Error as error:
        raise SignatureError(f"cannot sign {element_id}: {error}") from error
    return signature


def encrypt_element(element: Any, key: xmlsec.Key) -> Any:
    """Replace ``element`` by an ``xenc:EncryptedData`` (AES-256-GCM, session key under RSA-OAEP).

    The plaintext is the element serialized with the namespace declarations it inherits, under the prefixes
    it already has: the receiver puts it back where it was, and its exclusive canonical form (what its
    signature covers) is the same before and after.
    """
    plaintext = etree.tostring(element)
    template = xmlsec.template.encrypted_data_create(
        element.getroottree().getroot(),
        xmlsec.constants.TransformAes256Gcm,
        type=xmlsec.constants.TypeEncElement,
        ns="xenc",
    )
    xmlsec.template.encrypted_data_ensure_cipher_value(template)
    key_info = xmlsec.template.encrypted_data_ensure_key_info(template, ns="ds")
    encrypted_key = xmlsec.template.add_encrypted_key(key_info, xmlsec.constants.TransformRsaOaep)
    xmlsec.template.encrypted_data_ensure_cipher_value(encrypted_key)
    manager = xmlsec.KeysManager()
    manager.add_key(key)
    context = xmlsec.EncryptionContext(manager)
    context.key = xmlsec.Key.generate(xmlsec.constants.KeyDataAes, 256, xmlsec.constants.KeyDataTypeSession)
    try:
        encrypted = context.encrypt_binary(template, plaintext)
    except xmlsec.Error as error:
        raise EncryptError(f"cannot encrypt: {error}") from error
    element.getparent().replace(element, encrypted)
    return encrypted


def decrypt_element(encrypted: Any, key: xmlsec.Key) -> Any:
    manager = xmlsec.KeysManager()
    manager.add_key(key)
    context = xmlsec.EncryptionContext(manager)
    try:
        return context.decrypt(encrypted)
    except xmlsec.Error as error:
        raise DecryptError(f"cannot decrypt: {error}") from error


def install_backend(security_context: Any, backend: InProcessBackend | None = None) -> InProcessBackend:
    """Replace the crypto backend of a pysaml2 ``SecurityContext`` with the in-process one."""
    chosen = backend or InProcessBackend()
    security_context.crypto = chosen
    return chosen


def _as_bytes(statement: str | bytes | SamlBase) -> bytes:
    if isinstance(statement, SamlBase):
        statement = statement.to_string()
    if isinstance(statement, str):
        return statement.encode("utf-8")
    return statement


_local = threading.local()


def _by_id() -> Any:
    """A compiled ``//*[@ID=$id]`` per thread (compiling it per call cost more than the signature's c14n)."""
    compiled = getattr(_local, "by_id", None)
    if compiled is None:
        compiled = _local.by_id = etree.XPath("//*[@ID=$id]")
    return compiled


def _element_by_id(root: Any, node_id: str, node_name: str) -> Any:
    found = _by_id()(root, id=node_id)
    if len(found) != 1:
        # Two elements with one ID is the signature-wrapping attack: refuse, never guess.
        raise SignatureError(f"expected one element with ID {node_id!r}, found {len(found)}")
    node = found[0]
    local = node_name.rpartition(":")[2]
    if node_name and etree.QName(node).localname != local:
        raise SignatureError(f"element {node_id!r} is not a {local}")
    return node
