"""Benchmark of the resolver chain at scale: an executor at an accounting firm who can act for N mandators.

For each store (SQLite always, PostgreSQL with ``--postgres URL``) and each N, it builds that world in a
fresh database, then times what the provider does on a login:

- ``page``: the first page of 50 tiles plus the capped count (the whole chain: citizen, IDM, SSM, KBO);
- ``next``: a page further on, from a cursor;
- ``check``: "may this person act for M via N", repeated when the choice is posted;
- ``search name`` / ``search number``: search within the options by the start of a name, by a KBO number.

Run from a fresh checkout::

    .venv/bin/python bench/resolve.py
    .venv/bin/python bench/resolve.py --sizes 1,100,10000,100000 --postgres postgresql+psycopg://postgres@127.0.0.1:5432/test

Each figure is ``median / 95th percentile / CPU`` in milliseconds over ``--repeat`` runs: the wall time of a
call, and the mean CPU time this process spent per call (all threads: the chain's sources run in a pool),
which depends less on what else the machine is doing. The first line gives the machine's load.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from sqlalchemy import insert, select, text  # noqa: E402
from sqlalchemy.engine import Connection, Engine  # noqa: E402

from idp import migrate  # noqa: E402
from mandate_resolver.chain import ResolverChain  # noqa: E402
from mandate_resolver.identifiers import Insz, make_insz, make_kbo  # noqa: E402
from mandate_resolver.plugins import build_chain  # noqa: E402
from mandate_resolver.registry.database import make_engine, make_session_factory  # noqa: E402
from mandate_resolver.registry.models import (  # noqa: E402
    Base,
    Mandate,
    MandateState,
    MandateType,
    MandateTypeText,
    Party,
    PartyKind,
    RightKind,
    User,
    UserRight,
    UserRightMandateType,
)
from mandate_resolver.testing import Entry  # noqa: E402
from mandate_resolver.types import AppPolicy, Subject  # noqa: E402

TODAY = dt.date(2025, 3, 1)
NOW = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
ENTRIES = (
    Entry("citizen", "mandate_resolver.citizen"),
    Entry("idm", "mandate_resolver.idm"),
    Entry("ssm", "mandate_resolver.ssm"),
    Entry("kbo", "mandate_resolver.kbo"),
)
WORDS = [
    *("Aalst", "Bakkerij", "Bouw", "Brouwerij", "Consult", "Dak", "Eiken", "Fiets", "Garage", "Haven", "Immo"),
    *("Jansen", "Kapsalon", "Linde", "Molen", "Noord", "Oost", "Peeters", "Quadra", "Reno", "Schrijnwerk"),
    *("Tuin", "Uitvaart", "Verhuur", "Wouters", "Zuid", "Apotheek", "Beton", "Claes", "Dierenarts", "Elektro"),
    *("Frituur", "Goossens", "Hoeve", "Interieur", "Juwelier", "Keuken", "Loodgieter", "Maes", "Notaris"),
]
FORMS = ("BV", "NV", "CV", "VZW", "Comm.V")
BATCH = 5000


@dataclass(frozen=True, slots=True)
class World:
    subject: Subject
    policy: AppPolicy
    # A mandator reachable through two mandatees, and a name prefix and number to search for.
    sample_key: str
    search_name: str
    search_number: str


def company_name(rng: random.Random, index: int) -> str:
    return f"{rng.choice(WORDS)} {rng.choice(WORDS)} {index} {rng.choice(FORMS)}"


def _party(kind: PartyKind, scheme: str, identifier: str, name: str, group: str) -> dict[str, object]:
    return {
        "kind": kind,
        "scheme": scheme,
        "identifier": identifier,
        "name": name,
        "target_group": group,
        "country": "BE",
        "created_at": NOW,
    }


def _mandate(rng: random.Random, mandator: int, mandatee: int, type_id: int, **changes: object) -> dict[str, object]:
    row: dict[str, object] = {
        "id": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
        "mandate_type_id": type_id,
        "mandator_id": mandator,
        "mandatee_id": mandatee,
        "valid_from": dt.date(2024, 1, 1),
        "valid_until": None,
        "reference": "",
        "language": "nl",
        "state": MandateState.SIGNED,
        "initiator": "mandator",
        "mandator_signed_at": NOW,
        "mandatee_signed_at": NOW,
        "created_at": NOW,
        "updated_at": NOW,
        "version": 1,
    }
    row.update(changes)
    return row


def _insert_one(conn: Connection, table: type[Base], **values: object) -> int:
    return int(conn.execute(insert(table).values(**values).returning(table.id)).scalar_one())  # type: ignore[attr-defined]


def build_world(engine: Engine, size: int, seed: int = 3) -> World:
    """N mandator companies with a signed mandate to the firm, plus noise the queries must skip."""
    rng = random.Random(seed)
    with engine.begin() as conn:
        types = []
        for code in ("wse_loket", "fisc_btw", "sociaal"):
            type_id = _insert_one(conn, MandateType, code=code, active=True, created_at=NOW)
            text_row = {"mandate_type_id": type_id, "language": "nl", "name": code.upper(), "description": ""}
            conn.execute(insert(MandateTypeText).values(**text_row, creation_text="", stop_text=""))
            types.append(type_id)
        accepted, other, third = types
        executor_insz = make_insz(dt.date(1980, 5, 17), 101)
        executor_id = _insert_one(
            conn, Party, **_party(PartyKind.PERSON, "insz", executor_insz.value, "Eva Executeur", "BUR")
        )
        user_id = _insert_one(conn, User, person_id=executor_id, username="eva", created_at=NOW)
        firms = [
            _insert_one(
                conn, Party, **_party(PartyKind.ORGANISATION, "kbo", make_kbo(19_000_000 + i).value, name, "EA")
            )
            for i, name in enumerate(("Boekhouding Accountancy Zuid", "Fiscaal Kantoor Noord", "Ander Kantoor"))
        ]
        firm, second_firm, foreign_firm = firms
        # The executor's rights: the firm (accepted + another type) and a second firm (accepted type only).
        for organisation, right_types in ((firm, (accepted, other)), (second_firm, (accepted,))):
            right = {"organisation_id": organisation, "user_id": user_id, "valid_from": dt.date(2020, 1, 1)}
            right_id = _insert_one(conn, UserRight, **right, right=RightKind.MANDATE_EXECUTOR, created_at=NOW)
            context = [{"right_id": right_id, "mandate_type_id": t} for t in right_types]
            conn.execute(insert(UserRightMandateType), context)

        names = [company_name(rng, i) for i in range(size)]
        mandator_ids: list[int] = []
        returning = insert(Party).returning(Party.id, sort_by_parameter_order=True)
        for start in range(0, size, BATCH):
            rows = [
                _party(PartyKind.ORGANISATION, "kbo", make_kbo(1_000_000 + i).value, names[i], "EA")
                for i in range(start, min(size, start + BATCH))
            ]
            mandator_ids.extend(conn.execute(returning, rows).scalars())
        # Citizens who are nobody's mandator: the name index holds them too.
        for start in range(0, size // 2, BATCH):
            rows = [
                _party(PartyKind.PERSON, "insz", citizen(i).value, f"{rng.choice(WORDS)} Persoon {i}", "BUR")
                for i in range(start, min(size // 2, start + BATCH))
            ]
            conn.execute(insert(Party), rows)

        rows = []
        for index, mandator in enumerate(mandator_ids):
            rows.append(_mandate(rng, mandator, firm, accepted))
            if index % 10 == 1:  # noise: another type, a stopped one, an expired one, another firm's
                rows.append(_mandate(rng, mandator, firm, third))
                rows.append(_mandate(rng, mandator, firm, accepted, state=MandateState.STOPPED, stopped_at=NOW))
                rows.append(_mandate(rng, mandator, firm, accepted, valid_until=dt.date(2024, 6, 30)))
                rows.append(_mandate(rng, mandator, foreign_firm, accepted))
            if len(rows) >= BATCH:
                conn.execute(insert(Mandate), rows)
                rows = []
        # The first mandator is also reachable through the second firm: "several mandates possible".
        rows.append(_mandate(rng, mandator_ids[0], second_firm, accepted))
        conn.execute(insert(Mandate), rows)
        sample = conn.execute(
            select(Mandate.id).where(
                Mandate.mandator_id == mandator_ids[len(mandator_ids) // 2], Mandate.mandatee_id == firm
            )
        ).scalar_one()
    subject = Subject(executor_insz, "Eva Executeur", executor_id, user_id)
    policy = AppPolicy(TODAY, frozenset({"wse_loket"}), legal_representatives=True)
    prefix = names[len(names) // 4].split(" ")[0][:3].lower()
    searched = make_kbo(1_000_000 + len(mandator_ids) // 3).value
    return World(subject, policy, f"ssm:{sample}:kbo:{make_kbo(19_000_000).value}", prefix, searched)


def citizen(index: int) -> Insz:
    return make_insz(dt.date(1950, 1, 1) + dt.timedelta(days=index // 900), index % 900 + 1)


def analyse(engine: Engine) -> None:
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("VACUUM ANALYZE"))
    else:
        with engine.begin() as conn:
            conn.execute(text("ANALYZE"))


def timed(call: Callable[[], object], repeat: int) -> tuple[float, float, float]:
    """Median and 95th percentile of the wall time, and the mean CPU time of this process (all its
    threads: the chain's sources run in a pool), in milliseconds."""
    for _ in range(min(5, repeat)):  # warm the pool, the statement caches, the page cache
        call()
    samples = []
    cpu = time.process_time()
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        samples.append((time.perf_counter() - started) * 1000)
    cpu_ms = (time.process_time() - cpu) * 1000 / repeat
    samples.sort()
    return statistics.median(samples), samples[max(int(len(samples) * 0.95) - 1, 0)], cpu_ms


def measure(chain: ResolverChain, world: World, repeat: int) -> dict[str, object]:
    subject, policy = world.subject, world.policy
    first = chain.resolve_options(subject, policy, page_size=50)
    assert not first.failures, first.failures
    assert chain.check_option(subject, policy, world.sample_key) is not None
    middle = first.next_cursor
    results: dict[str, object] = {
        "tiles": len(first.principals),
        "count": f"{first.count.value}{'+' if first.count.capped else ''}",
        "page": timed(lambda: chain.resolve_options(subject, policy, page_size=50), repeat),
        "next": timed(lambda: chain.resolve_options(subject, policy, page_size=50, after=middle), repeat)
        if middle
        else None,
        "check": timed(lambda: chain.check_option(subject, policy, world.sample_key), repeat * 4),
        "search name": timed(lambda: chain.resolve_options(subject, policy, search=world.search_name), repeat),
        "search number": timed(lambda: chain.resolve_options(subject, policy, search=world.search_number), repeat),
    }
    ssm = chain.resolver("ssm")
    results["check (ssm only)"] = timed(lambda: ssm.check(subject, policy, world.sample_key), repeat * 4)
    return results


@contextmanager
def store(kind: str, postgres_url: str | None) -> Iterator[Engine]:
    if kind == "sqlite":
        with tempfile.TemporaryDirectory(prefix="resolver-bench-") as directory:
            engine = make_engine(f"sqlite:///{directory}/bench.sqlite3")
            try:
                yield engine
            finally:
                engine.dispose()
        return
    assert postgres_url is not None
    schema = "bench_" + uuid.uuid4().hex[:10]
    admin = make_engine(postgres_url)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    engine = make_engine(postgres_url, schema=schema)
    try:
        yield engine
    finally:
        engine.dispose()
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def fmt(value: object) -> str:
    if value is None:
        return "-"
    if isinstance(value, tuple):
        return f"{value[0]:.2f} / {value[1]:.2f} / {value[2]:.2f}"
    return str(value)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1,100,10000,100000", help="comma-separated numbers of mandators")
    parser.add_argument("--postgres", default=None, help="a PostgreSQL URL (a schema is created and dropped)")
    parser.add_argument("--repeat", type=int, default=200, help="timed runs per figure")
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",") if size]
    stores = ["sqlite"] + (["postgresql"] if args.postgres else [])
    columns = ["page", "next", "search name", "search number", "check", "check (ssm only)"]
    load = " / ".join(f"{value:.1f}" for value in os.getloadavg())
    print(f"# {os.cpu_count()} CPUs, load average {load}; {args.repeat} runs per figure")
    print("# milliseconds: median wall / 95th percentile wall / mean CPU of this process")
    print(f"{'store':<11} {'N':>7} {'tiles':>5} {'count':>6}  " + "  ".join(f"{c:>22}" for c in columns))
    for kind in stores:
        for size in sizes:
            with store(kind, args.postgres) as engine:
                migrate.upgrade(engine)
                started = time.perf_counter()
                world = build_world(engine, size)
                analyse(engine)
                built = time.perf_counter() - started
                chain = build_chain(ENTRIES, session_factory=make_session_factory(engine))
                try:
                    results = measure(chain, world, args.repeat)
                finally:
                    chain.close()
            cells = "  ".join(f"{fmt(results[c]):>22}" for c in columns)
            head = f"{kind:<11} {size:>7} {results['tiles']:>5} {results['count']:>6}"
            print(f"{head}  {cells}   (built in {built:.0f} s)")
            sys.stdout.flush()


if __name__ == "__main__":
    main()
