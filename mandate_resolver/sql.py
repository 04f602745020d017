"""What the SQL backends share: a read connection to the embedded registry, statements built once, the
person behind a subject, validity on a date, the name key principals are sorted by, the accepted
mandate types, and registry rows turned into :class:`~mandate_resolver.types.Party` values.

Speed matters here: the re-check of a posted choice runs on every login and must stay under a
millisecond. So the backends use SQLAlchemy Core on a plain connection (no ORM unit of work), build each
statement once per dialect with bound parameters, and keep the mandate type catalogue a few seconds.

Registry rows are parsed like any other input: an identifier that does not check out makes the source
fail rather than reach a relying party.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
import time
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Final, TypeAlias, cast

from sqlalchemy import (
    ARRAY,
    ColumnElement,
    Integer,
    Select,
    String,
    and_,
    any_,
    bindparam,
    func,
    literal_column,
    or_,
    select,
)
from sqlalchemy.engine import Connection, Dialect, Engine
from sqlalchemy.exc import DBAPIError, SQLAlchemyError
from sqlalchemy.orm import InstrumentedAttribute, Session
from sqlalchemy.sql.compiler import Compiled
from sqlalchemy.sql.elements import BindParameter
from sqlalchemy.sql.selectable import SelectBase

from mandate_resolver.cache import TtlCache
from mandate_resolver.identifiers import (
    EstablishmentNumber,
    IdentifierError,
    Insz,
    KboNumber,
    OvoCode,
    PartyIdentifier,
)
from mandate_resolver.registry.models import MandateType, MandateTypeText, Party, User
from mandate_resolver.types import AppPolicy, MandateTypeRef, SourceUnavailable, Subject
from mandate_resolver.types import Party as PartyValue

__all__ = [
    "INSZ",
    "RegisteredPerson",
    "Registry",
    "SessionFactory",
    "TypeCatalogue",
    "code_point",
    "fixed_limit",
    "list_value",
    "name_key",
    "one_of",
    "party_value",
    "valid_on",
]

SessionFactory: TypeAlias = Callable[[], Session]

INSZ: Final = "insz"
# Mandate type names change when an administrator edits them, rarely; a few seconds late is harmless.
TYPE_CATALOGUE_TTL_S: Final = 5.0
_MAX_STATEMENTS: Final = 512


@dataclass(frozen=True, slots=True)
class Prepared:
    """A statement compiled once for one database, run on the driver directly.

    SQLAlchemy's ``Connection.execute`` spends more on each call than SQLite takes to answer these queries
    (locating the compiled form, building an execution context and a result, typing each row); here that
    work is done once, and each call only binds the values, runs the SQL on a cursor of the driver, and
    converts the columns that need it (dates in SQLite).
    """

    compiled: Compiled
    positional: tuple[str, ...] | None
    bind_processors: Mapping[str, Callable[[Any], Any]]
    # (column index, processor) of the columns the driver does not give as the statement types them.
    result_processors: tuple[tuple[int, Callable[[Any], Any]], ...]

    @classmethod
    def compile(cls, statement: SelectBase, dialect: Dialect) -> Prepared:
        compiled = statement.compile(dialect=dialect)
        escaped = compiled.escaped_bind_names
        processors = {
            escaped.get(name, name): processor
            for bind, name in compiled.bind_names.items()
            if (processor := bind.type.dialect_impl(dialect).bind_processor(dialect)) is not None
        }
        results = tuple(
            (index, processor)
            for index, column in enumerate(statement.selected_columns)
            if (processor := column.type.dialect_impl(dialect).result_processor(dialect, None)) is not None
        )
        positional = tuple(compiled.positiontup) if compiled.positiontup is not None else None
        return cls(compiled, positional, processors, results)

    def run(self, connection: Connection, parameters: Mapping[str, object]) -> list[tuple[Any, ...]]:
        """All rows for ``parameters``, each a tuple with its columns typed as the statement says.

        A driver error is raised as SQLAlchemy raises it (a ``DBAPIError``: the source is unavailable), and
        a connection the error shows lost is invalidated, so the pool never hands it out again.
        """
        values = dict(self.compiled.construct_params(dict(parameters)) or {})
        for name, processor in self.bind_processors.items():
            values[name] = processor(values[name])
        arguments: tuple[Any, ...] | dict[str, Any] = (
            tuple(values[name] for name in self.positional) if self.positional is not None else values
        )
        dialect = connection.dialect
        pooled = connection.connection
        cursor = pooled.cursor()
        try:
            cursor.execute(self.compiled.string, arguments)
            # Both drivers give a list of tuples.
            rows = cast("list[tuple[Any, ...]]", cursor.fetchall())
        except dialect.loaded_dbapi.Error as exc:
            lost = dialect.is_disconnect(exc, pooled.dbapi_connection, cursor)
            if lost:
                connection.invalidate(exc)
            raise DBAPIError.instance(
                self.compiled.string,
                arguments,
                exc,
                dialect.loaded_dbapi.Error,
                hide_parameters=connection.engine.hide_parameters,
                connection_invalidated=lost,
                dialect=dialect,
            ) from exc
        finally:
            cursor.close()
        if not self.result_processors:
            return rows
        converted = []
        for row in rows:
            columns = list(row)
            for index, processor in self.result_processors:
                columns[index] = processor(columns[index])
            converted.append(tuple(columns))
        return converted

    def first(self, connection: Connection, parameters: Mapping[str, object]) -> tuple[Any, ...] | None:
        rows = self.run(connection, parameters)
        return rows[0] if rows else None


class Registry:
    """The embedded registry as the SQL backends read it: connections and statements compiled once.

    >>> from sqlalchemy import literal, select
    >>> from mandate_resolver.registry.database import make_engine
    >>> registry = Registry(lambda: None)
    >>> prepared = registry.statement(make_engine("sqlite://").dialect, "answer", lambda _: select(literal(42)))
    >>> prepared.compiled.string
    'SELECT ? AS anon_1'
    """

    def __init__(self, session_factory: SessionFactory) -> None:
        self._sessions = session_factory
        self._engine: Engine | None = None
        self._statements: dict[Hashable, Prepared] = {}
        self._lock = threading.Lock()
        self.types: TtlCache[TypeCatalogue] = TtlCache(TYPE_CATALOGUE_TTL_S, 256, time.monotonic)

    def engine(self) -> Engine:
        if self._engine is None:
            session = self._sessions()
            try:
                bind = session.get_bind()
            finally:
                session.close()
            self._engine = bind if isinstance(bind, Engine) else bind.engine
        return self._engine

    @contextmanager
    def connect(self, *, generic_plans: bool = False) -> Iterator[Connection]:
        """A read connection for one call; any database error makes the source unavailable (fail closed).

        PostgreSQL runs it in autocommit: a call costs no BEGIN and ROLLBACK round trips (SQLite begins no
        transaction for reads anyway). Every statement then sees the registry as committed when it runs:
        a page may see a mandate stopped between two of its queries, and since every option is built by a
        query that checks the mandate is in force, that one is left out, never offered stale.

        ``generic_plans`` has PostgreSQL plan each prepared statement of the call once, for any parameters
        (see :func:`fixed_limit`), for the length of the call only: planning a page's statements anew on
        each run cost as much as running them. Only for statements whose plan does not depend on the values
        bound (each one's generic plan measured against its custom plans; ``bench/resolve.py``).
        """
        try:
            engine = self.engine()
            with engine.connect() as opened:
                if engine.dialect.name != "postgresql":
                    yield opened
                    return
                connection = opened.execution_options(isolation_level="AUTOCOMMIT")
                if not generic_plans:
                    yield connection
                    return
                connection.exec_driver_sql("SET plan_cache_mode = force_generic_plan")
                try:
                    yield connection
                finally:
                    try:
                        connection.exec_driver_sql("RESET plan_cache_mode")
                    except SQLAlchemyError:
                        # Never hand the pool a connection that plans the provider's other queries this way.
                        opened.invalidate()
                        raise
        except SQLAlchemyError as exc:
            raise SourceUnavailable("unavailable", f"database: {exc.__class__.__name__}") from exc

    def statement(self, dialect: Dialect, key: Hashable, build: Callable[[str], SelectBase]) -> Prepared:
        """The statement ``build(dialect name)``, compiled once for ``dialect`` and kept under ``key``."""
        cache_key = (dialect.name, key)
        found = self._statements.get(cache_key)
        if found is None:
            found = Prepared.compile(build(dialect.name), dialect)
            with self._lock:
                if len(self._statements) >= _MAX_STATEMENTS:
                    self._statements.clear()
                self._statements[cache_key] = found
        return found


def valid_on(
    valid_from: InstrumentedAttribute[dt.date],
    valid_until: InstrumentedAttribute[dt.date | None],
    on: BindParameter[dt.date] | dt.date,
) -> ColumnElement[bool]:
    """Rights, representations and mandates count only within their own dates, both ends inclusive;
    no end date means open-ended (DOMAIN.md, login step 3; SECURITY.md M11, M12)."""
    return and_(valid_from <= on, or_(valid_until.is_(None), valid_until >= on))


def one_of(
    dialect: str, column: InstrumentedAttribute[Any], name: str, element: type[Integer | String]
) -> ColumnElement[bool]:
    """``column IN <the list bound as name>``, without re-rendering the SQL for each list length (what
    SQLAlchemy's expanding parameters do, a cost on every call): an array in PostgreSQL, a JSON array
    read by ``json_each`` in SQLite. Bind the list with :func:`list_value`.
    """
    if dialect == "postgresql":
        return column == any_(bindparam(name, type_=ARRAY(element)))
    items: Select[Any] = select(literal_column("value")).select_from(func.json_each(bindparam(name, type_=String)))
    return column.in_(items.scalar_subquery())


def fixed_limit(rows: int) -> ColumnElement[int]:
    """A LIMIT written into the SQL text rather than bound: statements are kept per limit (page sizes and
    caps take few values), and PostgreSQL can then plan a prepared statement once. psycopg prepares a
    statement after a few runs on a connection; PostgreSQL then plans it once for any parameters (a
    generic plan) when that plan costs no more than planning each run, which costs as much as running
    these statements. A bound LIMIT is planned as if unknown (a tenth of the rows): the generic plan of a
    walk of the name index then sorts every match and costs milliseconds, so each run was planned anew.

    >>> from sqlalchemy import table, column, select
    >>> str(select(table("t", column("a")).c.a).limit(fixed_limit(51))).split()[-2:]
    ['LIMIT', '51']
    """
    return literal_column(str(int(rows)), Integer)


def list_value(dialect: str, items: Iterable[int | str]) -> object:
    """The value to bind to a :func:`one_of` parameter.

    >>> list_value("sqlite", [3, 1])
    '[3, 1]'
    """
    values = list(items)
    return values if dialect == "postgresql" else json.dumps(values)


def name_key(dialect: str, column: InstrumentedAttribute[str]) -> ColumnElement[str]:
    """``lower(name)`` compared by code point: binary in SQLite, ``COLLATE "C"`` in PostgreSQL, so the
    database orders exactly as Python merges (migration 0002 indexes exactly this expression)."""
    expression = func.lower(column)
    return expression.collate("C") if dialect == "postgresql" else expression


def code_point(dialect: str, column: InstrumentedAttribute[str]) -> ColumnElement[str]:
    """A text column compared by code point (see :func:`name_key`)."""
    return column.collate("C") if dialect == "postgresql" else column.expression


_CANONICAL: Final[dict[str, type[PartyIdentifier]]] = {
    cls.scheme: cls for cls in (Insz, KboNumber, EstablishmentNumber, OvoCode)
}


def party_value(scheme: str, identifier: str, name: str, target_group: str) -> PartyValue:
    """A registry row as a :class:`~mandate_resolver.types.Party`, its identifier checked: stored numbers
    are canonical, so anything but the canonical form (or a wrong check digit) is refused.

    >>> party_value("kbo", "0411515075", "Emmaüs", "EA").id
    '0411515075'
    """
    identifier_type = _CANONICAL.get(scheme)
    if identifier_type is None:
        raise IdentifierError(scheme, identifier, "scheme")
    return PartyValue(identifier_type(identifier), name, target_group)


@dataclass(frozen=True, slots=True)
class RegisteredPerson:
    """The subject in this registry: their person party, and their user account if they have one."""

    person_id: int
    user_id: int | None


def registered_person(registry: Registry, connection: Connection, subject: Subject) -> RegisteredPerson | None:
    """The registry's ids of ``subject`` (from the subject when the login knew them), or None."""
    if subject.person_id is not None and subject.user_id is not None:
        return RegisteredPerson(subject.person_id, subject.user_id)
    by_id = subject.person_id is not None
    statement = registry.statement(connection.dialect, ("person", by_id), lambda _: _person_statement(by_id))
    value: object = subject.person_id if by_id else subject.identifier.value
    row = statement.first(connection, {"value": value})
    return RegisteredPerson(row[0], row[1]) if row is not None else None


def _person_statement(by_id: bool) -> SelectBase:
    statement = select(Party.id, User.id).outerjoin(User, User.person_id == Party.id)
    if by_id:
        return statement.where(Party.id == bindparam("value"))
    return statement.where(Party.scheme == INSZ, Party.identifier == bindparam("value"))


@dataclass(frozen=True, slots=True)
class TypeCatalogue:
    """The mandate types a policy accepts that this registry knows: by id, named in its language."""

    by_id: dict[int, MandateTypeRef]

    @classmethod
    def load(cls, registry: Registry, connection: Connection, policy: AppPolicy) -> TypeCatalogue:
        """The accepted types, from the registry's cache when it is fresh."""
        key = (policy.accepted_mandate_types, policy.language)
        cached = registry.types.get(key)
        if cached is not None:
            return cached
        statement = registry.statement(connection.dialect, "types", _types_statement)
        codes = list_value(connection.dialect.name, sorted(policy.accepted_mandate_types))
        names: dict[int, dict[str, str]] = {}
        kinds: dict[int, tuple[str, int | None]] = {}
        for type_id, code, number, language, name in statement.run(connection, {"codes": codes}):
            kinds[type_id] = (code, number)
            if language is not None and name is not None:
                names.setdefault(type_id, {})[language] = name
        catalogue = cls(
            {
                type_id: MandateTypeRef(code, _type_name(names.get(type_id, {}), policy.language, code), number)
                for type_id, (code, number) in kinds.items()
            }
        )
        registry.types.put(key, catalogue)
        return catalogue

    @property
    def ids(self) -> list[int]:
        return sorted(self.by_id)


def _types_statement(dialect: str) -> SelectBase:
    return (
        select(MandateType.id, MandateType.code, MandateType.number, MandateTypeText.language, MandateTypeText.name)
        .outerjoin(MandateTypeText, MandateTypeText.mandate_type_id == MandateType.id)
        .where(one_of(dialect, MandateType.code, "codes", String))
    )


def _type_name(by_language: dict[str, str], language: str, code: str) -> str:
    # As ``MandateType.name_in``: the policy's language, else Dutch, else any, else the code.
    fallback = min(by_language.items())[1] if by_language else code
    return by_language.get(language) or by_language.get("nl") or fallback
