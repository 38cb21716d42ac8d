"""The bargaining problem of a game file: its ``[bargaining]`` table, read and checked.

The outcomes are the pure strategy profiles of the game at the model's
parameter values; the players bargain over lotteries on them (and over a
transfer when ``transfers = true``). The table's keys, all optional::

    [bargaining]
    disagreement = "equilibrium"   # the selected equilibrium (default): the unique one,
                                   # else the payoff-dominant, else the risk-dominant;
                                   # or a profile "align, align"; or numbers/formulas [d1, d2]
    transfers = true               # side-payments in payoff units (default false)
    weights = [0.5, 0.5]           # bargaining power: the one statement of it (default equal)
    discount = [0.95, 0.99]        # Rubinstein discount factors per round (default: from the weights)
    first = "Russia"               # who proposes first in Rubinstein's game (default: row player)

Weights, discount factors and numeric disagreement payoffs are formulas over
the parameters and terms (see :mod:`bargaining.formula`), evaluated exactly.
Falling back to an equilibrium follows the design note: the disagreement
point of treaty bargaining is the equilibrium the players play without a
treaty (Nash 1953 calls it the threat point; Binmore, Rubinstein & Wolinsky
1986 discuss which status quo to use).

Bargaining power is stated once, by ``weights``. The weighted Nash solution
uses them, and unless ``discount`` is given Rubinstein's discount factors are
derived from them, ``delta_i = 1 - rho / (2 w_i)`` with ``rho = 1/20`` (0.95
each for equal weights, as before), so that as offers speed up alternating
offers tend to the same weighted split (Binmore, Rubinstein & Wolinsky 1986:
the limit weights are ``ln(delta_k) / (ln(delta_i) + ln(delta_k))``, which
to first order in ``rho`` are the ``w_i``). Discount factors given explicitly
are kept, with a note when the power they imply differs from the weights.

The default weights are equal: the symmetric Nash solution, the one that
does not depend on which player is called which (Nash's symmetry axiom). In
the alliance model the capability asymmetry ``a`` already costs Russia a
junior-partner loss ``j·a`` inside a treaty; weighting China's bargaining
power by ``(1 + a)/2`` as well would count the asymmetry twice. An analyst who
holds that capabilities give bargaining leverage beyond that cost states it
here, once: ``weights = ["1 - (1 + a)/2", "(1 + a)/2"]``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from bargaining.errors import FormulaError, InputError
from bargaining.formula import parse
from bargaining.negotiation.problem import BargainingProblem, label_text
from bargaining.negotiation.rubinstein import check_discount
from bargaining.negotiation.solutions import check_weights
from bargaining.numbers import to_fraction

__all__ = ["BargainingSetup", "KEYS", "bargaining_setup", "discount_from_weights"]

#: Keys of the ``[bargaining]`` table and what each one means.
KEYS = {
    "disagreement": '"equilibrium" (default), a profile such as "align, align", or [d1, d2]',
    "transfers": "true to allow side-payments (default false)",
    "weights": "bargaining powers [w1, w2], formulas summing to 1 (default equal); Nash and, by default, Rubinstein",
    "discount": "Rubinstein discount factors [delta1, delta2], each in (0, 1) (default: from the weights, 0.95 "
                "each for equal weights)",
    "first": "the player who proposes first in Rubinstein's game (default: the row player)",
}

DEFAULT_DISCOUNT = (Fraction(19, 20), Fraction(19, 20))

#: ``rho`` of the discount factors derived from the weights, ``delta_i = 1 - rho / (2 w_i)``.
RHO = Fraction(1, 20)


def discount_from_weights(weights) -> tuple[Fraction, Fraction]:
    """Rubinstein discount factors whose alternating offers tend to the split ``weights`` as offers speed up.

    ``delta_i = 1 - rho / (2 w_i)`` with ``rho = min(1/20, w_1, w_2)``, so
    each lies in [1/2, 1); equal weights give 0.95 each. A player with no
    power at all (weight 0) cannot be represented: the default 0.95 each is
    returned.

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> discount_from_weights((F(1, 2), F(1, 2)))
    (Fraction(19, 20), Fraction(19, 20))
    >>> [str(d) for d in discount_from_weights((F(1, 4), F(3, 4)))]
    ['9/10', '29/30']
    """
    w1, w2 = (Fraction(w) for w in weights)
    if min(w1, w2) <= 0:
        return DEFAULT_DISCOUNT
    rho = min(RHO, w1, w2)
    return 1 - rho / (2 * w1), 1 - rho / (2 * w2)


@dataclass(frozen=True)
class BargainingSetup:
    """A bargaining problem built from a model, with the options of its solutions.

    Attributes
    ----------
    problem : BargainingProblem
    weights : (Fraction, Fraction)
        Nash bargaining powers.
    discount : (Fraction, Fraction)
        Rubinstein discount factors.
    first : int
        Who proposes first (0 row player, 1 column player).
    disagreement_rule : str
        How the disagreement point was chosen, for the reader.
    notes : tuple of str
    power_rule, discount_rule : str
        Where the weights and the discount factors come from, for the reader.
    game : bargaining.game.Game or None
        The stage game whose profiles are the outcomes (for
        :mod:`bargaining.negotiation.enforcement`: is an agreement self-enforcing?).
    stage : bargaining.solution.Solution or None
        Its Nash equilibria, exact.
    """

    problem: BargainingProblem
    weights: tuple[Fraction, Fraction]
    discount: tuple[Fraction, Fraction]
    first: int
    disagreement_rule: str
    notes: tuple[str, ...] = ()
    power_rule: str = "equal (the default)"
    discount_rule: str = "from the weights"
    game: Any = field(default=None, compare=False, repr=False)
    stage: Any = field(default=None, compare=False, repr=False)

    def options(self) -> dict[str, Any]:
        """Keyword options for :func:`bargaining.negotiation.solve_bargaining`."""
        return {"weights": self.weights, "discount": self.discount, "first": self.first}

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready description of the problem and its options."""
        return {
            **self.problem.to_dict(),
            "disagreement_rule": self.disagreement_rule,
            "weights": [str(w) for w in self.weights],
            "weights_rule": self.power_rule,
            "discount": [str(x) for x in self.discount],
            "discount_rule": self.discount_rule,
            "first_proposer": self.problem.players[self.first],
            "notes": list(self.notes),
        }


def _value(raw: Any, env: dict, source: str, where: str) -> Fraction:
    """A number or a formula over parameters and terms, evaluated exactly."""
    if isinstance(raw, bool):
        raise InputError(f"expected a number or a formula, found {str(raw).lower()}", source=source, where=where)
    if isinstance(raw, str):
        try:
            expr = parse(raw)
            unknown = sorted(expr.names() - set(env))
            if unknown:
                known = ", ".join(env)
                raise InputError(f"unknown name {unknown[0]!r}; known names: {known}", source=source, where=where)
            value = expr.evaluate(env)
        except FormulaError as err:
            raise err.located(source=source, where=where) from None
        return to_fraction(value, where=where)
    try:
        return to_fraction(raw, where=where)
    except InputError as err:
        raise err.located(source=source, where=where) from None


def _pair(table: dict, key: str, env: dict, source: str) -> tuple[Fraction, Fraction] | None:
    raw = table.get(key)
    if raw is None:
        return None
    where = f"bargaining.{key}"
    if not isinstance(raw, list) or len(raw) != 2:
        raise InputError(f"expected a list of two numbers or formulas, found {raw!r}", source=source, where=where)
    return (
        _value(raw[0], env, source, f"{where}[0]"),
        _value(raw[1], env, source, f"{where}[1]"),
    )


def bargaining_setup(model, solution=None) -> BargainingSetup:
    """Build the bargaining problem of a model from its ``[bargaining]`` table.

    Parameters
    ----------
    model : bargaining.model.Model
        The game file, with parameters already set.
    solution : bargaining.solution.Solution, optional
        Its equilibria, if already computed (used by
        ``disagreement = "equilibrium"``); computed exactly otherwise.

    Returns
    -------
    BargainingSetup

    Raises
    ------
    InputError
        For an unknown key or a bad value, naming it: ``bargaining.weights[1]``.

    Examples
    --------
    >>> from bargaining.io.gamefile import load_model
    >>> setup = bargaining_setup(load_model("games/baseline.toml"))
    >>> setup.disagreement_rule
    'the profile (align, align), an equilibrium of the game'
    >>> [str(x) for x in setup.problem.disagreement]
    ['9/40', '19/100']
    """
    source = model.source
    table = dict(model.bargaining or {})
    for key in table:
        if key not in KEYS:
            raise InputError(
                f"unknown key {key!r}; known keys: {', '.join(KEYS)}", source=source, where=f"bargaining.{key}"
            )
    game = model.game()
    env = model.environment()
    S0, S1 = game.strategies
    points = tuple((game.A[i][j], game.B[i][j]) for i in range(len(S0)) for j in range(len(S1)))
    labels = tuple((S0[i], S1[j]) for i in range(len(S0)) for j in range(len(S1)))
    notes: list[str] = []

    transfers = table.get("transfers", False)
    if not isinstance(transfers, bool):
        raise InputError(f"expected true or false, found {transfers!r}", source=source, where="bargaining.transfers")

    raw_d = table.get("disagreement", "equilibrium")
    where = "bargaining.disagreement"
    if isinstance(raw_d, list):
        d = _pair(table, "disagreement", env, source)
        rule = "given in the game file"
    elif isinstance(raw_d, str) and raw_d.strip() == "equilibrium":
        if solution is None:
            from bargaining.solvers.registry import solve

            solution = solve(game)
        k, how = solution.selected, solution.selection_rule
        if k is None:
            raise InputError(
                "no equilibrium is selected (unique, payoff-dominant or risk-dominant) to serve as the"
                ' disagreement point; give a profile such as "'
                f'{S0[0]}, {S1[0]}" or two numbers [d1, d2]',
                source=source,
                where=where,
            )
        e = solution.equilibria[k]
        d = (Fraction(e.payoffs[0]), Fraction(e.payoffs[1]))
        profile = e.profile()
        name = f"({S0[profile[0]]}, {S1[profile[1]]})" if profile else "(mixed)"
        rule = {"unique": "the unique equilibrium"}.get(how, f"the equilibrium selected by {how}") + f" {name}"
        if len(solution.equilibria) > 1:
            notes.append(
                f"the game has {len(solution.equilibria)} equilibria; the disagreement point is {rule}."
                " If that is the agreement being bargained over, set bargaining.disagreement to the"
                " profile the players fall back to"
            )
    elif isinstance(raw_d, str):
        parts = tuple(s.strip() for s in raw_d.split(","))
        if parts not in labels:
            known = "; ".join(f'"{label_text(lab)}"' for lab in labels)
            raise InputError(
                f'expected "equilibrium", a profile or [d1, d2], found {raw_d!r}; profiles: {known}',
                source=source,
                where=where,
            )
        d = points[labels.index(parts)]
        if solution is None:
            from bargaining.solvers.registry import solve

            solution = solve(game)
        profile = (S0.index(parts[0]), S1.index(parts[1]))
        if profile in solution.pure_profiles():
            rule = f"the profile ({label_text(parts)}), an equilibrium of the game"
        else:
            rule = f"the profile ({label_text(parts)})"
            notes.append(
                f"the disagreement point ({label_text(parts)}) is not an equilibrium of the game:"
                " the players would not stay there without an agreement"
            )
    else:
        raise InputError(
            f'expected "equilibrium", a profile such as "{S0[0]}, {S1[0]}" or [d1, d2], found {raw_d!r}',
            source=source,
            where=where,
        )

    weights = _pair(table, "weights", env, source)
    power_rule = "equal (the default)" if weights is None else "given in the game file"
    if weights is None:
        weights = (Fraction(1, 2), Fraction(1, 2))
    else:
        try:
            weights = check_weights(weights, where="bargaining.weights")
        except InputError as err:
            raise err.located(source=source) from None

    discount = _pair(table, "discount", env, source)
    discount_rule = "from the weights" if discount is None else "given in the game file"
    if discount is None:
        discount = discount_from_weights(weights)
        if min(weights) <= 0:
            notes.append("a bargaining weight of 0 has no Rubinstein discount factor to match it; Rubinstein uses "
                         "0.95 each (equal power)")
    else:
        try:
            discount = check_discount(discount, where="bargaining.discount")
        except InputError as err:
            raise err.located(source=source) from None
        from bargaining.negotiation.rubinstein import rubinstein_limit_weights

        implied = rubinstein_limit_weights(discount)
        if abs(float(implied[0]) - float(weights[0])) > 0.005:
            from bargaining.numbers import decimal

            notes.append(
                f"the discount factors imply bargaining power {game.players[0]} {decimal(implied[0], 3)}, "
                f"{game.players[1]} {decimal(implied[1], 3)} as offers speed up (Binmore, Rubinstein and Wolinsky "
                f"1986), not the weights {decimal(weights[0], 3)}, {decimal(weights[1], 3)}: the two solutions "
                "assume different power"
            )

    first_name = table.get("first", game.players[0])
    if first_name not in game.players:
        raise InputError(
            f"expected one of the players ({', '.join(game.players)}), found {first_name!r}",
            source=source,
            where="bargaining.first",
        )
    problem = BargainingProblem(points, d, transfers, labels, tuple(game.players))
    if solution is None:
        from bargaining.solvers.registry import solve

        solution = solve(game)
    return BargainingSetup(
        problem=problem,
        weights=weights,
        discount=discount,
        first=list(game.players).index(first_name),
        disagreement_rule=rule,
        notes=tuple(notes),
        power_rule=power_rule,
        discount_rule=discount_rule,
        game=game,
        stage=solution,
    )
