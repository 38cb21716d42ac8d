"""The scenario table: solve a folder of game files and compare each with its parent.

Each scenario of the source study is a game file that ``extends`` the baseline
and changes a few parameters (docs/explanation/model.md, docs/how-to/scenarios.md). For each file
this module reports

- the parameters that differ from the parent file (name, old value, new value);
- the Nash equilibria, described compactly: pure profiles, and each mixed
  equilibrium by its probabilities (:func:`equilibrium_set` gives the
  description by supports that :mod:`bargaining.analysis.robustness` counts);
- the equilibrium that selection picks and the rule that decided it (unique,
  else payoff dominance, else risk dominance: Harsanyi and Selten, *A General
  Theory of Equilibrium Selection in Games*, 1988; see :func:`bargaining.solvers.verify.select`);
- whether the treaty profile (ally, ally) is an equilibrium, and if not which
  player would leave it: at (ally, ally) a player *blocks* the treaty when
  ally is not a best response to the partner's ally (Snyder 1984's
  abandonment and entrapment trade-off, Morrow 1991's autonomy cost).

In a game of three or more players (the strategic triangle,
``games/triangle.toml``) the treaty's *signers* are the players with an
``ally`` strategy (Russia and China); the others (the United States) are not
party to it. The treaty is an equilibrium when some pure equilibrium has every
signer at ``ally``. When none has, the row says who blocks it: at the treaty,
let the other players play their best responses to it (the United States
answers a treaty with a wedge); a signer that would then rather not sign
blocks it. The row also gives the largest probability of the treaty in any
equilibrium (a mixed one can hold it with some probability).

:func:`scenario` works on a loaded :class:`~bargaining.model.Model`;
:func:`solve_folder` loads every ``*.toml`` file of a folder and keeps going
when one is bad, returning the failures next to the rows. A folder of
two-player scenarios may hold games of more players (``games/triangle.toml``
beside the study's scenarios): they are other models, left out as game trees
are; a folder of only such games (``games/triangle/``) gives their table.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any, Mapping

from bargaining.errors import BargainingError, InputError
from bargaining.model import Model
from bargaining.numbers import exact
from bargaining.solution import Equilibrium, Solution, number_to_json
from bargaining.solvers.registry import solve

__all__ = [
    "TREATY",
    "Change",
    "ScenarioResult",
    "ScenarioFailure",
    "ScenarioTable",
    "scenario",
    "solve_folder",
    "form_under",
    "equilibrium_set",
    "describe_equilibrium",
    "treaty_profile",
    "treaty_margins",
    "treaty_analysis",
]

#: The strategy each player plays in the treaty profile.
TREATY = "ally"


@dataclass(frozen=True, kw_only=True)
class Change:
    """A parameter whose value differs from the parent file's (``old`` None: new in this file)."""

    name: str
    old: Fraction | None
    new: Fraction

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "old": None if self.old is None else str(self.old), "new": str(self.new)}


def _pure_text(game, *profile: int) -> str:
    return "(" + ", ".join(game.strategies[p][k] for p, k in enumerate(profile)) + ")"


def describe_equilibrium(game, e: Equilibrium, *, probabilities: bool = True) -> str:
    """A compact description: ``(ally, ally)`` or ``mixed (Russia ally 23/45, align 22/45; China ...)``.

    In a game of three or more players a player who plays one strategy in a
    mixed equilibrium is named with it: ``mixed (United States contain_both;
    Russia ally 7/30, align 23/30; China ...)``.

    With ``probabilities=False`` a mixed equilibrium is described by its
    supports only: ``mixed {ally, align} x {ally, align}``.

    Examples
    --------
    >>> from bargaining.game import Game
    >>> from bargaining.solvers.registry import solve
    >>> g = Game.from_arrays([[2, 0], [0, 1]], [[1, 0], [0, 2]], strategies=[["a", "b"], ["a", "b"]])
    >>> [describe_equilibrium(g, e) for e in solve(g).equilibria]
    ['(a, a)', 'mixed (Row a 2/3, b 1/3; Column a 1/3, b 2/3)', '(b, b)']
    >>> describe_equilibrium(g, solve(g).equilibria[1], probabilities=False)
    'mixed {a, b} x {a, b}'
    """
    if e.pure:
        return _pure_text(game, *e.profile())
    n = len(e.mixed)
    if not probabilities:
        sets = ["{" + ", ".join(game.strategies[p][k] for k in e.support(p)) + "}" for p in range(n)]
        return "mixed " + " x ".join(sets)
    parts = []
    for p in range(n):
        s = e.strategy(p)
        if n > 2 and len(e.support(p)) == 1:
            parts.append(f"{game.players[p]} {game.strategies[p][e.support(p)[0]]}")
            continue
        mix = ", ".join(f"{game.strategies[p][k]} {exact(s[k])}" for k in e.support(p))
        parts.append(f"{game.players[p]} {mix}")
    return "mixed (" + "; ".join(parts) + ")"


def equilibrium_set(solution: Solution) -> tuple[str, ...]:
    """The equilibrium set as a hashable, readable key: pure profiles first, then mixed ones by their supports.

    Two games with the same key have the same pure equilibria and mixed
    equilibria on the same supports; the probabilities may differ. This is
    what :mod:`bargaining.analysis.robustness` counts: the labels of
    :meth:`bargaining.solution.EquilibriumSet.labels`.
    """
    return solution.equilibrium_set().labels(solution.game.strategies)


@dataclass(frozen=True, kw_only=True)
class ScenarioResult:
    """One row of the scenario table.

    Attributes
    ----------
    source : str
        The game file.
    title, expectation : str
        From the file; ``expectation`` is what the source study expects.
    parent : str or None
        The file it extends.
    changes : tuple of Change
        Parameters that differ from the parent.
    solution : Solution
        Every equilibrium, with the selected one.
    outcomes : Mapping
        The file's plain-language readings of pure profiles.
    treaty : tuple of int or None
        The (ally, ally) profile, None when a player has no strategy ``ally``.
        In a game of three or more players, each signer's index of ``ally``
        and None for the players who are not party to the treaty.
    treaty_is_equilibrium : bool or None
    blockers : tuple of int
        Players for whom ally is not a best response to the partner's ally:
        they would leave the treaty (empty when it is an equilibrium).
    treaty_responses : tuple of (int, int)
        Three or more players: how the players who are not party to the treaty
        answer it (player, strategy): their best responses to the treaty,
        against which the blockers would leave.
    treaty_probability : number or None
        Three or more players: the largest probability of the treaty (every
        signer at ally) in any equilibrium.
    form : TreeSolution or None
        With ``scenarios --form``: the game tree solved at this scenario's
        parameters (:func:`form_outcomes` summarises its subgame-perfect
        equilibria).
    ordinal : OrdinalCheck or None
        With ``scenarios --ordinal``: which conclusions hold for every payoff
        assignment with the same orderings (:mod:`bargaining.analysis.ordinal`).
    """

    source: str
    title: str
    expectation: str
    parent: str | None
    changes: tuple[Change, ...]
    solution: Solution
    outcomes: Mapping[tuple[str, str], str] = field(default_factory=dict)
    treaty: tuple[int, int] | None = None
    treaty_is_equilibrium: bool | None = None
    blockers: tuple[int, ...] = ()
    form: Any = None
    treaty_responses: tuple[tuple[int, int], ...] = ()
    treaty_probability: Any = None
    ordinal: Any = None

    @property
    def name(self) -> str:
        """The file name without folder and extension (``taiwan_crisis``)."""
        return Path(self.source).stem

    @property
    def equilibria(self) -> tuple[str, ...]:
        """Each equilibrium described compactly: pure ones first, each group in the solver's order."""
        eqs = sorted(self.solution.equilibria, key=lambda e: not e.pure)
        return tuple(describe_equilibrium(self.solution.game, e) for e in eqs)

    @property
    def selected(self) -> str | None:
        """The selected equilibrium, described, or None when no rule picks one."""
        k = self.solution.selected
        return None if k is None else describe_equilibrium(self.solution.game, self.solution.equilibria[k])

    @property
    def selection_rule(self) -> str | None:
        return self.solution.selection_rule

    @property
    def payoff_dominant(self) -> str | None:
        """The payoff-dominant equilibrium, described, or None."""
        g = self.solution.game
        return next((describe_equilibrium(g, e) for e in self.solution.equilibria if e.payoff_dominant), None)

    @property
    def risk_dominant(self) -> str | None:
        """The equilibrium that risk-dominates every other strict one, described, or None."""
        g = self.solution.game
        return next((describe_equilibrium(g, e) for e in self.solution.equilibria if e.risk_dominant), None)

    @property
    def signers(self) -> tuple[int, ...]:
        """Players for whom signing is a best response to the partner signing."""
        if self.treaty is None:
            return ()
        return tuple(p for p, k in enumerate(self.treaty) if k is not None and p not in self.blockers)

    def treaty_text(self) -> str:
        """``yes``, ``no: Russia blocks`` or ``n/a``.

        With three or more players: ``no: Russia blocks (United States:
        wedge_Russia); mixed: 1/3``: Russia would not sign against the United
        States' answer to the treaty, and a mixed equilibrium has the treaty
        with probability 1/3.
        """
        if self.treaty is None:
            return "n/a"
        if self.treaty_is_equilibrium:
            return "yes"
        g = self.solution.game
        players = g.players
        who = " and ".join(players[p] for p in self.blockers)
        verb = "blocks" if len(self.blockers) == 1 else "block"
        text = f"no: {who} {verb}" if self.blockers else "no"
        if self.treaty_responses and self.blockers:
            answers = ", ".join(f"{players[p]}: {g.strategies[p][k]}" for p, k in self.treaty_responses)
            text += f" ({answers})"
        if self.treaty_probability:
            text += f"; mixed: {exact(self.treaty_probability)}"
        return text

    def to_dict(self) -> dict[str, Any]:
        g = self.solution.game
        sol = self.solution
        selected = sol.selected
        n = g.n_players
        out = {
            "file": self.source,
            "name": self.name,
            "title": self.title,
            "expectation": self.expectation,
            "parent": self.parent,
            "changes": [c.to_dict() for c in self.changes],
            "parameters": {name: number_to_json(v) for name, v in g.parameters},
            "equilibria": [
                {
                    "description": describe_equilibrium(g, e),
                    "strategies": {
                        g.players[p]: {s: number_to_json(q) for s, q in zip(g.strategies[p], e.strategy(p)) if q != 0}
                        for p in range(n)
                    },
                    "payoffs": {g.players[p]: number_to_json(e.payoffs[p]) for p in range(n)},
                    "pure": e.pure,
                    "payoff_dominant": e.payoff_dominant,
                    "risk_dominant": e.risk_dominant,
                    "reading": self.outcomes.get(tuple(g.strategies[p][k] for p, k in enumerate(e.profile())))
                    if e.pure
                    else None,
                }
                for e in sol.equilibria
            ],
            "equilibrium_set": list(equilibrium_set(sol)),
            "selected": None if selected is None else describe_equilibrium(g, sol.equilibria[selected]),
            "selected_index": selected,
            "selection_rule": sol.selection_rule,
            "payoff_dominant": self.payoff_dominant,
            "risk_dominant": self.risk_dominant,
            "treaty_is_equilibrium": self.treaty_is_equilibrium,
            "treaty_blocked_by": [g.players[p] for p in self.blockers],
            "method": sol.method,
            "exact": sol.exact,
            "warnings": list(sol.warnings),
            "claims": self.claims().to_dict(),
            **({} if self.form is None else {"form": self._form_dict()}),
            **({} if self.ordinal is None else {"ordinal": self.ordinal.to_dict()}),
        }
        if n > 2:
            out["treaty"] = self.treaty_text()
            out["treaty_signers"] = [g.players[p] for p, k in enumerate(self.treaty or ()) if k is not None]
            out["treaty_responses"] = {g.players[p]: g.strategies[p][k] for p, k in self.treaty_responses}
            out["treaty_probability"] = number_to_json(self.treaty_probability)
            out["continua"] = len(sol.continua)
        return out

    def claims(self):
        """Which of this row's results are ordinal and which cardinal (:func:`bargaining.analysis.ordinal.claims`).

        Who blocks the treaty is ordinal: it compares each player's payoff from
        ally with its other strategies against the partner's ally.
        """
        from dataclasses import replace

        from bargaining.analysis.ordinal import claims

        c = claims(self.solution)
        if self.treaty is None:
            return c
        return replace(c, ordinal=c.ordinal + ("whether the treaty is an equilibrium, and who blocks it",))

    def form_outcomes(self) -> tuple[tuple[str, int, tuple[tuple[str, int], ...]], ...]:
        """The game tree's subgame-perfect outcomes, grouped by what they mean.

        Each is ``(reading, number of SPEs, ((path, number of SPEs), ...))``,
        the most common first: the reading is the terminal node's label (the
        file's ``[outcomes]`` reading of a stage-game cell) or its name, and a
        path is ``"propose, accept"``. Where play is uncertain (chance or
        mixing) the reading lists each end with its probability.
        """
        if self.form is None:
            return ()
        groups: dict[str, dict[str, int]] = {}
        for e in self.form.subgame_perfect:
            if len(e.play) == 1:
                reading = self.form.reading(e.outcome) or e.outcome
                path = ", ".join(e.play[0].path)
            else:
                reading = "; ".join(
                    f"{self.form.reading(o.terminal) or o.terminal} ({exact(o.probability)})" for o in e.play
                )
                path = "; ".join(", ".join(o.path) for o in e.play)
            paths = groups.setdefault(reading, {})
            paths[path] = paths.get(path, 0) + 1
        out = [
            (reading, sum(paths.values()), tuple(sorted(paths.items(), key=lambda t: -t[1])))
            for reading, paths in groups.items()
        ]
        return tuple(sorted(out, key=lambda t: -t[1]))

    def _form_dict(self) -> dict[str, Any]:
        return {
            "file": self.form.source,
            "title": self.form.tree.title,
            "outcomes": [
                {"reading": r, "equilibria": n, "paths": [{"path": p, "equilibria": k} for p, k in paths]}
                for r, n, paths in self.form_outcomes()
            ],
            "subgame_perfect": self.form.to_dict()["subgame_perfect"],
        }


@dataclass(frozen=True, kw_only=True)
class ScenarioFailure:
    """A file of the folder that could not be loaded or solved."""

    source: str
    message: str

    def to_dict(self) -> dict[str, str]:
        return {"file": self.source, "error": self.message}


@dataclass(frozen=True, kw_only=True)
class ScenarioTable:
    """Every scenario of a folder, in table order, and the files that failed."""

    folder: str
    rows: tuple[ScenarioResult, ...]
    failures: tuple[ScenarioFailure, ...] = ()
    method: str = "exact"
    form: str | None = None
    form_title: str = ""
    ordinal: bool = False

    @property
    def ok(self) -> bool:
        return not self.failures

    def row(self, name: str) -> ScenarioResult:
        """The row of the file named ``name`` (stem, such as ``taiwan_crisis``)."""
        for r in self.rows:
            if r.name == name:
                return r
        known = ", ".join(r.name for r in self.rows)
        raise InputError(f"no scenario {name!r} in the table; scenarios: {known}", where="scenario")

    def to_pandas(self):
        """One row per scenario: its changes, equilibria, the selected one and the rule, the treaty, the expectation."""
        import pandas as pd

        rows = []
        for r in self.rows:
            rows.append({
                "scenario": r.name,
                "title": r.title,
                "changes": ", ".join(f"{c.name}={exact(c.new)}" for c in r.changes),
                "equilibria": "; ".join(r.equilibria),
                "selected": r.selected,
                "selection_rule": r.selection_rule,
                "treaty_is_equilibrium": r.treaty_is_equilibrium,
                "blocked_by": ", ".join(r.solution.game.players[p] for p in r.blockers),
                "expectation": r.expectation,
            })
        return pd.DataFrame(rows)

    def to_dict(self) -> dict[str, Any]:
        return {
            "folder": self.folder,
            "method": self.method,
            **({} if self.form is None else {"form": self.form, "form_title": self.form_title}),
            "scenarios": [r.to_dict() for r in self.rows],
            "errors": [f.to_dict() for f in self.failures],
        }


def treaty_profile(game, treaty: str = TREATY) -> tuple | None:
    """The profile where both players play ``treaty``, or None if one of them cannot.

    With three or more players: each signer's index of ``treaty`` and None for
    the players without that strategy (not party to it); None when fewer than
    two players can sign.

    Examples
    --------
    >>> from bargaining.io.gamefile import load_model
    >>> treaty_profile(load_model("games/triangle.toml").game())
    (None, 0, 0)
    """
    if game.n_players > 2:
        out = tuple(s.index(treaty) if treaty in s else None for s in game.strategies)
        return out if sum(k is not None for k in out) >= 2 else None
    if treaty in game.strategies[0] and treaty in game.strategies[1]:
        return game.strategies[0].index(treaty), game.strategies[1].index(treaty)
    return None


def treaty_analysis(solution, treaty: str = TREATY):
    """A game of three or more players: is the treaty an equilibrium, who blocks it, against what.

    Returns ``(profile, is_equilibrium, blockers, responses, probability)``
    (see :class:`ScenarioResult`), or None where fewer than two players can sign.

    Examples
    --------
    >>> from bargaining.io.gamefile import load_model
    >>> from bargaining.solvers.registry import solve
    >>> crisis = solve(load_model("games/triangle/taiwan_crisis.toml").game())
    >>> _, is_eq, blockers, responses, p = treaty_analysis(crisis)
    >>> is_eq, blockers, responses, p
    (False, (1,), ((0, 1),), None)
    """
    import itertools

    game = solution.game
    profile = treaty_profile(game, treaty)
    if profile is None:
        return None
    signers = [p for p, k in enumerate(profile) if k is not None]
    others = [p for p, k in enumerate(profile) if k is None]

    def full(choice):
        prof = list(profile)
        for p, k in zip(others, choice):
            prof[p] = k
        return tuple(prof)

    choices = list(itertools.product(*(range(game.shape[p]) for p in others)))
    answers = [c for c in choices if all(full(c)[p] in game.best_responses(p, full(c)) for p in others)]
    is_eq = any(game.is_pure_equilibrium(full(c)) for c in choices)
    blockers: tuple[int, ...] = ()
    responses: tuple[tuple[int, int], ...] = ()
    if not is_eq:
        at = answers or choices
        blockers = tuple(p for p in signers if any(profile[p] not in game.best_responses(p, full(c)) for c in at))
        if len(answers) == 1:
            responses = tuple(zip(others, answers[0]))
    best = None
    for e in solution.equilibria:
        prob = 1
        for p in signers:
            prob = prob * e.mixed[p][profile[p]]
        if prob != 0 and not (e.pure and is_eq) and (best is None or prob > best):
            best = prob
    return profile, is_eq, blockers, responses, (None if is_eq else best)


def treaty_margins(game, treaty: str = TREATY) -> tuple[Fraction, Fraction] | None:
    """What signing adds for each player when the other signs.

    ``margins[p]`` is player p's payoff at the treaty profile minus its best
    payoff from another strategy against the partner's ``treaty``. The treaty
    is an equilibrium exactly when both are non-negative; a player with a
    negative margin blocks it. In the alliance model Russia's margin is the
    smaller of ``G_R = (1 - lam)(T - w_R) - e_R - r - j a`` (ally against align)
    and ``H_R = T (1 - lam/2) - w_R - e_R - r - j a`` (ally against hedge);
    ``G_R`` is the smaller at the scenarios' values, but not everywhere in the
    ranges (docs/explanation/model.md).

    Examples
    --------
    >>> from bargaining.io.gamefile import load_model
    >>> [str(m) for m in treaty_margins(load_model("games/taiwan_crisis.toml").game())]
    ['61/1000', '11/50']
    """
    profile = treaty_profile(game, treaty)
    if profile is None:
        return None
    i, j = profile
    m, n = game.shape
    rest_r = [game.A[k][j] for k in range(m) if k != i]
    rest_c = [game.B[i][k] for k in range(n) if k != j]
    return (
        game.A[i][j] - max(rest_r) if rest_r else Fraction(0),
        game.B[i][j] - max(rest_c) if rest_c else Fraction(0),
    )


def scenario(model: Model, method: str = "exact", treaty: str = TREATY) -> ScenarioResult:
    """Solve one model and compare it with its parent.

    Parameters
    ----------
    model : Model
    method : str
        A solver method (see :func:`bargaining.solvers.registry.solve`).
    treaty : str
        The strategy name that stands for signing.

    Returns
    -------
    ScenarioResult

    Examples
    --------
    >>> from bargaining.io.gamefile import load_model
    >>> row = scenario(load_model("games/junior_partner.toml"))
    >>> [(c.name, str(c.old), str(c.new)) for c in row.changes]
    [('T', '3/5', '9/10'), ('a', '73/100', '19/20')]
    >>> row.equilibria, row.treaty_text()
    (('(align, align)',), 'no: Russia blocks')
    """
    game = model.game()
    solution = solve(game, method=method)
    changes = tuple(Change(name=name, old=old, new=new) for name, (old, new) in model.changed_parameters().items())
    if game.n_players > 2:
        found = treaty_analysis(solution, treaty)
        profile, is_eq, blockers, responses, probability = found if found else (None, None, (), (), None)
        return ScenarioResult(
            source=model.source,
            title=model.title,
            expectation=model.expectation,
            parent=model.parent,
            changes=changes,
            solution=solution,
            outcomes=dict(model.outcomes),
            treaty=profile,
            treaty_is_equilibrium=is_eq,
            blockers=blockers,
            treaty_responses=responses,
            treaty_probability=probability,
        )
    profile = treaty_profile(game, treaty)
    blockers: tuple[int, ...] = ()
    is_eq = None
    if profile is not None:
        margins = treaty_margins(game, treaty)
        blockers = tuple(p for p in range(2) if margins[p] < 0)
        is_eq = not blockers
    return ScenarioResult(
        source=model.source,
        title=model.title,
        expectation=model.expectation,
        parent=model.parent,
        changes=changes,
        solution=solution,
        outcomes=dict(model.outcomes),
        treaty=profile,
        treaty_is_equilibrium=is_eq,
        blockers=blockers,
    )


def form_under(form, model):
    """The game tree ``form`` (a TreeModel) at the parameter values of the scenario ``model``.

    Every parameter of the scenario must be one of the form's.
    """
    unknown = [name for name in model.parameters if name not in form.parameters]
    if unknown:
        raise InputError(
            f"parameter {unknown[0]!r} of {model.source} is not a parameter of the game form {form.source}",
            source=model.source,
        )
    return form.with_values(model.values(), where=f"params {model.source}:")


def solve_folder(
    folder: str | Path = "games",
    method: str = "exact",
    overrides: Mapping[str, Any] | None = None,
    form=None,
    ordinal: bool = False,
) -> ScenarioTable:
    """Solve every game file in ``folder``: parents first, then their children by name.

    A file that cannot be read or solved does not stop the others: it is
    returned in :attr:`ScenarioTable.failures` with its error message.
    Game trees in the folder (such as ``treaty_proposal.toml``) are game
    forms, not scenarios, and are left out. With ``form`` (a
    :class:`~bargaining.tree.TreeModel`), each row also has the tree solved at
    the scenario's parameters (:attr:`ScenarioResult.form`).

    Parameters
    ----------
    folder : str or Path
    method : str
        A solver method.
    overrides : Mapping, optional
        Parameter values applied to every file (``--set``).
    ordinal : bool
        Also run the ordinal check of each row (:func:`bargaining.analysis.ordinal.ordinal_check`).

    Examples
    --------
    >>> table = solve_folder("games")
    >>> table.row("taiwan_crisis").selection_rule
    'payoff dominance'
    """
    from bargaining.io.gamefile import game_files, load_model

    rows: list[tuple[int, str, ScenarioResult]] = []
    failures: list[ScenarioFailure] = []
    from dataclasses import replace

    from bargaining.solvers.tree import solve_tree

    models = []
    for path in game_files(folder, trees=False):
        try:
            models.append((path, load_model(path)))
        except BargainingError as err:
            failures.append(ScenarioFailure(source=str(path), message=str(err)))
    if any(m.n_players == 2 for _, m in models):  # other models (games/triangle.toml) are not these scenarios
        models = [(path, m) for path, m in models if m.n_players == 2]
    for path, model in models:
        try:
            if overrides:
                model = model.with_values(overrides)
            row = scenario(model, method=method)
            if ordinal:
                from bargaining.analysis.ordinal import ordinal_check

                exact_solution = row.solution if method == "exact" else solve(row.solution.game)
                row = replace(row, ordinal=ordinal_check(exact_solution))
            if form is not None:
                tree_model = form_under(form, model)
                if overrides:
                    tree_model = tree_model.with_values(overrides)
                solved = solve_tree(tree_model.tree())
                row = replace(
                    row, form=replace(solved, source=form.source, parameters=tuple(tree_model.values().items()))
                )
        except BargainingError as err:
            failures.append(ScenarioFailure(source=str(path), message=str(err)))
            continue
        depth = 0 if model.parent is None else 1
        rows.append((depth, path.name, row))
    rows.sort(key=lambda t: (t[0], t[1]))
    return ScenarioTable(
        folder=str(folder),
        rows=tuple(r for _, _, r in rows),
        failures=tuple(failures),
        method=method,
        form=None if form is None else form.source,
        form_title="" if form is None else form.title,
        ordinal=ordinal,
    )
