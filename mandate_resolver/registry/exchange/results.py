"""What an import gives back: an :class:`ImportReport`, or :class:`WorldInvalid` listing every :class:`Problem`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

# The package, not ``records``: MAX_PROBLEMS is read there at call time, where tests lower it
# (``monkeypatch.setattr(exchange, "MAX_PROBLEMS", 5)``).
from mandate_resolver.registry import exchange


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a document, at a JSON path such as ``parties[3].identifier``."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path or '(document)'}: {self.message}"


class WorldInvalid(ValueError):  # noqa: N818 - a state, like the protocol error names; not "ImportError"
    """The document was not imported: ``problems`` lists everything wrong with it, with JSON paths.

    >>> error = WorldInvalid((Problem("parties[0].identifier", "bad"),))
    >>> str(error)
    'the registry document has 1 problem; nothing was imported:\\n  parties[0].identifier: bad'
    """

    problems: tuple[Problem, ...]
    truncated: bool

    def __init__(self, problems: Sequence[Problem], *, truncated: bool = False) -> None:
        self.problems = tuple(problems)
        self.truncated = truncated
        count = f"{len(self.problems)}{'+' if truncated else ''}"
        plural = "" if len(self.problems) == 1 and not truncated else "s"
        shown = "\n".join(f"  {problem}" for problem in self.problems[:50])
        more = len(self.problems) - 50
        tail = f"\n  ... and {more} more" if more > 0 else ""
        super().__init__(f"the registry document has {count} problem{plural}; nothing was imported:\n{shown}{tail}")


@dataclass(frozen=True, slots=True)
class SectionCounts:
    """What an import did to the records of one section."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def __str__(self) -> str:
        return f"{self.created} created, {self.updated} updated, {self.unchanged} unchanged"


@dataclass(frozen=True, slots=True)
class ImportReport:
    """Counts per section (in :data:`SECTIONS` order), and totals.

    >>> report = ImportReport({"parties": SectionCounts(created=2, unchanged=1)})
    >>> report.created, report.changed, str(report)
    (2, True, 'parties: 2 created, 0 updated, 1 unchanged')
    """

    sections: Mapping[str, SectionCounts]

    def __getitem__(self, section: str) -> SectionCounts:
        return self.sections.get(section, SectionCounts())

    @property
    def created(self) -> int:
        return sum(counts.created for counts in self.sections.values())

    @property
    def updated(self) -> int:
        return sum(counts.updated for counts in self.sections.values())

    @property
    def unchanged(self) -> int:
        return sum(counts.unchanged for counts in self.sections.values())

    @property
    def changed(self) -> bool:
        return self.created + self.updated > 0

    def summary(self) -> str:
        """One line: ``parties: 2 created, 0 updated, 1 unchanged; users: ...`` (sections with records)."""
        shown = {name: counts for name, counts in self.sections.items() if counts != SectionCounts()}
        return "; ".join(f"{name}: {counts}" for name, counts in shown.items()) or "nothing to import"

    def __str__(self) -> str:
        return self.summary()


class _Problems:
    """Collects problems, up to :data:`MAX_PROBLEMS`."""

    def __init__(self) -> None:
        self.items: list[Problem] = []
        self.truncated = False

    def add(self, path: str, message: str) -> None:
        if len(self.items) < exchange.MAX_PROBLEMS:
            self.items.append(Problem(path, message))
        else:
            self.truncated = True

    def raise_if_any(self) -> None:
        if self.items:
            raise WorldInvalid(self.items, truncated=self.truncated)
