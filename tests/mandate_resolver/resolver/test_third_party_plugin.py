"""The example third-party plugin of docs/resolver.md, configured and used like a shipped one."""

from __future__ import annotations

from pathlib import Path

import pytest

from mandate_resolver.plugins import PluginConfigError, build_chain, validate_entries
from mandate_resolver.testing import Entry, WorldBuilder
from mandate_resolver.types import Capacity, EmployeeOption
from tests.mandate_resolver.resolver.resolver_helpers import SQL_ENTRIES, options, policy

MODULE = "tests.mandate_resolver.resolver.hr_directory_plugin"
HEADER = "insz;ovo;organisation;function;valid_from;valid_until\n"


def export(tmp_path: Path, *lines: str) -> str:
    path = tmp_path / "hr-export.csv"
    path.write_text(HEADER + "".join(line + "\n" for line in lines), encoding="utf-8")
    return str(path)


def test_a_third_party_plugin_adds_its_options_to_the_chain(db, world: WorldBuilder, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    sammy = world.person("Sammy Roos")
    world.commit()
    me = sammy.identifier.value
    path = export(
        tmp_path,
        f"{me};OVO002949;Departement Werk en Sociale Economie;Beleidsmedewerker;2024-01-01;",
        f"{me};OVO003362;Agentschap Innoveren en Ondernemen;Stagiair;2020-01-01;2021-01-01",
        "85073003328;OVO000001;Iemand anders;Medewerker;2020-01-01;",
    )
    chain = build_chain([*SQL_ENTRIES, Entry("hr", MODULE, "csv", {"path": path})], session_factory=db.sessions)

    found = options(chain, sammy.subject, policy())
    selection = chain.check_option(sammy.subject, policy(), "hr:ovo:OVO002949")

    assert sorted(found) == ["citizen:self", "hr:ovo:OVO002949"]
    option = found["hr:ovo:OVO002949"]
    assert isinstance(option, EmployeeOption) and option.organisation.target_group == "GID"
    assert selection is not None and selection.capacity is Capacity.EMPLOYEE and selection.source == "hr"
    assert chain.check_option(sammy.subject, policy(), "hr:ovo:OVO003362") is None  # ended
    assert chain.check_option(sammy.subject, policy(allow_employee=False), "hr:ovo:OVO002949") is None
    chain.close()


@pytest.mark.parametrize(
    ("options", "path"),
    [
        ({"path": "/no/such/export.csv"}, "resolvers[1].options.path"),
        ({"pth": "x"}, "resolvers[1].options.pth"),
        ({"path": "EXPORT", "delimiter": ";;"}, "resolvers[1].options.delimiter"),
    ],
)
def test_the_plugins_options_are_checked_at_start_up(tmp_path: Path, options: dict[str, str], path: str) -> None:
    if options.get("path") == "EXPORT":
        options = {**options, "path": export(tmp_path)}

    with pytest.raises(PluginConfigError) as raised:
        validate_entries([SQL_ENTRIES[0], Entry("hr", MODULE, "csv", options)])

    assert raised.value.path == path


def test_a_bad_line_in_the_export_stops_the_start_with_its_line(tmp_path: Path) -> None:
    path = export(
        tmp_path,
        "85073003328;OVO002949;Departement WSE;Medewerker;2024-01-01;",
        "85073003329;OVO002949;X;Y;2024-01-01;",
    )

    with pytest.raises(PluginConfigError, match=r"resolvers\[0\]\.options\.path: line 3: '85073003329'"):
        build_chain([Entry("hr", MODULE, "csv", {"path": path})], session_factory=None)
