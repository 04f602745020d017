"""Helpers for resolvers whose sources answer with a short list (a person's work relations, their
legal representations, a few thousand mandators): filter by search and cursor, sort, cut one page, count.

>>> from mandate_resolver.testing import principal_of
>>> from mandate_resolver.types import Capacity, Window
>>> tiles = [principal_of(Capacity.EMPLOYEE, "idm", name) for name in ("Zeta", "alpha", "Beta")]
>>> page = paginate(tiles, Window(size=2))
>>> [p.party.name for p in page.principals], page.more, page.count.value
(['alpha', 'Beta'], True, 3)
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

from mandate_resolver.types import COUNT_CAP, CappedCount, Principal, Resolution, Window

__all__ = ["Page", "Tile", "page_of", "paginate"]


class Tile(Protocol):
    """Anything placed on the selection screen: its name key and its party's identifier, which together
    are its place in the order (within one source and capacity)."""

    @property
    def name_key(self) -> str: ...

    @property
    def id_type(self) -> str: ...

    @property
    def id(self) -> str: ...


T = TypeVar("T", bound=Tile)


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    """One page of tiles, whether more follow, and how many match in all (capped)."""

    items: tuple[T, ...]
    more: bool
    count: CappedCount


def page_of(tiles: Iterable[T], window: Window) -> Page[T]:
    """The page of ``tiles`` (all of one source and capacity) that ``window`` asks for."""
    search = window.search
    matching = [t for t in tiles if search is None or search.matches(t.id_type, t.id, t.name_key)]
    count = CappedCount(min(len(matching), COUNT_CAP), len(matching) > COUNT_CAP)
    if window.past:
        return Page((), False, count)
    bound = window.bound
    if bound is not None:
        matching = [t for t in matching if bound.admits(t.name_key, t.id_type, t.id)]
    matching.sort(key=lambda t: (t.name_key, t.id_type, t.id))
    return Page(tuple(matching[: window.size]), len(matching) > window.size, count)


def paginate(principals: Iterable[Principal], window: Window) -> Resolution:
    """:func:`page_of` for principals, as the :class:`Resolution` a resolver returns."""
    page = page_of(principals, window)
    return Resolution(page.items, page.more, page.count)
