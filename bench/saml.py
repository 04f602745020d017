"""Signed SAML responses per second: how the product builds them beside pysaml2's stock backend.

    .venv/bin/python bench/saml.py [--seconds 3] [--rsa-bits 3072]

Two service providers, so both signing choices are measured: one whose metadata says
``WantAssertionsSigned="true"`` (Response and Assertion signed: two RSA signatures) and one whose metadata
does not (Response signed only: one). For each, three ways build the same Response for the same request,
attributes and key, with the same signing choice (``idp.saml.responses.signs_assertion``):

- ``ours``: ``build_response``, what the product does: lxml writes the XML, python-xmlsec signs it in process;
- ``pysaml2 + in-process``: pysaml2's object model with our in-process backend (the product before);
- ``pysaml2 + xmlsec1 (stock)``: pysaml2's object model with its stock backend, which starts the ``xmlsec1``
  program (twice per signature) on temporary files. Skipped, with a note, when ``xmlsec1`` is not installed.

Every response is checked (signatures counted, one of each kind verified) before the clock starts. The
speed-up is ``ours`` over the stock column. The first line gives the machine's load: the figures move with it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # measure the checkout this file is in, not the one the venv points at

from lxml import etree  # noqa: E402

from idp.keys import DEFAULT_RSA_BITS, KeyStore  # noqa: E402
from idp.saml.attributes import attributes_for  # noqa: E402
from idp.saml.crypto import DSIG_NS, KeyCache, verify_enveloped  # noqa: E402
from idp.saml.models import ServiceProvider  # noqa: E402
from idp.saml.provider import DIGEST_ALGORITHM, SIGNING_ALGORITHM, IdentityProvider, build_server  # noqa: E402
from idp.saml.requests import ValidatedRequest  # noqa: E402
from idp.saml.responses import IssuedNameId, build_response, signs_assertion  # noqa: E402
from idp.saml.testing import TestServiceProvider  # noqa: E402
from idp.settings import Settings  # noqa: E402
from mandate_resolver.identifiers import Insz  # noqa: E402
from mandate_resolver.types import Capacity, Party, Selection  # noqa: E402

Builder = Callable[[IdentityProvider, ServiceProvider], str]
TRANSIENT = "urn:oasis:names:tc:SAML:2.0:nameid-format:transient"
ME = Party(Insz.parse("85073003328"), "Sammy Roos", "BUR")
SELECTION = Selection("citizen:85073003328", "citizen", Capacity.CITIZEN, ME, ME, dt.date.today())


def _request(sp: ServiceProvider) -> ValidatedRequest:
    return ValidatedRequest("_r", sp.entity_id, "https://sp.example/acs", "", TRANSIENT)


def ours(provider: IdentityProvider, sp: ServiceProvider) -> str:
    request = _request(sp)
    return build_response(
        provider, request, sp,
        name_id=IssuedNameId(request.name_id_format, "_n", "_s"),
        attributes=attributes_for(SELECTION),
        authenticated_at=dt.datetime.now(dt.UTC),
        acr="http://eidas.europa.eu/LoA/low",
    )  # fmt: skip


def through_pysaml2(provider: IdentityProvider, sp: ServiceProvider) -> str:
    """The same Response through pysaml2's object model, as ``build_response`` made it before."""
    from saml2 import saml

    request = _request(sp)
    statement = saml.AuthnStatement(
        authn_instant=dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        session_index="_s",
        authn_context=saml.AuthnContext(
            authn_context_class_ref=saml.AuthnContextClassRef(
                text="urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport"
            )
        ),
    )
    name_id = saml.NameID(
        format=TRANSIENT, name_qualifier=provider.endpoints.entity_id, sp_name_qualifier=sp.entity_id, text="_n"
    )
    response = provider.server._authn_response(
        request.request_id, request.acs_url, sp.entity_id,
        identity=attributes_for(SELECTION), name_id=name_id, authn_statement=statement,
        policy=provider.release_policy, sign_response=True, sign_assertion=signs_assertion(provider, sp),
        encrypt_assertion=False, sign_alg=SIGNING_ALGORITHM, digest_alg=DIGEST_ALGORITHM,
    )  # fmt: skip
    return str(response)


def check(xml: str, provider: IdentityProvider, assertion_signed: bool) -> None:
    """The response carries the signatures the signing choice asks for, and they verify."""
    root = etree.fromstring(xml.encode())
    assertion = root.find("{urn:oasis:names:tc:SAML:2.0:assertion}Assertion")
    key = KeyCache().load(provider.key.certificate_path, "certificate")
    assert verify_enveloped(root, None, "Response", key), "the Response signature does not verify"
    assert (assertion.find(f"{{{DSIG_NS}}}Signature") is not None) is assertion_signed
    if assertion_signed:
        assert verify_enveloped(assertion, None, "Assertion", key), "the Assertion signature does not verify"


@dataclass
class Tally:
    """One builder's count, wall time and CPU time (ours and our ``xmlsec1`` children's) over all rounds."""

    count: int = 0
    wall: float = 0.0
    cpu: float = 0.0
    rates: list[float] = field(default_factory=list)

    def run(self, build: Builder, provider: IdentityProvider, sp: ServiceProvider, seconds: float) -> None:
        count, cpu_started, started = 0, _cpu(), time.perf_counter()
        while time.perf_counter() - started < seconds:
            build(provider, sp)
            count += 1
        wall = time.perf_counter() - started
        self.count += count
        self.wall += wall
        self.cpu += _cpu() - cpu_started
        self.rates.append(count / wall)

    @property
    def median(self) -> float:
        return statistics.median(self.rates)

    @property
    def per_cpu_second(self) -> float:
        return self.count / self.cpu


def _cpu() -> float:
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def measure(
    builders: list[tuple[Builder, IdentityProvider]], sp: ServiceProvider, seconds: float, rounds: int
) -> list[Tally]:
    """Round-robin slices of ``seconds / rounds`` per builder, so a change of load hits every column alike."""
    for build, provider in builders:
        check(build(provider, sp), provider, signs_assertion(provider, sp))
    tallies = [Tally() for _ in builders]
    for _ in range(rounds):
        for tally, (build, provider) in zip(tallies, builders, strict=True):
            tally.run(build, provider, sp, seconds / rounds)
    return tallies


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=6.0, help="per builder and SP, in --rounds slices")
    parser.add_argument("--rounds", type=int, default=12)
    parser.add_argument("--rsa-bits", type=int, default=DEFAULT_RSA_BITS, help="SAML key size (product default)")
    arguments = parser.parse_args()
    directory = Path(tempfile.mkdtemp(prefix="saml-bench-"))
    settings = Settings(keys_dir=str(directory))
    key = KeyStore.load_or_create(directory, rsa_bits=arguments.rsa_bits).saml_key()
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    print(f"RSA-{arguments.rsa_bits} key, RSA-SHA256; {arguments.seconds:g} s per row in {arguments.rounds} slices")
    print(f"{os.cpu_count()} CPUs, load average {load} (1, 5, 15 min)")
    ours_provider = IdentityProvider(settings, key)
    builders: list[tuple[str, Builder, IdentityProvider]] = [
        ("ours (lxml + python-xmlsec)", ours, ours_provider),
        ("pysaml2 + in-process", through_pysaml2, ours_provider),
    ]
    if shutil.which("xmlsec1") is not None:
        stock = IdentityProvider(settings, key)
        stock.server = build_server(settings, key, stock.endpoints, crypto_backend="xmlsec1")
        stock.server.metadata = stock.server.sec.metadata = ours_provider.server.metadata
        builders.append(("pysaml2 + xmlsec1 (stock)", through_pysaml2, stock))
    print(f"{'service provider':<30}{'builder':<29}{'responses/s (median)':>21}{'per CPU-second':>16}")
    for want_signed in (True, False):
        test_sp = TestServiceProvider.create(
            "https://sp.example/metadata", "https://sp.example/acs", want_assertions_signed=want_signed
        )
        sp = ServiceProvider(
            entity_id=test_sp.entity_id, metadata_xml=test_sp.metadata(), name_id_formats=[TRANSIENT],
            attribute_profile="standard", encrypt_assertions=False, sign_assertions="metadata", name_id_secret="x" * 64,
        )  # fmt: skip
        ours_provider.load(sp)
        label = "Response + Assertion signed" if signs_assertion(ours_provider, sp) else "Response signed only"
        tallies = measure([(b, p) for _, b, p in builders], sp, arguments.seconds, arguments.rounds)
        for index, ((name, _, _), tally) in enumerate(zip(builders, tallies, strict=True)):
            print(f"{label if index == 0 else '':<30}{name:<29}{tally.median:>21.1f}{tally.per_cpu_second:>16.1f}")
        if len(tallies) < 3:
            print(f"{'':<30}{'pysaml2 + xmlsec1 (stock)':<29}{'skipped':>21}  (xmlsec1 is not installed)")
            continue
        ours_tally, stock_tally = tallies[0], tallies[2]
        print(
            f"{'':<30}{'speed-up, ours / stock':<29}{ours_tally.median / stock_tally.median:>20.1f}x"
            f"{ours_tally.per_cpu_second / stock_tally.per_cpu_second:>15.1f}x"
        )


if __name__ == "__main__":
    main()
