"""A whole registry world as one JSON document: validated, then written in one transaction.

This is how integrators migrate (export from one provider, import into another) and how tests and the
demo build scenarios. The format is documented in ``docs/registry-format.md``; in short::

    {"format": "mandate-idp/registry", "version": 1,
     "parties": [{"scheme": "kbo", "identifier": "0411515075", "name": "Emmaüs"}, ...],
     "users": [...], "work_relations": [...], "local_administrators": [...], "rights": [...],
     "legal_representatives": [...], "mandate_types": [...], "mandates": [...], "applications": [...]}

Records refer to each other by natural keys, never by database ids: a party by ``"scheme:identifier"``
(``"kbo:0411515075"``, ``"insz:85073003328"``), a user by username, a mandate type by code, a mandate by
its public id, an application by client id.

:func:`import_world` first validates the whole document, every identifier, date and reference, and
collects every problem with its JSON path (``parties[3].identifier``); if there is any, it raises
:class:`WorldInvalid` and writes nothing. Otherwise it writes in the caller's session and flushes; the
caller commits. In ``"upsert"`` mode (the default) importing the same document twice leaves the same
rows: records are matched by their natural keys. Import never deletes a record.

:func:`export_world` writes the same format back, so export → import into an empty registry → export
gives the same document. Password credentials leave as argon2id hashes only; TOTP secrets leave as they
are, so an export is as sensitive as the database itself.

Example::

    with transaction(sessions) as session:
        report = import_world(session, json.loads(Path("world.json").read_text()))
    print(report)  # parties: 7 created, 0 updated, 0 unchanged; users: ...

The package reads, checks, then writes, each step in its own module: ``records`` (the format's
vocabulary, limits and the records a document is read into), ``results`` (:class:`Problem`,
:class:`WorldInvalid`, :class:`ImportReport`), ``fields`` (the values of one JSON object, each problem
at its path), ``reading`` (a whole document into records), ``checking`` (keys and references across
records and against the registry), ``writing`` (the upsert), ``importing`` (:func:`import_world`: the
three in turn) and ``export`` (:func:`export_world`). Import from the package, not from its modules.
"""

from __future__ import annotations

from mandate_resolver.registry.exchange.export import export_world
from mandate_resolver.registry.exchange.importing import import_world
from mandate_resolver.registry.exchange.records import CREDENTIAL_KINDS as CREDENTIAL_KINDS
from mandate_resolver.registry.exchange.records import (
    FORMAT,
    MAX_RECORDS,
    SECTIONS,
    VERSION,
    ImportMode,
    PartyKey,
    mandate_id_for,
)
from mandate_resolver.registry.exchange.records import INITIATORS as INITIATORS
from mandate_resolver.registry.exchange.records import LANGUAGES as LANGUAGES
from mandate_resolver.registry.exchange.records import MAX_DETAIL_LENGTH as MAX_DETAIL_LENGTH
from mandate_resolver.registry.exchange.records import MAX_LIST_ITEMS as MAX_LIST_ITEMS
from mandate_resolver.registry.exchange.records import MAX_PROBLEMS as MAX_PROBLEMS
from mandate_resolver.registry.exchange.records import MAX_TEXT_LENGTH as MAX_TEXT_LENGTH
from mandate_resolver.registry.exchange.records import PARTY_KINDS as PARTY_KINDS
from mandate_resolver.registry.exchange.records import PROTOCOLS as PROTOCOLS
from mandate_resolver.registry.exchange.records import RIGHTS as RIGHTS
from mandate_resolver.registry.exchange.records import SCHEMES as SCHEMES
from mandate_resolver.registry.exchange.records import STATES as STATES
from mandate_resolver.registry.exchange.records import TARGET_GROUPS as TARGET_GROUPS
from mandate_resolver.registry.exchange.results import ImportReport, Problem, SectionCounts, WorldInvalid

# The names imported ``as`` themselves stay public outside ``__all__``, as they were when this package was
# one module: the format's vocabularies and limits (tests lower MAX_PROBLEMS and MAX_RECORDS here).
__all__ = [
    "FORMAT",
    "MAX_RECORDS",
    "SECTIONS",
    "VERSION",
    "ImportMode",
    "ImportReport",
    "PartyKey",
    "Problem",
    "SectionCounts",
    "WorldInvalid",
    "export_world",
    "import_world",
    "mandate_id_for",
]
