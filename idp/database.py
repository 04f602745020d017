"""The registry as the web app sees it: one engine per process, one session per request."""

from __future__ import annotations

from dataclasses import dataclass

from flask import Flask, current_app, g
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from mandate_resolver.registry.database import make_engine, make_session_factory

from .settings import Settings


@dataclass(frozen=True, slots=True)
class Database:
    engine: Engine
    sessions: sessionmaker[Session]

    @classmethod
    def from_settings(cls, settings: Settings) -> Database:
        url = settings.database_url
        if url.startswith("sqlite:///") and not url.startswith("sqlite:////"):
            # A relative SQLite path is taken from the project root, wherever the command runs.
            relative = url.removeprefix("sqlite:///")
            path = settings.path(relative)
            path.parent.mkdir(parents=True, exist_ok=True)
            url = f"sqlite:///{path}"
        engine = make_engine(url, schema=settings.database_schema or None)
        return cls(engine, make_session_factory(engine))


def database(app: Flask | None = None) -> Database:
    target = app or current_app
    db: Database = target.extensions["idp.database"]
    return db


def db_session() -> Session:
    """The request's session, opened on first use and closed when the request ends."""
    if "db_session" not in g:
        g.db_session = database().sessions()
    session: Session = g.db_session
    return session


def close_session(_exc: BaseException | None = None) -> None:
    session: Session | None = g.pop("db_session", None)
    if session is not None:
        session.close()
