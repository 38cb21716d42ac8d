r"""What of a solution is ordinal, and what is cardinal.

The payoffs of a game file are judgements: an analyst can defend that Russia
prefers a treaty to alignment when China signs, much less that the gain is
0.061. A conclusion is *ordinal* when it holds for every payoff assignment
that keeps the comparisons it rests on, *cardinal* when it depends on the
numbers themselves (Osborne, *An Introduction to Game Theory*, 2004: ch. 2
defines Nash equilibrium for ordinal preferences, ch. 4 needs
von Neumann-Morgenstern payoffs for mixed strategies).

Two orderings are worth telling apart:

- the *best-response comparisons*: each player's ranking of its own
  strategies against each strategy of the other (the row player's payoffs
  within each column, the column player's within each row). Two games with the
  same comparisons have the same best responses to every pure strategy
  (Morris and Ui, "Best response equivalence", *Games and Economic Behavior*
  49, 2004, call such games best-response equivalent against pure strategies);
- each player's *ranking of all the cells* of the matrix, the classification of
  Rapoport and Guyer ("A taxonomy of 2 x 2 games", *General Systems* 11, 1966,
  the 78 ordinal 2 x 2 games), which is finer: it fixes the best-response
  comparisons and also how a player compares cells in different rows and
  columns.

What follows, for a bimatrix game:

- a pure equilibrium ``(i, j)`` is one when ``A[i][j] >= A[k][j]`` for every
  row ``k`` and ``B[i][j] >= B[i][l]`` for every column ``l``: best-response
  comparisons only. So it holds for every assignment with the same
  comparisons, ties kept; a weak one (a tie among them) holds only while the
  tie does. Who blocks the treaty (a player for whom ally is not a best
  response to the other's ally) is ordinal in the same way, and so is strict
  dominance between pure strategies;
- payoff dominance between pure equilibria compares cells in different rows and
  columns: ordinal in the ranking of all cells, not in best-response
  comparisons alone;
- the probabilities of a mixed equilibrium solve indifference conditions in
  the payoff numbers; they are invariant only to positive affine rescalings of
  each player's payoffs (and, for a player, adding a constant to the payoffs
  against one strategy of the other). Risk dominance compares products of
  deviation losses (Harsanyi and Selten 1988), and bargaining solutions are
  defined on von Neumann-Morgenstern utilities (Nash 1950): all cardinal.
  Whether a mixed equilibrium exists at all, with given supports, can change
  too.

:func:`claims` sorts a solution's results into these classes without
computing anything new. :func:`ordinal_check` goes further: it lists the
comparisons each pure equilibrium rests on, and samples payoff assignments
with the *same ranking of all cells* for each player (the stronger ordinal
notion; ties kept), each player's distinct payoff levels replaced by sorted
uniform numbers, to show which other conclusions survive: the equilibrium set
(pure profiles and mixed supports), the selected equilibrium, the
risk-dominant one. The shares it reports are frequencies under that arbitrary
sampling, a demonstration that a conclusion is cardinal, not a probability of
anything; the pure equilibria hold in every sample, as they must.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from bargaining.numbers import exact, number_to_json

__all__ = ["Claims", "claims", "Comparison", "PureCheck", "OrdinalCheck", "ordinal_check", "SAMPLES"]

#: Random payoff assignments with the same rankings that :func:`ordinal_check` solves.
SAMPLES = 2000


@dataclass(frozen=True, kw_only=True)
class Claims:
    """Which results of a solution are ordinal and which cardinal: short phrases, and :meth:`lines` to print."""

    ordinal: tuple[str, ...]
    cardinal: tuple[str, ...]

    def lines(self) -> list[str]:
        """Two sentences for a reader (the ``solve`` table prints them)."""
        out = []
        if self.ordinal:
            out.append("Ordinal (the same for any payoffs with the same best-response comparisons, each player's "
                       "ranking of its own strategies against each strategy of the other): "
                       + "; ".join(self.ordinal) + ".")
        if self.cardinal:
            out.append("Cardinal (they depend on the payoff numbers, not only on rankings): "
                       + "; ".join(self.cardinal) + ". --ordinal tests them against other numbers with the "
                       "same rankings.")
        return out

    def to_dict(self) -> dict[str, Any]:
        return {"ordinal": list(self.ordinal), "cardinal": list(self.cardinal)}


def _numbers(ks) -> str:
    return ", ".join(f"#{k + 1}" for k in ks)


def claims(solution) -> Claims:
    """Sort a solution's results into ordinal and cardinal ones.

    Examples
    --------
    >>> from bargaining.io.gamefile import load_model
    >>> from bargaining.solvers.registry import solve
    >>> c = claims(solve(load_model("games/taiwan_crisis.toml").game()))
    >>> c.ordinal
    ('the pure equilibria #1, #3',)
    >>> for claim in c.cardinal:
    ...     print(claim)
    the probabilities of the mixed equilibrium #2
    payoff dominance of #1
    risk dominance of #3
    the selection (by payoff dominance)
    """
    eqs = solution.equilibria
    pure = [k for k, e in enumerate(eqs) if e.pure]
    mixed = [k for k, e in enumerate(eqs) if not e.pure]
    ordinal, cardinal = [], []
    weak = [k for k in pure if not eqs[k].strict]
    if pure:
        ordinal.append(f"the pure equilibri{'um' if len(pure) == 1 else 'a'} {_numbers(pure)}")
    if weak:
        ordinal.append(f"{_numbers(weak)} {'is' if len(weak) == 1 else 'are'} weak (a tie: it holds only while the "
                       "tie does)")
    if mixed:
        cardinal.append(f"the probabilities of the mixed equilibri{'um' if len(mixed) == 1 else 'a'} {_numbers(mixed)}")
    pd = [k for k, e in enumerate(eqs) if e.payoff_dominant]
    if pd:
        cardinal.append(f"payoff dominance of {_numbers(pd)}")
    rd = [k for k, e in enumerate(eqs) if e.risk_dominant]
    if rd:
        cardinal.append(f"risk dominance of {_numbers(rd)}")
    rule = solution.selection_rule
    if rule in ("payoff dominance", "risk dominance"):
        cardinal.append(f"the selection (by {rule})")
    elif rule == "unique" and mixed:
        cardinal.append("the selection (the only equilibrium is mixed)")
    return Claims(ordinal=tuple(ordinal), cardinal=tuple(cardinal))


@dataclass(frozen=True, kw_only=True)
class Comparison:
    """One best-response comparison a pure equilibrium rests on.

    ``player`` prefers ``own`` to ``other`` against ``against``.
    """

    player: str
    own: str
    other: str
    against: str
    payoff: Fraction
    other_payoff: Fraction

    @property
    def tie(self) -> bool:
        return self.payoff == self.other_payoff

    def text(self) -> str:
        sign = "=" if self.tie else ">"
        return f"{self.own} {exact(self.payoff)} {sign} {self.other} {exact(self.other_payoff)}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "player": self.player,
            "strategy": self.own,
            "rather_than": self.other,
            "against": self.against,
            "payoff": number_to_json(self.payoff),
            "other_payoff": number_to_json(self.other_payoff),
            "tie": self.tie,
        }


@dataclass(frozen=True, kw_only=True)
class PureCheck:
    """A pure equilibrium and the comparisons it rests on."""

    profile: tuple[str, str]
    comparisons: tuple[Comparison, ...]
    kept: float

    @property
    def strict(self) -> bool:
        return not any(c.tie for c in self.comparisons)

    @property
    def label(self) -> str:
        return f"({self.profile[0]}, {self.profile[1]})"

    def verdict(self) -> str:
        if self.strict:
            return "ordinal: holds for every payoff assignment with the same best-response comparisons"
        return ("ordinal but weak: holds for every assignment that keeps the same comparisons, ties included; "
                "breaking a tie can remove it")

    def to_dict(self) -> dict[str, Any]:
        return {"profile": list(self.profile), "strict": self.strict, "verdict": self.verdict(),
                "sampled_share": self.kept, "comparisons": [c.to_dict() for c in self.comparisons]}


@dataclass(frozen=True, kw_only=True)
class OrdinalCheck:
    """What of a game's solution holds for every payoff assignment with the same orderings.

    Attributes
    ----------
    solution : Solution
        The game's exact solution.
    pure : tuple of PureCheck
        Each pure equilibrium, with the comparisons it rests on.
    samples : int
        Payoff assignments sampled with the same ranking of all cells for each player.
    set_kept, selected_kept : float
        Shares of the samples with the same equilibrium set (supports) and the
        same selected equilibrium.
    risk_kept : float or None
        Share with the same risk-dominant equilibrium (None when none is).
    sets : tuple of (tuple of str, int)
        The equilibrium sets met in the samples and how often.
    claims : Claims
    risk_dominant : str or None
        The risk-dominant equilibrium at the file's payoffs, described.
    """

    solution: Any
    pure: tuple[PureCheck, ...]
    samples: int
    seed: int
    set_kept: float
    selected_kept: float
    risk_kept: float | None
    reference_set: tuple[str, ...]
    reference_selected: str | None
    sets: tuple[tuple[tuple[str, ...], int], ...]
    selections: tuple[tuple[str | None, int], ...]
    claims: Claims
    exact_points: int = 0
    warnings: tuple[str, ...] = field(default=())
    risk_dominant: str | None = None

    def verdict(self) -> str:
        """One line: what is ordinal, and what of the rest survives the same rankings.

        ``"pure equilibria ordinal; in same-ranking assignments: set kept 100%, selection 100%, risk dominance 66%"``
        """
        if self.pure:
            head = "pure equilibria ordinal" + ("" if all(p.strict for p in self.pure) else " (some weak)")
        else:
            head = "no pure equilibrium"
        kept = [f"set kept {_share(self.set_kept)}", f"selection {_share(self.selected_kept)}"]
        if self.risk_kept is not None:
            kept.append(f"risk dominance {_share(self.risk_kept)}")
        return f"{head}; in same-ranking assignments: " + ", ".join(kept)

    def to_dict(self) -> dict[str, Any]:
        return {
            "samples": self.samples,
            "seed": self.seed,
            "sampling": "each player's distinct payoff levels replaced by sorted uniform numbers: the same ranking "
                        "of all cells, ties kept",
            "pure_equilibria": [p.to_dict() for p in self.pure],
            "reference": {"equilibria": list(self.reference_set), "selected": self.reference_selected},
            "set_kept": self.set_kept,
            "selected_kept": self.selected_kept,
            "risk_dominant": self.risk_dominant,
            "risk_dominant_kept": self.risk_kept,
            "sets": [{"equilibria": list(k), "count": c} for k, c in self.sets],
            "selected": [{"equilibrium": k, "count": c} for k, c in self.selections],
            "claims": self.claims.to_dict(),
            "verdict": self.verdict(),
            "exact_points": self.exact_points,
            "warnings": list(self.warnings),
        }


def _share(x: float) -> str:
    return "100%" if x >= 1 else f"{100 * x:.0f}%" if x >= 0.01 or x == 0 else "<1%"


def _comparisons(game, i: int, j: int) -> tuple[Comparison, ...]:
    S0, S1 = game.strategies
    P0, P1 = game.players
    out = []
    for k in range(len(S0)):
        if k != i:
            out.append(Comparison(player=P0, own=S0[i], other=S0[k], against=S1[j], payoff=game.A[i][j],
                                  other_payoff=game.A[k][j]))
    for k in range(len(S1)):
        if k != j:
            out.append(Comparison(player=P1, own=S1[j], other=S1[k], against=S0[i], payoff=game.B[i][j],
                                  other_payoff=game.B[i][k]))
    return tuple(out)


def _same_ranking(M, n: int, rng):
    """``n`` matrices with the same ranking of all cells as ``M`` (ties kept): levels replaced by sorted uniforms."""
    import numpy as np

    flat = [v for row in M for v in row]
    levels = sorted(set(flat))
    rank = np.array([levels.index(v) for v in flat])
    u = np.sort(rng.random((n, len(levels))), axis=1)
    return u[:, rank].reshape(n, len(M), len(M[0]))


def ordinal_check(solution, *, samples: int = SAMPLES, seed: int = 0) -> OrdinalCheck:
    """Which conclusions of ``solution`` hold for every payoff assignment with the same orderings.

    Parameters
    ----------
    solution : bargaining.solution.Solution
        An exact solution (of the game whose payoffs are being questioned).
    samples : int
        Payoff assignments to sample with each player's ranking of all cells kept.
    seed : int

    Examples
    --------
    >>> from bargaining.io.gamefile import load_model
    >>> from bargaining.solvers.registry import solve
    >>> c = ordinal_check(solve(load_model("games/baseline.toml").game()), samples=200)
    >>> c.pure[0].label, c.pure[0].strict, c.set_kept
    ('(align, align)', True, 1.0)
    """
    import numpy as np

    from bargaining.errors import InputError
    from bargaining.game import Game
    from bargaining.numbers import to_fraction
    from bargaining.solution import EquilibriumSet
    from bargaining.solvers.registry import solve
    from bargaining.statics.draws import solve_games

    if not isinstance(samples, int) or isinstance(samples, bool) or samples < 1:
        raise InputError(f"expected a positive number of samples, found {samples!r}", where="samples")
    game = solution.game
    pure = []
    rng = np.random.default_rng(seed)
    A = _same_ranking(game.A, samples, rng)
    B = _same_ranking(game.B, samples, rng)

    def exact_solution(q):
        return solve(Game.from_arrays([[to_fraction(float(v)) for v in row] for row in A[q]],
                                      [[to_fraction(float(v)) for v in row] for row in B[q]],
                                      players=game.players, strategies=game.strategies))

    found = solve_games(lambda s, t: (A[s:t], B[s:t]), exact_solution, samples, game.strategies)
    for e in solution.equilibria:
        if e.pure:
            i, j = e.profile()
            kept = float(found.pure[:, i, j].mean())
            pure.append(PureCheck(profile=(game.strategies[0][i], game.strategies[1][j]),
                                  comparisons=_comparisons(game, i, j), kept=kept))
    def by_support(e) -> str:
        return EquilibriumSet((e.supports(),)).labels(game.strategies)[0]

    reference = solution.equilibrium_set().labels(game.strategies)
    ref_selected = None if solution.selected is None else by_support(solution.equilibria[solution.selected])
    set_counts = found.set_counts()
    set_kept = dict(set_counts).get(reference, 0) / samples
    selected_kept = float(found.is_selected(ref_selected).mean())
    risk = next((k for k, e in enumerate(solution.equilibria) if e.risk_dominant), None)
    risk_kept = None
    if risk is not None:
        # Harsanyi and Selten's products in every sample, against every other strict pure equilibrium;
        # the strict pure equilibria are the same in every sample (their comparisons are kept)
        r1, c1 = solution.equilibria[risk].profile()
        wins = np.ones(samples, dtype=bool)
        for f in solution.equilibria:
            if f is solution.equilibria[risk] or not f.strict:
                continue
            r2, c2 = f.profile()
            gap = ((A[:, r1, c1] - A[:, r2, c1]) * (B[:, r1, c1] - B[:, r1, c2])
                   - (A[:, r2, c2] - A[:, r1, c2]) * (B[:, r2, c2] - B[:, r2, c1]))
            wins &= gap > 0
        risk_kept = float(wins.mean())
    warnings = []
    if any(p.kept < 1 for p in pure):  # a theorem; a failure here would be a bug
        warnings.append("a pure equilibrium failed in a same-ranking sample: please report this")
    return OrdinalCheck(
        solution=solution,
        pure=tuple(pure),
        samples=samples,
        seed=seed,
        set_kept=set_kept,
        selected_kept=selected_kept,
        risk_kept=risk_kept,
        reference_set=reference,
        reference_selected=ref_selected,
        sets=tuple(set_counts),
        selections=tuple(found.selection_counts()),
        claims=claims(solution),
        exact_points=found.exact_points,
        warnings=tuple(warnings),
        risk_dominant=None if risk is None else by_support(solution.equilibria[risk]),
    )
