"""Benchmark and oracle check: the tree solver's equilibria of small game trees, against pygambit's.

The trees: seeded random two-player trees (depth 2-5, 2 or 3 moves at each
node, a node below the root ends play with probability 1/4; integer payoffs in
[-4, 4], full of ties, or rational ones ``k/d`` with ``d <= 6``) of three
kinds: *perfect* information, with *chance* nodes (probabilities in sixths),
and with one *simultaneous*-move stage game (2x2, 2x3 or 3x2, its cells ending
play or leading to a last decision), plus the shipped game trees
``games/treaty_proposal.toml`` and ``games/resolve.toml`` under the parameters
of each scenario of ``games/`` whose parameters they have. A random tree whose
reduced strategic form has more than ``--max-profiles`` (200) profiles is
drawn again (the strategic-form solvers of both sides are exponential).

Each tree is written by :func:`bargaining.io.efg.write_efg` and read by
pygambit 16.7 (the 17.0.0b2 wheel on PyPI walks trees by histories and has no
``Game.root``: the script says so and times our solver alone). pygambit has no solver for
subgame-perfect equilibria, so the comparison has two parts:

Part 1, subgame-perfect equilibria. Ours: :func:`bargaining.solvers.tree.backward_induction`
(every combination of the subgames' equilibria, exact). Gambit's side:
backward induction written here over pygambit's own tree (its
``is_subgame_root``, its outcomes and chance probabilities), each decision
node's optimal moves (every tied one) and each stage game's extreme
equilibria by ``gbt.nash.enummixed_solve`` (rational) on the bimatrix of
continuation payoffs; a subgame of another shape (``resolve.toml``: imperfect
information across the whole tree) is not enumerated on that side (``n/a``).
Independently, each of our equilibria is **checked with pygambit's payoff
evaluation**: in every subgame pygambit finds, no player gains by any pure
change of its moves at the information sets of that subgame that lie in no
smaller subgame (``MixedBehaviorProfile.node_value``, rational). By the
one-shot deviation argument (induction from the smallest subgames up) that
is exactly "a Nash equilibrium in every subgame". Moves our equilibrium
leaves open (``None``) are filled with their first move.

Part 2, Nash equilibria of the reduced strategic form. Ours:
:func:`~bargaining.solvers.tree.strategic_form` and the exact bimatrix solver
(every extreme equilibrium; the time ``ours``), and
:func:`~bargaining.solvers.tree.nash_equilibria`, which also marks each
equilibrium subgame-perfect or names its threat (the time ``marked``).
Gambit: ``gbt.nash.enummixed_solve(game, rational=True)`` on the extensive
game (it builds the same reduced form). Gambit's reduced strategies are named
by one digit per information set (``"12*"``); ours are mapped onto them, and
Gambit's reduced payoffs (``Game.to_arrays``) must equal ours exactly under
the mapping. Gambit lists an equilibrium once per basis in degenerate games:
distinct profiles are compared.

Disagreements are investigated and printed with a verdict: a profile only one
side lists is checked exactly (its regret in our strategic form, and
pygambit's ``max_regret``; for an SPE, the subgame check above). On a perfect
information tree with at most 4,096 pure profiles every pure profile is also
tried by that check, and the set of pure SPEs found that way (all SPEs there
are pure, as both sides' backward induction reports them) decides who missed
what.

Times are medians over the trees both sides finished, wall clock, in one
process per side that is forked once after our compiled kernels are loaded;
each computation has ``--limit`` seconds (10), after which it is stopped and
counted as a timeout. pygambit's SPE time is the Python backward induction
above calling into pygambit, not a Gambit routine.

Usage::

    python bench/bench_tree.py [--trees 12] [--seed 0] [--limit 10] [--max-profiles 200] [--no-games]

``--trees`` is the number of random trees per kind. pygambit is not a test
dependency; install it (``pip install pygambit==16.7.0``, it compiles from
source) into a venv and this package into the same venv (``pip install -e .``).
Without it the script times our solver alone.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import statistics
import sys
import tempfile
import time
from fractions import Fraction
from itertools import product
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bargaining.io.efg import write_efg  # noqa: E402
from bargaining.solvers.registry import solve  # noqa: E402
from bargaining.solvers.tree import backward_induction, nash_equilibria, strategic_form, subgames  # noqa: E402
from bargaining.tree import Decision, GameTree, Simultaneous, chance, decision, simultaneous, terminal  # noqa: E402

try:
    import pygambit as gbt
except ImportError:  # the benchmark still times our solver alone
    gbt = None

PLAYERS = ("A", "B")
KINDS = ("perfect", "chance", "simultaneous")
BRUTE_FORCE_PROFILES = 4096
TIMEOUT = "timeout"


# ----------------------------------------------------------------------------- random trees


class _Draw:
    """The nodes of one random tree, drawn from ``rng``."""

    def __init__(self, rng, kind: str, rational: bool):
        self.rng, self.kind, self.rational = rng, kind, rational
        self.nodes: list = []
        self.count = 0
        self.chances = 0
        self.staged = False

    def payoff(self) -> Fraction:
        if self.rational:
            return Fraction(int(self.rng.integers(-12, 13)), int(self.rng.integers(1, 7)))
        return Fraction(int(self.rng.integers(-4, 5)))

    def name(self) -> str:
        self.count += 1
        return f"n{self.count}"

    def leaf(self) -> str:
        name = self.name()
        self.nodes.append(terminal(name, [self.payoff(), self.payoff()]))
        return name

    def node(self, level: int, depth: int, sim_at: int | None) -> str:
        rng = self.rng
        if level >= depth or (level > 0 and rng.random() < 0.25):
            return self.leaf()
        name = self.name()
        k = int(rng.integers(2, 4))
        if sim_at is not None and level == sim_at and not self.staged:
            self.staged = True
            return self.stage(name, level, depth)
        if self.kind == "chance" and (level == 0 and rng.random() < 0.5 or level > 0 and rng.random() < 0.3):
            self.chances += 1
            sixths = _split(rng, k)
            slot = len(self.nodes)
            self.nodes.append(None)
            kids = [self.node(level + 1, depth, sim_at) for _ in range(k)]
            self.nodes[slot] = chance(name, {f"c{j + 1}": (sixths[j], kid) for j, kid in enumerate(kids)})
            return name
        player = PLAYERS[level % 2] if rng.random() < 0.8 else PLAYERS[(level + 1) % 2]
        slot = len(self.nodes)
        self.nodes.append(None)
        kids = [self.node(level + 1, depth, sim_at) for _ in range(k)]
        letters = "LMR" if k == 3 else "LR"
        self.nodes[slot] = decision(name, player, {f"{letters[j]}{name[1:]}": kid for j, kid in enumerate(kids)})
        return name

    def stage(self, name: str, level: int, depth: int) -> str:
        rng = self.rng
        order = list(PLAYERS) if rng.random() < 0.5 else list(PLAYERS[::-1])
        sizes = [(2, 2), (2, 3), (3, 2)][int(rng.integers(0, 3))]
        actions = [[f"{p.lower()}{j + 1}" for j in range(n)] for p, n in zip(order, sizes)]
        slot = len(self.nodes)
        self.nodes.append(None)
        cells = []
        for _ in product(*actions):
            if level + 1 < depth and rng.random() < 0.25:  # a last decision after the stage game
                child = self.name()
                who = PLAYERS[int(rng.integers(0, 2))]
                a, b = self.leaf(), self.leaf()
                self.nodes.append(decision(child, who, {f"L{child[1:]}": a, f"R{child[1:]}": b}))
                cells.append(child)
            else:
                cells.append(self.leaf())
        self.nodes[slot] = simultaneous(name, order, actions, cells)
        return name


def _split(rng, k: int) -> list[Fraction]:
    """``k`` positive probabilities in sixths summing to 1."""
    cuts = sorted(rng.choice(np.arange(1, 6), size=k - 1, replace=False).tolist())
    edges = [0, *cuts, 6]
    return [Fraction(edges[j + 1] - edges[j], 6) for j in range(k)]


def plan_counts(tree: GameTree) -> tuple[int, ...]:
    """The number of reduced strategies of each player, without building the strategic form.

    A player's plans below its own decision node are the sum over its moves,
    below anyone else's (or chance) the product; at a simultaneous node, the
    sum over its own actions of the product over the others' (the other
    players' moves are not its own, so all of them are reached).
    """
    by = tree.by_name

    def count(name: str, p: str) -> int:
        n = by[name]
        if isinstance(n, Decision):
            kids = [count(c, p) for c in n.children()]
            return sum(kids) if n.player == p else int(np.prod(kids))
        if isinstance(n, Simultaneous):
            cells = dict(n.cells)
            k = n.players.index(p) if p in n.players else None
            if k is None:
                return int(np.prod([count(c, p) for c in cells.values()]))
            total = 0
            for own in n.actions[k]:
                total += int(np.prod([count(child, p) for prof, child in cells.items() if prof[k] == own]))
            return total
        kids = n.children()
        return int(np.prod([count(c, p) for c in kids])) if kids else 1

    return tuple(count(tree.root.name, p) for p in tree.players)


def random_tree(rng, kind: str, *, max_profiles: int = 200) -> GameTree:
    """A random two-player tree of ``kind`` (perfect, chance, simultaneous), drawn again until it is small enough."""
    while True:
        depth = int(rng.integers(2, 6))
        draw = _Draw(rng, kind, rational=bool(rng.random() < 0.5))
        sim_at = int(rng.integers(0, depth - 1)) if kind == "simultaneous" else None
        draw.node(0, depth, sim_at)
        if kind == "chance" and not draw.chances:
            continue
        if kind == "simultaneous" and not any(isinstance(n, Simultaneous) for n in draw.nodes):
            continue
        if len(draw.nodes) < 3:
            continue
        tree = GameTree.build(PLAYERS, draw.nodes, title=f"random {kind}")
        if int(np.prod(plan_counts(tree))) <= max_profiles:
            return tree


def shipped_trees() -> list[tuple[str, GameTree]]:
    """The game trees of ``games/`` under each scenario's parameters (scenarios with other parameters skipped)."""
    import bargaining as bg
    from bargaining.errors import InputError
    from bargaining.io.gamefile import game_files, is_tree_file

    out = []
    trees = [p for p in game_files(ROOT / "games") if is_tree_file(p)]
    scenarios = game_files(ROOT / "games", trees=False)
    for t in trees:
        for s in scenarios:
            try:
                model = bg.load(str(t), params=str(s))
            except InputError:  # the scenario has parameters the tree does not (the triangle)
                continue
            out.append((f"{t.stem}/{s.stem}", model.tree()))
    return out


# ----------------------------------------------------------------------------- our side


def spe_key(tree: GameTree, e) -> tuple:
    """An SPE as ``((infoset, probabilities in move order or None), ...)``, sorted."""
    infos = tree.expanded().infosets
    out = []
    for sets in e.behaviour:
        for h, moves in sets:
            if moves is None:
                out.append((h, None))
            else:
                got = dict(moves)
                out.append((h, tuple(Fraction(got[a]) for a in infos[h].moves)))
    return tuple(sorted(out))


def gambit_labels(tree: GameTree, form) -> list[list[str]]:
    """Gambit's name of each of our reduced strategies: per information set its move's number, ``*`` off the plan."""
    infos = tree.expanded().infosets
    out = []
    for p in range(len(form.players)):
        labels = []
        for plan in form.plans[p]:
            chosen = dict(plan)
            labels.append("".join(str(infos[h].moves.index(chosen[h]) + 1) if h in chosen else "*"
                                  for h in form.infosets[p]) or "*")  # Gambit's one strategy of a player without a move
        out.append(labels)
    return out


def ours_spe(players, nodes, title) -> dict:
    """Our SPEs of one tree, timed (run in the worker)."""
    tree = GameTree.build(players, nodes, title=title)
    start = time.perf_counter()
    spe, _ = backward_induction(tree)
    t_spe = time.perf_counter() - start
    return {"t_spe": t_spe, "spe": sorted({spe_key(tree, e) for e in spe}), "subgames": len(subgames(tree))}


def _profiles(equilibria) -> list:
    return sorted({tuple(tuple(Fraction(q) for q in x) for x in e.mixed) for e in equilibria})


def ours_ne(players, nodes, title) -> dict:
    """Every extreme Nash equilibrium of the reduced strategic form, timed (the worker)."""
    tree = GameTree.build(players, nodes, title=title)
    start = time.perf_counter()
    form = strategic_form(tree)
    extreme = solve(form.game()).equilibria
    t_ne = time.perf_counter() - start
    return {"t_ne": t_ne, "ne": _profiles(extreme), "form": form, "labels": gambit_labels(tree, form)}


def ours_marked(players, nodes, title) -> dict:
    """:func:`nash_equilibria` (the same equilibria, each marked subgame-perfect or not), timed (the worker)."""
    tree = GameTree.build(players, nodes, title=title)
    start = time.perf_counter()
    eqs, _ = nash_equilibria(tree)
    return {"t_marked": time.perf_counter() - start, "ne": _profiles(eqs)}


# ----------------------------------------------------------------------------- pygambit's side


def _fraction(v) -> Fraction:
    return Fraction(str(v))


def read_gambit(text: str):
    """The game of an ``.efg`` text as pygambit reads it (from a file: 16.x takes a path)."""
    fd, path = tempfile.mkstemp(suffix=".efg")
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(text)
    try:
        return gbt.read_efg(path)
    finally:
        os.remove(path)


class Unsupported(Exception):
    """A truncated game that the pygambit-side backward induction does not solve."""


def _truncated(node):
    """The decision and chance nodes of the subgame at ``node`` that lie in no smaller subgame, and its leaves."""
    inside, leaves, stack = [], [], [node]
    while stack:
        n = stack.pop()
        inside.append(n)
        for c in n.children:
            if c.is_terminal or c.is_subgame_root:
                leaves.append(c)
            else:
                stack.append(c)
    return inside, leaves


def _terminal_value(g, node) -> tuple[Fraction, ...]:
    """The payoffs of a terminal node: its outcome plus the outcomes on the way (``.efg`` allows both)."""
    total = [Fraction(0)] * len(g.players)
    n = node
    while n is not None:
        if n.outcome is not None:
            for i, p in enumerate(g.players):
                try:
                    total[i] += _fraction(n.outcome[p])
                except KeyError:  # pygambit 16.7: a node without an outcome has an empty one
                    break
        n = n.parent
    return tuple(total)


def gambit_spe(g) -> list[tuple]:
    """Every SPE backward induction reaches over pygambit's tree, as sorted ``((infoset, probabilities), ...)``."""
    players = list(g.players)
    memo: dict = {}

    def value_of(leaf):
        if leaf.is_terminal:
            return [(_terminal_value(g, leaf), {})]
        return solve_at(leaf)

    def solve_at(root):
        if root.label in memo:
            return memo[root.label]
        inside, leaves = _truncated(root)
        below = [value_of(leaf) for leaf in leaves]
        out = []
        for combo in product(*below):
            merged: dict = {}
            for _, a in combo:
                merged.update(a)
            val = {leaf.label: combo[k][0] for k, leaf in enumerate(leaves)}
            for v, assign in _solve_truncated(g, players, root, inside, val):
                out.append((v, {**merged, **assign}))
        memo[root.label] = out
        return out

    return sorted({tuple(sorted(a.items())) for _, a in solve_at(g.root)})


def _solve_truncated(g, players, root, inside, val):
    """The equilibria of a truncated game whose leaves have the payoffs ``val``: ``[(payoffs, assignment)]``."""
    if len(inside) == 1 and root.player.is_chance:
        acts = list(root.infoset.actions)
        v = [sum(_fraction(a.prob) * val[c.label][i] for a, c in zip(acts, root.children)) for i in range(len(players))]
        return [(tuple(v), {})]
    if len(inside) == 1:
        i = players.index(root.player)
        vals = [val[c.label] for c in root.children]
        best = max(v[i] for v in vals)
        k = len(vals)
        return [(v, {root.infoset.label: tuple(Fraction(int(j == a)) for j in range(k))})
                for a, v in enumerate(vals) if v[i] == best]
    # a stage game: the root's player moves, then another at one information set holding all the root's children
    second = {c.infoset.label for c in root.children if not c.is_terminal}
    if (root.player.is_chance or len(inside) != 1 + len(root.children) or len(second) != 1
            or any(c.is_terminal or c.is_subgame_root for c in root.children)):
        raise Unsupported(root.label)
    h = next(iter(root.children)).infoset
    if h.player.is_chance or h.player == root.player or len(list(h.members)) != len(root.children):
        raise Unsupported(root.label)
    i, j = players.index(root.player), players.index(h.player)
    cells = [[val[c2.label] for c2 in c.children] for c in root.children]
    A = np.array([[cell[i] for cell in row] for row in cells], dtype=object)
    B = np.array([[cell[j] for cell in row] for row in cells], dtype=object)
    stage = gbt.Game.from_arrays(A, B)
    rp, cp = list(stage.players)
    out, seen = [], set()
    for e in gbt.nash.enummixed_solve(stage, rational=True).equilibria:
        x = tuple(_fraction(e[s]) for s in rp.strategies)
        y = tuple(_fraction(e[s]) for s in cp.strategies)
        if (x, y) in seen:
            continue
        seen.add((x, y))
        v = tuple(sum(x[a] * y[b] * cells[a][b][k] for a in range(len(x)) for b in range(len(y)))
                  for k in range(len(players)))
        out.append((v, {root.infoset.label: x, h.label: y}))
    return out


def _profile(g, assignment):
    prof = g.mixed_behavior_profile(rational=True)
    for p in g.players:
        for h in p.infosets:
            probs = assignment[h.label]
            for a, q in zip(h.actions, probs):
                prof[a] = gbt.Rational(q.numerator, q.denominator)
    return prof


def gambit_check(g, assignment) -> bool:
    """Whether the profile is a Nash equilibrium in every subgame, by pygambit's payoff evaluation.

    In each subgame (pygambit's ``is_subgame_root``) no player gains by any
    pure change of its moves at the subgame's information sets that lie in no
    smaller subgame (with the profile elsewhere): by induction from the
    smallest subgames, exactly subgame perfection.
    """
    full = {}
    for p in g.players:
        for h in p.infosets:
            probs = assignment.get(h.label)
            n = len(h.actions)
            full[h.label] = probs if probs is not None else tuple(Fraction(int(k == 0)) for k in range(n))
    prof = _profile(g, full)
    for root in g.nodes:
        if root.is_terminal or not root.is_subgame_root:
            continue
        inside, _ = _truncated(root)
        for p in g.players:
            sets = list({n.infoset.label: n.infoset for n in inside if n.player == p}.values())
            if not sets:
                continue
            base = prof.node_value(p, root)
            for choice in product(*(range(len(h.actions)) for h in sets)):
                q = prof.copy()
                for h, a in zip(sets, choice):
                    for k, act in enumerate(h.actions):
                        q[act] = gbt.Rational(int(k == a))
                if q.node_value(p, root) > base:
                    return False
    return True


def gambit_brute_force(g) -> list[tuple] | None:
    """Every pure SPE, trying every pure behaviour profile with :func:`gambit_check` (None: too many profiles)."""
    sets = [h for p in g.players for h in p.infosets]
    total = int(np.prod([len(h.actions) for h in sets]))
    if total > BRUTE_FORCE_PROFILES:
        return None
    out = []
    for choice in product(*(range(len(h.actions)) for h in sets)):
        a = {h.label: tuple(Fraction(int(k == c)) for k in range(len(h.actions))) for h, c in zip(sets, choice)}
        if gambit_check(g, a):
            out.append(tuple(sorted(a.items())))
    return sorted(out)


def gambit_ne(text: str) -> dict:
    """Gambit's extreme equilibria of the reduced strategic form, timed, and its reduced payoffs (the worker)."""
    g = read_gambit(text)
    start = time.perf_counter()
    result = gbt.nash.enummixed_solve(g, rational=True)
    t_ne = time.perf_counter() - start
    players = list(g.players)
    labels = [[s.label for s in p.strategies] for p in players]
    profiles = {tuple(tuple(_fraction(e[s]) for s in p.strategies) for p in players) for e in result.equilibria}
    arrays = [np.vectorize(_fraction, otypes=[object])(a) for a in g.to_arrays(dtype=Fraction)]
    return {"t_ne": t_ne, "labels": labels, "ne": sorted(profiles), "listed": len(result.equilibria),
            "arrays": arrays}


def gambit_spe_side(text: str, check: list[tuple] | None) -> dict:
    """pygambit-side backward induction, timed; the subgame check of each of ``check`` (the worker)."""
    g = read_gambit(text)
    start = time.perf_counter()
    try:
        spe = gambit_spe(g)
    except Unsupported:
        spe = None
    t_spe = time.perf_counter() - start
    checked = [gambit_check(g, dict(k)) for k in check] if check is not None else None
    return {"t_spe": t_spe, "spe": spe, "checked": checked,
            "subgames": sum(1 for n in g.nodes if not n.is_terminal and n.is_subgame_root)}


def gambit_verdicts(text: str, profiles: list[tuple], brute: bool) -> dict:
    """The subgame check of disputed profiles, and (``brute``) every pure SPE by brute force (the worker)."""
    g = read_gambit(text)
    return {"checked": [gambit_check(g, dict(k)) for k in profiles],
            "brute": gambit_brute_force(g) if brute else None}


# ----------------------------------------------------------------------------- running with a time limit


class Limited:
    """One forked worker process; a call that takes longer than ``limit`` seconds is stopped (the worker restarted)."""

    def __init__(self, limit: float):
        self.limit = limit
        self.pool = None
        self._start()

    def _start(self) -> None:
        sys.stdout.flush()
        self.pool = mp.get_context("fork").Pool(1)

    def run(self, fn, *args):
        pending = self.pool.apply_async(fn, args)
        try:
            return pending.get(self.limit)
        except mp.TimeoutError:
            self.pool.terminate()
            self.pool.join()
            self._start()
            return TIMEOUT

    def close(self) -> None:
        self.pool.terminate()
        self.pool.join()


# ----------------------------------------------------------------------------- comparison


def compare_spe(mine: list[tuple], theirs: list[tuple]) -> tuple[list[tuple], list[tuple]]:
    """``(only ours, only theirs)``; an open move (None) of ours matches any move."""
    def same(a, b):
        da = dict(a)
        return all(da.get(h) is None or q is None or da[h] == q for h, q in b) and len(a) == len(b)

    theirs_set = set(theirs)
    only_mine = [k for k in mine if k not in theirs_set and not any(same(k, t) for t in theirs)]
    mine_set = set(mine)
    only_theirs = [t for t in theirs if t not in mine_set and not any(same(k, t) for k in mine)]
    return only_mine, only_theirs


def map_gambit_profiles(o: dict, gb: dict) -> tuple[list, bool]:
    """Gambit's profiles in the order of our strategies, and whether the reduced forms agree exactly."""
    form = o["form"]
    order = []
    ok = True
    for p in range(len(form.players)):
        theirs = gb["labels"][p]
        if sorted(theirs) != sorted(o["labels"][p]) or len(set(theirs)) != len(theirs):
            return [], False
        order.append([theirs.index(label) for label in o["labels"][p]])
    for prof, pay in form.payoffs.items():
        at = tuple(order[p][k] for p, k in enumerate(prof))
        ok &= all(gb["arrays"][i][at] == pay[i] for i in range(len(pay)))
    mapped = sorted({tuple(tuple(x[k] for k in order[p]) for p, x in enumerate(t)) for t in gb["ne"]})
    return mapped, ok


def compare_ne(o: dict, gb: dict) -> dict:
    """Missed and invented profiles of each side, each judged by its exact regret in our strategic form."""
    form = o["form"]
    mapped, same_form = map_gambit_profiles(o, gb)
    mine, theirs = set(o["ne"]), set(mapped)
    only_mine = sorted(mine - theirs)
    only_theirs = sorted(theirs - mine)
    real = [t for t in only_theirs if not any(form.regret(t))]
    return {
        "same_form": same_form,
        "gambit_misses": [t for t in only_mine if not any(form.regret(t))],
        "ours_invents": [t for t in only_mine if any(form.regret(t))],
        "ours_misses": real,
        "gambit_invents": [t for t in only_theirs if t not in real],
        "distinct": len(mapped),
    }


def _show(key) -> str:
    return ", ".join(f"{h}: {'open' if q is None else '/'.join(str(x) for x in q)}" for h, q in key)


def _median_ms(values) -> str:
    return f"{1000 * statistics.median(values):9.1f}" if values else f"{'-':>9}"


def _ratio(a, b) -> str:
    return f"{statistics.median(a) / statistics.median(b):6.2f}" if a and b and statistics.median(b) else f"{'-':>6}"


COUNTERS = (
    "trees", "spe_compared", "spe_n", "spe_gbt_n", "spe_we_miss", "spe_gbt_miss", "spe_fail", "spe_na",
    "subgames_differ", "to_spe_ours", "to_spe_gbt", "ne_compared", "ne_n", "ne_gbt_n", "ne_listed", "ne_we_miss",
    "ne_gbt_miss", "ne_invents", "form_differs", "marked_differs", "to_ne_ours", "to_marked", "to_ne_gbt",
)


def _new_stats() -> dict:
    return {k: [] for k in ("spe_ours", "spe_gbt", "ne_ours", "ne_marked", "ne_gbt")} | {k: 0 for k in COUNTERS}


def run(cases: list[tuple[str, str, GameTree]], limit: float) -> tuple[dict, list[str]]:
    """Solve every case on both sides; per kind, the figures of both parts; and the notes on disagreements."""
    worker = Limited(limit)
    stats: dict = {}
    notes: list[str] = []
    try:
        for kind, name, tree in cases:
            s = stats.setdefault(kind, _new_stats())
            s["trees"] += 1
            args = (tree.players, tree.nodes, tree.title)
            text = write_efg(tree)
            notes += _part1(worker, s, name, tree, text, worker.run(ours_spe, *args))
            o = worker.run(ours_ne, *args)
            # nash_equilibria solves the same strategic form first: where that timed out, so would it
            m = TIMEOUT if o == TIMEOUT else worker.run(ours_marked, *args)
            notes += _part2(worker, s, name, text, o, m)
    finally:
        worker.close()
    return stats, notes


def _part1(worker, s, name, tree, text, o) -> list[str]:
    """Subgame-perfect equilibria of one tree: compare, check, and investigate disagreements."""
    notes = []
    if o == TIMEOUT:
        s["to_spe_ours"] += 1
        notes.append(f"  {name}: our backward induction timed out")
    if gbt is None:
        if o != TIMEOUT:
            s["spe_ours"].append(o["t_spe"])
            s["spe_n"] += len(o["spe"])
        return notes
    gs = worker.run(gambit_spe_side, text, None if o == TIMEOUT else o["spe"])
    if gs == TIMEOUT:
        s["to_spe_gbt"] += 1
        notes.append(f"  {name}: the pygambit-side induction (or its check of our SPEs) timed out")
    if o == TIMEOUT or gs == TIMEOUT:
        return notes
    failed = [k for k, ok in zip(o["spe"], gs["checked"]) if not ok]
    s["spe_fail"] += bool(failed)
    if gs["subgames"] != o["subgames"]:
        s["subgames_differ"] += 1
        notes.append(f"  {name}: {o['subgames']} proper subgames by ours, {gs['subgames']} by pygambit")
    if gs["spe"] is None:
        s["spe_na"] += 1
        only_mine, only_theirs = [], []
    else:
        s["spe_compared"] += 1
        s["spe_ours"].append(o["t_spe"])
        s["spe_gbt"].append(gs["t_spe"])
        s["spe_n"] += len(o["spe"])
        s["spe_gbt_n"] += len(gs["spe"])
        only_mine, only_theirs = compare_spe(o["spe"], gs["spe"])
    if only_mine or only_theirs or failed:
        notes += _spe_verdict(worker, name, tree, text, o, gs, only_mine, only_theirs, failed, s)
    return notes


def _part2(worker, s, name, text, o, m) -> list[str]:
    """Nash equilibria of the reduced strategic form of one tree: compare, and judge what only one side lists."""
    notes = []
    if o == TIMEOUT:
        s["to_ne_ours"] += 1
        notes.append(f"  {name}: our strategic-form solver timed out")
    if m == TIMEOUT:  # also counted (not run) where the strategic-form solver timed out
        s["to_marked"] += 1
        notes.append(f"  {name}: nash_equilibria (marking subgame perfection) timed out")
    elif o != TIMEOUT and m["ne"] != o["ne"]:
        s["marked_differs"] += 1
        notes.append(f"  {name}: nash_equilibria lists other equilibria than the strategic-form solver")
    gn = worker.run(gambit_ne, text) if gbt is not None else None
    if gn == TIMEOUT:
        s["to_ne_gbt"] += 1
        notes.append(f"  {name}: Gambit's enummixed_solve timed out")
    if o == TIMEOUT or gn == TIMEOUT:
        return notes
    if gn is None:
        s["ne_ours"].append(o["t_ne"])
        s["ne_n"] += len(o["ne"])
        if m != TIMEOUT:
            s["ne_marked"].append(m["t_marked"])
        return notes
    s["ne_compared"] += 1
    s["ne_ours"].append(o["t_ne"])
    s["ne_gbt"].append(gn["t_ne"])
    if m != TIMEOUT:
        s["ne_marked"].append(m["t_marked"])
    s["ne_n"] += len(o["ne"])
    s["ne_listed"] += gn["listed"]
    c = compare_ne(o, gn)
    s["ne_gbt_n"] += c["distinct"]
    s["form_differs"] += not c["same_form"]
    s["ne_we_miss"] += bool(c["ours_misses"])
    s["ne_gbt_miss"] += bool(c["gambit_misses"])
    s["ne_invents"] += bool(c["gambit_invents"] or c["ours_invents"])
    if not c["same_form"]:
        notes.append(f"  {name}: the reduced strategic forms differ (strategies or payoffs)")
    for what, key in (("only ours; zero regret exactly, so Gambit misses it", "gambit_misses"),
                      ("only Gambit's; zero regret exactly, so we miss it", "ours_misses"),
                      ("only Gambit's; positive regret, not an equilibrium", "gambit_invents"),
                      ("only ours; positive regret, not an equilibrium", "ours_invents")):
        for x in c[key]:
            notes.append(f"  {name}: Nash equilibrium {what}: {tuple(tuple(str(q) for q in y) for y in x)}")
    return notes


def _spe_verdict(worker, name, tree, text, o, gs, only_mine, only_theirs, failed, s) -> list[str]:
    """Check the disputed SPEs with pygambit, brute force on a perfect-information tree; say who is right."""
    perfect = all(not isinstance(n, Simultaneous) for n in tree.nodes) and all(
        len(info.nodes) == 1 for info in tree.expanded().infosets.values())
    disputed = only_mine + only_theirs
    v = worker.run(gambit_verdicts, text, disputed, perfect)
    lines = [f"  {name}: SPEs ours {len(o['spe'])}, pygambit-side "
             f"{'n/a' if gs['spe'] is None else len(gs['spe'])}; only ours {len(only_mine)},"
             f" only pygambit-side {len(only_theirs)}; ours failing pygambit's check {len(failed)}"]
    for k in failed:
        lines.append(f"    our SPE fails pygambit's subgame check: {_show(k)}")
    if v == TIMEOUT:
        return lines + ["    verdict: the check timed out"]
    checks = dict(zip(disputed, v["checked"]))
    real_theirs = [k for k in only_theirs if checks[k]]
    s["spe_we_miss"] += bool(real_theirs)
    s["spe_gbt_miss"] += bool([k for k in only_mine if checks[k]])
    for k in only_mine:
        lines.append(f"    only ours ({'an SPE' if checks[k] else 'NOT an SPE'} by pygambit's check): {_show(k)}")
    for k in only_theirs:
        lines.append(f"    only pygambit-side ({'an SPE' if checks[k] else 'NOT an SPE'} by pygambit's check):"
                     f" {_show(k)}")
    if v["brute"] is not None:
        brute = set(v["brute"])
        lines.append(f"    brute force over every pure profile: {len(brute)} SPEs; ours "
                     f"{'equal' if set(o['spe']) == brute else 'differ'}, pygambit-side "
                     f"{'equal' if gs['spe'] is not None and set(gs['spe']) == brute else 'differ'}")
    return lines


def report(stats: dict, notes: list[str], limit: float) -> None:
    print()
    print("Part 1: subgame-perfect equilibria, ours (backward_induction) against backward induction over pygambit's")
    print("        tree (enummixed in stage games); each of ours checked by pygambit's payoff evaluation")
    print(f"{'kind':>12} {'trees':>5} {'compared':>8} {'ours ms':>9} {'gambit ms':>9} {'ratio':>6} {'SPE ours':>8}"
          f" {'SPE gbt':>7} {'we miss':>7} {'gbt misses':>10} {'fail check':>10} {'n/a':>4} {'timeouts':>8}")
    for kind, s in stats.items():
        print(f"{kind:>12} {s['trees']:>5} {s['spe_compared']:>8} {_median_ms(s['spe_ours'])}"
              f" {_median_ms(s['spe_gbt'])} {_ratio(s['spe_ours'], s['spe_gbt'])} {s['spe_n']:>8} {s['spe_gbt_n']:>7}"
              f" {s['spe_we_miss']:>7} {s['spe_gbt_miss']:>10} {s['spe_fail']:>10} {s['spe_na']:>4}"
              f" {s['to_spe_ours']:>4}/{s['to_spe_gbt']:<3}")
    print()
    print("Part 2: Nash equilibria of the reduced strategic form, ours (exact bimatrix solver; 'marked':")
    print("        nash_equilibria, which also decides subgame perfection) against Gambit's enummixed_solve")
    print("        (rational), distinct profiles")
    print(f"{'kind':>12} {'trees':>5} {'compared':>8} {'ours ms':>9} {'marked ms':>9} {'gambit ms':>9} {'ratio':>6}"
          f" {'eq ours':>7} {'eq gbt':>6} {'listed':>6} {'we miss':>7} {'gbt misses':>10} {'invents':>7}"
          f" {'forms differ':>12} {'timeouts':>10}")
    for kind, s in stats.items():
        print(f"{kind:>12} {s['trees']:>5} {s['ne_compared']:>8} {_median_ms(s['ne_ours'])}"
              f" {_median_ms(s['ne_marked'])} {_median_ms(s['ne_gbt'])} {_ratio(s['ne_ours'], s['ne_gbt'])}"
              f" {s['ne_n']:>7} {s['ne_gbt_n']:>6} {s['ne_listed']:>6} {s['ne_we_miss']:>7} {s['ne_gbt_miss']:>10}"
              f" {s['ne_invents']:>7} {s['form_differs']:>12}"
              f" {s['to_ne_ours']:>4}/{s['to_marked']}/{s['to_ne_gbt']:<3}")
    print("(times: medians over the trees compared, both sides finished; ratio: ours / Gambit; equilibria: summed")
    print(" over the trees compared; we miss, gbt misses, fail check, invents, forms differ: the number of trees on")
    print(" which it happens; n/a: trees whose subgames the pygambit-side induction does not solve (their SPEs are")
    print(" checked only);")
    print(f" timeouts at {limit:g} s: ours/pygambit side, in part 2 ours/marked/enummixed; 'marked' is not run,"
          " and counted, where ours timed out)")
    if notes:
        print()
        print("Disagreements, timeouts and verdicts:")
        print("\n".join(notes))
    else:
        print("No disagreements, no timeouts.")


def cases_of(trees: int, seed: int, games: bool, max_profiles: int) -> list[tuple[str, str, GameTree]]:
    rng = np.random.default_rng(seed)
    out = []
    for kind in KINDS:
        for k in range(trees):
            out.append((kind, f"{kind} {k}", random_tree(rng, kind, max_profiles=max_profiles)))
    if games:
        out += [("games/", name, tree) for name, tree in shipped_trees()]
    return out


def warm_up() -> None:
    """Load our compiled kernels before the worker is forked, as a first call would, outside the timing."""
    tree = random_tree(np.random.default_rng(12345), "simultaneous")
    nash_equilibria(tree)
    solve(strategic_form(tree).game())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trees", type=int, default=12, help="random trees per kind")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--limit", type=float, default=10.0, help="seconds per computation")
    parser.add_argument("--max-profiles", type=int, default=200, help="largest reduced strategic form drawn")
    parser.add_argument("--no-games", action="store_true", help="leave out the game trees of games/")
    args = parser.parse_args()
    global gbt
    if gbt is not None and not hasattr(gbt.Game, "root"):
        print(f"pygambit {gbt.__version__} has no Game.root (a tree API by histories); install pygambit==16.7.0")
        gbt = None
    if gbt is None:
        print("pygambit is not installed: timing our solver alone")
    else:
        print(f"pygambit {gbt.__version__}")
    start = time.perf_counter()
    warm_up()
    cases = cases_of(args.trees, args.seed, not args.no_games, args.max_profiles)
    stats, notes = run(cases, args.limit)
    report(stats, notes, args.limit)
    print(f"\n{len(cases)} trees in {time.perf_counter() - start:.0f} s")


if __name__ == "__main__":
    main()
