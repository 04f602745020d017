"""Importing a document: read it, check it whole, and only then write it."""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy.orm import Session

from mandate_resolver.registry.exchange.checking import _check
from mandate_resolver.registry.exchange.reading import _Reader
from mandate_resolver.registry.exchange.records import ImportMode
from mandate_resolver.registry.exchange.results import ImportReport
from mandate_resolver.registry.exchange.writing import _Writer
from mandate_resolver.registry.passwords import DEFAULT_PROFILE, HashProfile


def import_world(
    session: Session,
    document: Mapping[str, object],
    *,
    mode: ImportMode = "upsert",
    profile: HashProfile = DEFAULT_PROFILE,
) -> ImportReport:
    """Validate ``document`` entirely, then write it in ``session`` (flushed, not committed).

    ``mode="upsert"`` creates records that are new and updates the ones found by natural key, so the
    same document imported twice gives the same rows; ``mode="create"`` refuses any record that exists.
    ``profile`` is the argon2id cost for plaintext passwords in the document (tests pass a light one).

    Raises :class:`WorldInvalid` with every problem (``parties[3].identifier: ...``) and writes nothing
    when the document is not valid. An error from the database while writing (another writer took a
    username meanwhile) propagates: roll the session back.

    Example::

        report = import_world(session, {"format": "mandate-idp/registry", "version": 1,
                                        "parties": [{"scheme": "kbo", "identifier": "0411515075",
                                                     "name": "Emmaüs"}]})
        assert report["parties"].created == 1
        session.commit()
    """
    if mode not in ("create", "upsert"):
        raise ValueError(f"mode must be 'create' or 'upsert', not {mode!r}")
    reader = _Reader()
    reader.read(document)
    if not reader.readable:
        reader.problems.raise_if_any()
    # References are checked even when some records are broken, so that one run reports everything.
    known = _check(session, reader, mode)
    reader.problems.raise_if_any()
    return _Writer(session, known, mode, profile).write(reader.world)
