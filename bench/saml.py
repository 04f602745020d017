"""Signed SAML responses per second: our in-process backend beside pysaml2's stock xmlsec1 backend.

    .venv/bin/python bench/saml.py [--seconds 3]

Both columns build the same Response (assertion and response signed, RSA-SHA256) through the same pysaml2
server; only the crypto backend differs. Without the ``xmlsec1`` program the stock column is skipped.
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import tempfile
import time
from pathlib import Path

from idp.keys import DEFAULT_RSA_BITS, KeyStore
from idp.saml.attributes import attributes_for
from idp.saml.models import ServiceProvider
from idp.saml.provider import IdentityProvider, build_server
from idp.saml.requests import ValidatedRequest
from idp.saml.responses import IssuedNameId, build_response
from idp.saml.testing import TestServiceProvider
from idp.settings import Settings
from mandate_resolver.identifiers import Insz
from mandate_resolver.types import Capacity, Party, Selection


def rate(provider: IdentityProvider, sp: ServiceProvider, seconds: float) -> float:
    me = Party(Insz.parse("85073003328"), "Sammy Roos", "BUR")
    selection = Selection("citizen:85073003328", "citizen", Capacity.CITIZEN, me, me, dt.date.today())
    request = ValidatedRequest(
        "_r", sp.entity_id, "https://sp.example/acs", "", "urn:oasis:names:tc:SAML:2.0:nameid-format:transient"
    )
    count, started = 0, time.perf_counter()
    while time.perf_counter() - started < seconds:
        build_response(
            provider, request, sp,
            name_id=IssuedNameId(request.name_id_format, "_n", "_s"),
            attributes=attributes_for(selection),
            authenticated_at=dt.datetime.now(dt.UTC),
            acr="http://eidas.europa.eu/LoA/low",
        )  # fmt: skip
        count += 1
    return count / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=3.0)
    parser.add_argument("--rsa-bits", type=int, default=DEFAULT_RSA_BITS, help="SAML key size (product default)")
    arguments = parser.parse_args()
    directory = Path(tempfile.mkdtemp(prefix="saml-bench-"))
    settings = Settings(keys_dir=str(directory))
    key = KeyStore.load_or_create(directory, rsa_bits=arguments.rsa_bits).saml_key()
    print(
        f"RSA-{arguments.rsa_bits} key, RSA-SHA256, assertion and response signed, {arguments.seconds:g} s per backend"
    )
    test_sp = TestServiceProvider.create("https://sp.example/metadata", "https://sp.example/acs")
    sp = ServiceProvider(
        entity_id=test_sp.entity_id, metadata_xml=test_sp.metadata(), name_id_formats=[], attribute_profile="standard",
        encrypt_assertions=False, name_id_secret="x" * 64,
    )  # fmt: skip
    ours = IdentityProvider(settings, key)
    ours.load(sp)
    in_process = rate(ours, sp, arguments.seconds)
    print(f"{'backend':<28}{'signed responses/s':>20}")
    print(f"{'in-process (python-xmlsec)':<28}{in_process:>20.1f}")
    if shutil.which("xmlsec1") is None:
        print(f"{'stock xmlsec1':<28}{'skipped':>20}  (the xmlsec1 program is not installed)")
        return
    stock = IdentityProvider(settings, key)
    stock.server = build_server(settings, key, stock.endpoints, crypto_backend="xmlsec1")
    stock.server.metadata = ours.server.metadata
    stock.server.sec.metadata = ours.server.metadata
    stock_rate = rate(stock, sp, arguments.seconds)
    print(f"{'stock xmlsec1 (subprocess)':<28}{stock_rate:>20.1f}")
    print(f"speed-up: {in_process / stock_rate:.1f}x")


if __name__ == "__main__":
    main()
