"""Hypothesis strategies shared by the tests.

Games
    - :func:`bimatrix_games`: random games ``(A, B)`` with small integer
      payoffs, as exact fractions;
    - :func:`games`: the same as :class:`~bargaining.game.Game` objects;
    - :func:`float_games`: stacks of games with continuous random payoffs
      (almost surely nondegenerate), as float arrays of shape ``(P, m, n)``,
      for the vectorised solver;
    - :func:`integer_games`: stacks of games with small integer payoffs (full
      of ties), as float arrays of shape ``(P, m, n)``.

Games of more than two players
    - :func:`nplayer_games`: payoff tensors (nested lists of integers), one per
      player, of a random shape among a few small ones;
    - :func:`float_nplayer_games`: float payoff arrays of two to three players
      from a seeded generator (:func:`random_float_payoffs`).

Degenerate games
    - :func:`degenerate_games`: games that are degenerate by construction (a
      pure strategy with two pure best responses) and full of further ties.

Parameterised games and parameter points
    - :func:`affine_models`: a game file (as a dict, for
      :func:`bargaining.io.gamefile.model_from_dict`) whose payoffs are affine in
      one parameter ``t``, with a ``--vary`` spec whose grid hits ties exactly;
    - :func:`parameter_points`: exact parameter values inside a model's
      declared ranges;
    - :func:`baseline_points`: the same for ``games/baseline.toml``, optionally
      where mixed equilibria are likely.

Closed forms
    - :func:`polynomials`: sympy polynomials with small rational coefficients
      in a few real symbols;
    - :func:`boxes`: ranges for those symbols, as the symbolic analysis takes
      them (name -> (lo, hi));
    - :func:`box_points`: exact points inside a box.

Game trees
    - :func:`game_trees`: small random :class:`~bargaining.tree.GameTree`
      values with decision, chance and simultaneous nodes and information
      sets that keep perfect recall (a player's sibling nodes after another
      player's or nature's move, merged), small integer payoffs full of ties.

Bargaining problems and feasible sets
    - :func:`payoffs`: exact rational payoffs with small denominators;
    - :func:`point_sets`: finite sets of payoff pairs (the outcomes of a game);
    - :func:`problems`: bargaining problems whose disagreement point is an
      outcome, the worst corner, or a random point;
    - :func:`symmetric_problems`: problems closed under swapping the players,
      with the disagreement point on the diagonal;
    - :func:`discount_factors`: rational discount factors in (0, 1).
"""

from __future__ import annotations

from fractions import Fraction
from itertools import product

import numpy as np
from hypothesis import assume, strategies as st

from bargaining.game import Game
from bargaining.io.gamefile import load_model
from bargaining.negotiation.problem import BargainingProblem

__all__ = [
    "bimatrix_games",
    "games",
    "float_games",
    "integer_games",
    "degenerate_games",
    "nplayer_games",
    "float_nplayer_games",
    "tensor_games",
    "exact_entries",
    "random_float_payoffs",
    "affine_models",
    "open_tie_models",
    "parameter_points",
    "baseline_points",
    "payoffs",
    "point_sets",
    "problems",
    "symmetric_problems",
    "discount_factors",
    "game_trees",
    "polynomials",
    "boxes",
    "box_points",
]

Matrix = list[list[Fraction]]


# --------------------------------------------------------------------------------- games


def _matrices(m: int, n: int, min_value: int, max_value: int) -> st.SearchStrategy[Matrix]:
    entry = st.integers(min_value, max_value).map(Fraction)
    return st.lists(st.lists(entry, min_size=n, max_size=n), min_size=m, max_size=m)


@st.composite
def bimatrix_games(
    draw,
    max_m: int = 4,
    max_n: int = 4,
    min_value: int = -5,
    max_value: int = 5,
    min_m: int = 1,
    min_n: int = 1,
) -> tuple[Matrix, Matrix]:
    """Games ``(A, B)`` of shape ``m x n`` with integer entries as Fractions.

    Parameters
    ----------
    max_m, max_n, min_m, min_n : int
        Bounds on the number of rows and columns.
    min_value, max_value : int
        Bounds on every payoff. Narrow ranges give many ties, wide ranges
        mostly nondegenerate games.
    """
    m = draw(st.integers(min_m, max_m))
    n = draw(st.integers(min_n, max_n))
    A = draw(_matrices(m, n, min_value, max_value))
    B = draw(_matrices(m, n, min_value, max_value))
    return A, B


def games(**kw) -> st.SearchStrategy[Game]:
    """:func:`bimatrix_games` (same keyword arguments) as :class:`~bargaining.game.Game` objects."""
    return bimatrix_games(**kw).map(lambda AB: Game.from_arrays(*AB))


@st.composite
def float_games(draw, shapes=((3, 3), (4, 4)), points=st.integers(1, 30)):
    """``(A, B)`` float arrays of shape ``(P, m, n)`` with continuous random payoffs."""
    m, n = draw(shapes if isinstance(shapes, st.SearchStrategy) else st.sampled_from(shapes))
    P = draw(points)
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    scale = draw(st.sampled_from([1e-3, 1.0, 1e3]))
    return rng.normal(size=(P, m, n)) * scale, rng.normal(size=(P, m, n)) * scale


@st.composite
def integer_games(draw, shapes=((2, 2), (2, 3), (3, 3), (3, 4), (4, 4)), points=st.integers(1, 20), max_value: int = 3):
    """``(A, B)`` float arrays of small integers: many ties and degenerate games."""
    m, n = draw(st.sampled_from(shapes))
    P = draw(points)
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    A = rng.integers(-max_value, max_value + 1, size=(P, m, n)).astype(float)
    B = rng.integers(-max_value, max_value + 1, size=(P, m, n)).astype(float)
    return A, B


# ------------------------------------------------------------ games of more than two players


@st.composite
def nplayer_games(draw, shapes=((2, 2, 2), (3, 2, 2), (2, 3, 2)), low=-99, high=99):
    """Payoff tensors (nested lists of ints) for a random shape among ``shapes``."""
    shape = draw(st.sampled_from(shapes))
    size = int(np.prod(shape))
    out = []
    for _ in shape:
        flat = draw(st.lists(st.integers(low, high), min_size=size, max_size=size))
        out.append(np.array(flat, dtype=object).reshape(shape).tolist())
    return out


def random_float_payoffs(shape, seed):
    """One float payoff array of ``shape`` per player, integers in ``-99..99`` from a seeded generator."""
    rng = np.random.default_rng(seed)
    return [rng.integers(-99, 100, size=shape).astype(float) for _ in shape]


def float_nplayer_games(shapes=((2, 2), (3, 3), (2, 2, 2), (3, 2, 2))) -> st.SearchStrategy[list]:
    """:func:`random_float_payoffs` of a shape among ``shapes`` and a drawn seed."""
    return st.tuples(st.sampled_from(shapes), st.integers(0, 2**32 - 1)).map(lambda t: random_float_payoffs(*t))


# ---------------------------------------------------------------------- degenerate games


def exact_entries(lo: int = -9, hi: int = 9, max_denominator: int = 4) -> st.SearchStrategy[Fraction]:
    """Small exact payoffs: integers and simple fractions."""
    return st.builds(Fraction, st.integers(lo * max_denominator, hi * max_denominator),
                     st.integers(1, max_denominator))


@st.composite
def tensor_games(draw, shapes=((2, 2, 2), (3, 2, 2), (2, 3, 2), (2, 2, 2, 2)), entries=None):
    """One payoff tensor per player (nested lists of Fractions) for a shape drawn from ``shapes``."""
    shape = draw(st.sampled_from(shapes))
    size = int(np.prod(shape))
    entries = st.integers(-99, 99).map(Fraction) if entries is None else entries
    out = []
    for _ in shape:
        flat = draw(st.lists(entries, min_size=size, max_size=size))
        out.append(np.array(flat, dtype=object).reshape(shape).tolist())
    return out


@st.composite
def degenerate_games(draw, max_m: int = 4, max_n: int = 4, max_value: int = 2) -> tuple[Matrix, Matrix]:
    """Degenerate games: payoffs in ``0..max_value`` with a forced tie.

    Column 0's best payoff for the row player is shared by rows 0 and 1, so
    the pure strategy "column 0" has two pure best responses. Its vertex of
    ``Q`` then has ``n + 1`` labels, and the game is degenerate whatever else
    was drawn.
    """
    A, B = draw(bimatrix_games(max_m, max_n, 0, max_value, min_m=2))
    top = max(row[0] for row in A)
    A[0][0] = A[1][0] = top
    return A, B


# ------------------------------------------------------- parameterised games and points


def _text(q: Fraction) -> str:
    return f"({q.numerator}/{q.denominator})" if q.denominator != 1 else f"({q.numerator})"


@st.composite
def affine_models(draw, sizes=((3, 3), (4, 4), (2, 3), (3, 2)), max_coef: int = 3, max_ties: int = 3):
    """``(game_dict, spec)``: payoffs ``c0 + c1*t`` and the grid ``t=0:1:NUM``.

    With ``k`` forced ties, ``k`` times a player's payoffs in two cells it
    chooses between (two rows of one column for the row player, two columns of
    one row for the column player) are made equal at a grid value ``t*``, so
    the grid hits degenerate games (a player indifferent between two
    strategies).
    """
    m, n = draw(st.sampled_from(sizes))
    num = draw(st.integers(3, 9))
    coef = st.integers(-max_coef, max_coef).map(Fraction)
    cells = [[[[draw(coef), draw(coef)] for _ in range(n)] for _ in range(m)] for _ in range(2)]
    for _ in range(draw(st.integers(0, max_ties))):
        player = draw(st.integers(0, 1))
        g = draw(st.integers(0, num - 1))
        t_star = Fraction(g, num - 1)
        slope = draw(st.integers(-2, 2).filter(bool)).__int__()
        if player == 0 and m > 1:
            j = draw(st.integers(0, n - 1))
            a, b = draw(st.lists(st.integers(0, m - 1), min_size=2, max_size=2, unique=True))
            c0, c1 = cells[0][a][j]
            cells[0][b][j] = [c0 - slope * t_star, c1 + slope]
        elif player == 1 and n > 1:
            i = draw(st.integers(0, m - 1))
            a, b = draw(st.lists(st.integers(0, n - 1), min_size=2, max_size=2, unique=True))
            c0, c1 = cells[1][i][a]
            cells[1][i][b] = [c0 - slope * t_star, c1 + slope]
    players = ["Row", "Column"]
    data = {
        "title": "affine test game",
        "players": players,
        "strategies": {"Row": [f"r{i}" for i in range(m)], "Column": [f"c{j}" for j in range(n)]},
        "parameters": {"t": {"value": "0", "min": "0", "max": "1", "label": "the parameter t"}},
        "payoffs": {
            players[p]: [[f"{_text(c0)} + {_text(c1)}*t" for c0, c1 in row] for row in cells[p]] for p in range(2)
        },
    }
    return data, f"t=0:1:{num}"


def _in_range(lo, hi, denominator=200):
    lo, hi = Fraction(lo), Fraction(hi)
    n_lo, n_hi = int(lo * denominator), int(hi * denominator)
    return st.integers(n_lo, n_hi).map(lambda k: Fraction(k, denominator))


@st.composite
def baseline_points(draw, mixed_friendly=False):
    """Exact rational parameter points inside the baseline's declared ranges."""
    model = load_model("games/baseline.toml")
    point = {}
    for name, p in model.parameters.items():
        lo, hi = p.min, p.max
        if mixed_friendly and name == "T":
            lo = Fraction(7, 10)
        if mixed_friendly and name in ("w_R", "w_C", "e_R", "e_C", "j", "r"):
            hi = min(hi, Fraction(15, 100))
        point[name] = draw(_in_range(lo, hi))
    return point


@st.composite
def parameter_points(draw, model):
    """Exact parameter values inside each declared range of ``model``.

    A parameter without a declared bound gets its value ``± 1`` on that side.
    """
    values = {}
    for name, p in model.parameters.items():
        lo = p.min if p.min is not None else p.value - 1
        hi = p.max if p.max is not None else p.value + 1
        values[name] = draw(st.fractions(min_value=lo, max_value=hi, max_denominator=1000))
    return values


# ------------------------------------------------------ bargaining problems, feasible sets


def payoffs(lo: int = -5, hi: int = 5, max_denominator: int = 12) -> st.SearchStrategy[Fraction]:
    """Exact payoffs in ``[lo, hi]``."""
    return st.fractions(min_value=lo, max_value=hi, max_denominator=max_denominator)


def point_sets(min_size: int = 1, max_size: int = 8, **kw) -> st.SearchStrategy[list]:
    """Distinct payoff pairs."""
    return st.lists(
        st.tuples(payoffs(**kw), payoffs(**kw)), min_size=min_size, max_size=max_size, unique=True
    )


@st.composite
def problems(draw, transfers=st.booleans(), min_size: int = 1, max_size: int = 8, **kw):
    """Bargaining problems over random point sets.

    The disagreement point is one of the outcomes (as when it is an equilibrium
    of the game), the componentwise minimum of the outcomes, or any point.
    """
    pts = draw(point_sets(min_size, max_size, **kw))
    kind = draw(st.sampled_from(["outcome", "corner", "free"]))
    if kind == "outcome":
        d = draw(st.sampled_from(pts))
    elif kind == "corner":
        d = (min(p[0] for p in pts), min(p[1] for p in pts))
    else:
        d = (draw(payoffs(**kw)), draw(payoffs(**kw)))
    labels = tuple((f"s{i}", f"t{i}") for i in range(len(pts)))
    return BargainingProblem(tuple(pts), d, draw(transfers), labels)


@st.composite
def symmetric_problems(draw, transfers=st.booleans(), max_size: int = 5, **kw):
    """Problems invariant under swapping the players: points and their mirror images."""
    pts = draw(point_sets(1, max_size, **kw))
    sym = list(dict.fromkeys(pts + [(q, p) for p, q in pts]))
    corner = min(min(p) for p in sym)
    t = draw(st.one_of(st.just(corner), payoffs(**kw)))
    labels = tuple((f"o{i}",) for i in range(len(sym)))
    return BargainingProblem(tuple(sym), (t, t), draw(transfers), labels)


def discount_factors(max_denominator: int = 50) -> st.SearchStrategy[Fraction]:
    """Rational discount factors strictly between 0 and 1."""
    return st.fractions(min_value=0, max_value=1, max_denominator=max_denominator).filter(
        lambda x: 0 < x < 1
    )


# ----------------------------------------------------------------------------- closed forms


def _symbols(names):
    import sympy

    return [sympy.Symbol(n, real=True) for n in names]


@st.composite
def polynomials(draw, names=("x", "y", "z"), max_terms: int = 4, max_degree: int = 2):
    """A sympy polynomial: up to ``max_terms`` monomials of degree up to ``max_degree`` in each of ``names``."""
    import sympy

    syms = _symbols(names)
    coef = st.fractions(min_value=-5, max_value=5, max_denominator=6).filter(bool)
    expr = sympy.Integer(0)
    for _ in range(draw(st.integers(1, max_terms))):
        c = draw(coef)
        term = sympy.Rational(c.numerator, c.denominator)
        for s in syms:
            term *= s ** draw(st.integers(0, max_degree))
        expr += term
    return expr


@st.composite
def boxes(draw, names=("x", "y", "z"), low=-3, high=3):
    """``{name: (lo, hi)}`` with ``lo <= hi``, exact, inside ``[low, high]``."""
    out = {}
    for n in names:
        a, b = (draw(st.fractions(min_value=low, max_value=high, max_denominator=4)) for _ in range(2))
        out[n] = (min(a, b), max(a, b))
    return out


@st.composite
def box_points(draw, box):
    """An exact point ``{name: Fraction}`` of the box (its corners included)."""
    point = {}
    for n, (lo, hi) in box.items():
        t = draw(st.fractions(min_value=0, max_value=1, max_denominator=12))
        point[n] = lo + (hi - lo) * t
    return point

# ------------------------------------------------------------------------------ game trees


@st.composite
def game_trees(
    draw,
    players: int | st.SearchStrategy[int] = st.integers(1, 3),
    max_depth: int = 3,
    chance: bool = True,
    simultaneous: bool = True,
    infosets: bool = True,
    max_value: int = 2,
    max_profiles: int = 256,
):
    """Small game trees: decision, chance and simultaneous nodes, terminal payoffs in ``0..max_value``.

    Information sets merge sibling decision nodes of one player that follow
    another player's (or nature's) move and offer the same moves, so perfect
    recall holds. Trees whose pure strategy profiles (a move at every
    information set) number more than ``max_profiles`` are rejected, so that
    tests can enumerate them all.
    """
    from bargaining.tree import Chance, Decision, GameTree, Simultaneous, Terminal

    k = draw(players) if isinstance(players, st.SearchStrategy) else players
    names = [f"P{p + 1}" for p in range(k)]
    nodes: list = []
    counter = [0]

    def fresh() -> str:
        counter[0] += 1
        return f"n{counter[0]}"

    def payoff():
        return tuple(Fraction(draw(st.integers(0, max_value))) for _ in names)

    def grow(depth: int, name: str, mover: str | None = None, labels: tuple[str, ...] | None = None) -> None:
        options = ["terminal"] if depth >= max_depth else ["terminal", "decision", "decision"]
        if depth < max_depth and chance:
            options.append("chance")
        if depth < max_depth and simultaneous and k >= 2:
            options.append("simultaneous")
        kind = "decision" if mover is not None else draw(st.sampled_from(options))
        if depth == 0 and kind == "terminal":
            kind = "decision"
        if kind == "terminal":
            nodes.append(Terminal(name, payoff()))
            return
        if kind == "simultaneous":
            pair = draw(st.lists(st.sampled_from(names), min_size=2, max_size=2, unique=True))
            acts = tuple(tuple(f"{p.lower()}{j}" for j in range(draw(st.integers(1, 2)))) for p in pair)
            cells = []
            for profile in product(*acts):
                child = fresh()
                cells.append((profile, child))
                nodes.append(Terminal(child, payoff()))
            nodes.append(Simultaneous(name, tuple(pair), acts, tuple(cells)))
            return
        if kind == "chance":
            width = draw(st.integers(2, 3))
            weights = draw(st.lists(st.integers(0, 3), min_size=width, max_size=width).filter(lambda w: sum(w) > 0))
            children = [fresh() for _ in range(width)]
            nodes.append(
                Chance(
                    name,
                    tuple((f"c{j}", Fraction(w, sum(weights)), c) for j, (w, c) in enumerate(zip(weights, children))),
                )
            )
            _children(depth, name, None, children)
            return
        player = mover or draw(st.sampled_from(names))
        labels = labels or tuple(f"{name}{chr(97 + j)}" for j in range(draw(st.integers(2, 3 if depth == 0 else 2))))
        children = [fresh() for _ in labels]
        nodes.append(Decision(name, player, tuple(zip(labels, children)), ""))
        _children(depth, name, player, children)

    def _children(depth, parent, parent_player, children):
        # siblings of one other player may share an information set (after a move they do not see)
        if infosets and len(children) > 1 and draw(st.booleans()):
            others = [p for p in names if p != parent_player]
            if others:
                player = draw(st.sampled_from(others))
                labels = tuple(f"{parent}x{j}" for j in range(2))
                start = len(nodes)
                for c in children:
                    grow(depth + 1, c, player, labels)
                for j in range(start, len(nodes)):
                    n = nodes[j]
                    if isinstance(n, Decision) and n.name in children:
                        nodes[j] = Decision(n.name, n.player, n.moves, f"{parent}:info")
                return
        for c in children:
            grow(depth + 1, c)

    grow(0, "root")
    nodes.sort(key=lambda n: n.name != "root")
    tree = GameTree.build(names, nodes)
    count = 1
    for info in tree.expanded().infosets.values():
        count *= len(info.moves)
    assume(count <= max_profiles)
    return tree


@st.composite
def open_tie_models(draw, sizes=((2, 2), (3, 3), (2, 3)), max_coef: int = 2, max_ties: int = 3):
    """``(game_dict, spec)`` as :func:`affine_models`, degenerate on an open region as well.

    Besides the ties at one grid value, up to ``max_ties`` times a payoff
    formula is copied to another cell the same player chooses between, so
    that the player is indifferent there for every ``t``: equilibria come in
    continua, and on supports of unequal size, on whole intervals of ``t``.
    """
    data, spec = draw(affine_models(sizes=sizes, max_coef=max_coef))
    players = data["players"]
    pay = {p: [list(row) for row in data["payoffs"][p]] for p in players}
    m, n = len(pay[players[0]]), len(pay[players[0]][0])
    for _ in range(draw(st.integers(1, max_ties))):
        if draw(st.booleans()):
            j = draw(st.integers(0, n - 1))
            a, b = draw(st.lists(st.integers(0, m - 1), min_size=2, max_size=2, unique=True))
            pay[players[0]][b][j] = pay[players[0]][a][j]
        else:
            i = draw(st.integers(0, m - 1))
            a, b = draw(st.lists(st.integers(0, n - 1), min_size=2, max_size=2, unique=True))
            pay[players[1]][i][b] = pay[players[1]][i][a]
    return {**data, "payoffs": pay}, spec
