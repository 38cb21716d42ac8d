"""Registries of named methods: one shape for equilibrium methods and bargaining solutions.

A :class:`Registry` maps names to entries (frozen dataclasses with at least
``name``, ``run`` and ``description``). ``registry.lookup(name)`` is the one
way to find an entry by a name a user typed: an unknown name is an
:class:`~bargaining.errors.InputError` that lists the valid ones. The command
line takes its choices from the same registry (``list(registry)``), so the two
never disagree (scipy.optimize's ``minimize(method=...)``, without its if/elif
chain).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Callable, Generic, TypeVar

from bargaining.errors import BargainingError, InputError

__all__ = ["Entry", "Registry"]


@dataclass(frozen=True, kw_only=True)
class Entry:
    """A registered method: its name, what it runs, and one line saying what it does.

    ``options`` names the keyword options ``run`` takes; :meth:`Registry.call`
    passes only those, so one set of options can go to every entry.
    """

    name: str
    run: Callable[..., Any]
    description: str
    options: frozenset[str] = frozenset()


E = TypeVar("E", bound=Entry)


class Registry(Mapping[str, E], Generic[E]):
    """Named entries of one kind, in the order they were registered.

    Examples
    --------
    >>> r = Registry("method")
    >>> _ = r.register(Entry(name="double", run=lambda x: 2 * x, description="twice the input"))
    >>> r.lookup("double").run(21), list(r)
    (42, ['double'])
    >>> r.lookup("triple")
    Traceback (most recent call last):
    ...
    bargaining.errors.InputError: method: unknown method 'triple'; methods: double
    """

    def __init__(self, kind: str, plural: str | None = None):
        self.kind = kind
        self.plural = plural or f"{kind}s"
        self._entries: dict[str, E] = {}

    def register(self, entry: E) -> E:
        """Add an entry; its name must be new."""
        if entry.name in self._entries:
            raise BargainingError(f"{self.kind} {entry.name!r} is already registered")
        self._entries[entry.name] = entry
        return entry

    def lookup(self, name: str) -> E:
        """The entry called ``name``; an unknown name is an InputError listing the valid ones."""
        try:
            return self._entries[name]
        except (KeyError, TypeError):
            raise InputError(
                f"unknown {self.kind} {name!r}; {self.plural}: {', '.join(self._entries)}", where=self.kind
            ) from None

    def call(self, name: str, *args, **options):
        """Run the entry called ``name`` with the options it takes (``None`` values dropped)."""
        entry = self.lookup(name)
        kept = {k: v for k, v in options.items() if k in entry.options and v is not None}
        return entry.run(*args, **kept)

    def describe(self) -> str:
        """``name: description; ...``, for help texts."""
        return "; ".join(f"{e.name}: {e.description}" for e in self._entries.values())

    def __getitem__(self, name: str) -> E:
        return self._entries[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)
