"""An example third-party resolver plugin (docs/resolver.md): "as employee of a Flemish government body",
read from an HR export, for bodies that have an OVO code and no KBO number (a limit of the pilot lifted).

The export is a CSV file, one work relation per line::

    insz;ovo;organisation;function;valid_from;valid_until
    85073003328;OVO002949;Departement Werk en Sociale Economie;Beleidsmedewerker;2024-01-01;

Configured as::

    resolvers:
      - name: hr
        module: tests.mandate_resolver.resolver.hr_directory_plugin
        backend: csv
        options: {path: /etc/idp/hr-export.csv}
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from mandate_resolver.chain import Resolver
from mandate_resolver.identifiers import IdentifierError, Insz, OvoCode
from mandate_resolver.paging import paginate
from mandate_resolver.plugins import Backend, OptionError, PluginContext, ResolverPlugin
from mandate_resolver.types import (
    AppPolicy,
    Capacity,
    EmployeeOption,
    LoginOption,
    PageRequest,
    Party,
    Principal,
    Resolution,
    Subject,
    option_key,
    sort_name,
    valid_on,
)


@dataclass(frozen=True, slots=True)
class DirectoryOptions:
    """``resolvers[i].options`` of this plugin: checked at start-up, a typo names its key."""

    path: str
    delimiter: str = ";"

    def __post_init__(self) -> None:
        if not Path(self.path).is_file():
            raise OptionError("path", f"no such file: {self.path}")
        if len(self.delimiter) != 1:
            raise OptionError("delimiter", "must be one character")


@dataclass(frozen=True, slots=True)
class Employment:
    person: Insz
    organisation: Party
    function: str
    valid_from: dt.date
    valid_until: dt.date | None


def load(options: DirectoryOptions) -> list[Employment]:
    """Every line, parsed like any other input: a bad number stops the start with its line."""
    rows: list[Employment] = []
    with Path(options.path).open(encoding="utf-8", newline="") as handle:
        for number, line in enumerate(csv.DictReader(handle, delimiter=options.delimiter), start=2):
            try:
                organisation = Party(OvoCode.parse(line["ovo"]), line["organisation"], "GID")
                until = dt.date.fromisoformat(line["valid_until"]) if line["valid_until"] else None
                rows.append(
                    Employment(
                        Insz.parse(line["insz"]),
                        organisation,
                        line["function"],
                        dt.date.fromisoformat(line["valid_from"]),
                        until,
                    )
                )
            except (IdentifierError, ValueError, KeyError) as exc:
                raise OptionError("path", f"line {number}: {exc}") from None
    return rows


class HrDirectoryResolver:
    """The ``Resolver`` protocol, implemented from scratch (no shipped base class needed)."""

    capacities = frozenset({Capacity.EMPLOYEE})

    def __init__(self, name: str, employments: list[Employment]) -> None:
        self._name = name
        self.employments = employments

    @property
    def name(self) -> str:
        return self._name

    def _options(self, subject: Subject, policy: AppPolicy) -> list[EmployeeOption]:
        if not policy.allow_employee:
            return []
        return [
            EmployeeOption(
                option_key(self.name, row.organisation.id_type, row.organisation.id),
                row.organisation,
                row.function,
                row.valid_from,
                row.valid_until,
                source="hr",
            )
            for row in self.employments
            if row.person == subject.identifier and valid_on(row.valid_from, row.valid_until, policy.today)
        ]

    def resolve(self, subject: Subject, policy: AppPolicy, request: PageRequest) -> Resolution:
        tiles = [
            Principal(o.organisation, Capacity.EMPLOYEE, self.name, sort_name(o.organisation.name), (o,))
            for o in self._options(subject, policy)
        ]
        return paginate(tiles, request.window(self.name, Capacity.EMPLOYEE))

    def check(self, subject: Subject, policy: AppPolicy, key: str) -> LoginOption | None:
        # Never trust the key: find it again among what the rules allow today.
        return next((o for o in self._options(subject, policy) if o.key == key), None)


def create(name: str, options: DirectoryOptions, context: PluginContext) -> Resolver:
    return HrDirectoryResolver(name, load(options))


resolver_plugin = ResolverPlugin({"csv": Backend(DirectoryOptions, create)}, description=__doc__ or "")
