"""Reading SAML messages safely: bounded sizes before inflating or parsing, no DTDs, no entities, no network.

Every byte from the outside goes through ``decode_message`` (transport encoding) and ``parse_untrusted``
(XML); pysaml2 only ever sees text that passed both. Errors are ``MessageError`` with the HTTP status the
caller should answer (400, or 413 for an oversized message), never a stack trace.
"""

from __future__ import annotations

import base64
import binascii
import zlib
from typing import Any

from lxml import etree


class MessageError(Exception):
    """A SAML message that cannot be read; ``status`` is the HTTP status to answer with."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


# No DTD loading, no entity expansion, no network, no huge-tree mode: XXE (S09), billion laughs (S10).
_UNTRUSTED_PARSER = etree.XMLParser(
    resolve_entities=False,
    no_network=True,
    load_dtd=False,
    dtd_validation=False,
    huge_tree=False,
    remove_comments=False,
    remove_pis=True,
    collect_ids=False,
)
_TRUSTED_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def decode_message(value: str, *, deflated: bool, max_bytes: int) -> bytes:
    """The XML of a ``SAMLRequest``/``SAMLResponse`` parameter: base64, inflated for HTTP-Redirect.

    The encoded text and the inflated result are both bounded by ``max_bytes`` (a DEFLATE bomb stops at
    the bound, S11).
    """
    if len(value) > max_bytes * 4 // 3 + 4:
        raise MessageError("the SAML message is too large", 413)
    compact = "".join(value.split())
    try:
        raw = base64.b64decode(compact, validate=True)
    except (binascii.Error, ValueError):
        raise MessageError("the SAML message is not valid base64") from None
    if not deflated:
        if len(raw) > max_bytes:
            raise MessageError("the SAML message is too large", 413)
        return raw
    # saml-bindings §3.4.4.1: raw DEFLATE (no zlib header).
    inflater = zlib.decompressobj(-15)
    try:
        xml = inflater.decompress(raw, max_bytes + 1)
    except zlib.error:
        raise MessageError("the SAML message is not valid DEFLATE data") from None
    if len(xml) > max_bytes or inflater.unconsumed_tail:
        raise MessageError("the SAML message is too large", 413)
    if not inflater.eof:
        raise MessageError("the SAML message is truncated")
    return xml


def parse_untrusted(xml: bytes) -> Any:
    """Parse a message from outside; refuse any DTD (and so any entity) outright."""
    if b"<!DOCTYPE" in xml.upper() or b"<!ENTITY" in xml.upper():
        raise MessageError("DTDs and entities are not allowed in SAML messages")
    try:
        root = etree.fromstring(xml, _UNTRUSTED_PARSER)
    except (etree.XMLSyntaxError, ValueError):
        raise MessageError("the SAML message is not well-formed XML") from None
    docinfo: Any = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None:
        raise MessageError("DTDs and entities are not allowed in SAML messages")
    return root


def parse_trusted(xml: bytes) -> Any:
    """Parse XML we produced ourselves (still without entities or network)."""
    return etree.fromstring(xml, _TRUSTED_PARSER)
