"""Tests of bargaining.solvers.tree: where each SPE lies in the strategic form, the threats, the induction record.

(New tests for solvers/tree.py, kept apart from the module's main test file while the test tree is reorganised.)

Oracles written here, independently of the solver: a mixed profile's payoffs and regret in the reduced strategic
form from its payoff table; the path of play walked node by node on the expanded tree; and, for the proposal game,
subgame perfection decided by hand from the stage game's three equilibria.
"""

from __future__ import annotations

from fractions import Fraction
from itertools import product

import pytest
from hypothesis import given

import bargaining as bg
from bargaining.solvers.tree import solve_tree
from bargaining.tree import Decision, GameTree, Terminal, decision, terminal
from tests.strategies import game_trees

F = Fraction


def expected(form, x):
    """Each player's expected payoff of the mixed profile ``x`` in the strategic form."""
    total = [F(0)] * len(form.players)
    for profile, pay in form.payoffs.items():
        w = F(1)
        for p, q in enumerate(profile):
            w *= x[p][q]
        if w:
            total = [t + w * v for t, v in zip(total, pay)]
    return total


def regret(form, x):
    out = []
    for p in range(len(form.players)):
        here = expected(form, x)[p]
        best = max(expected(form, [x[q] if q != p else [F(int(k == s)) for k in range(len(x[p]))]
                                   for q in range(len(x))])[p] for s in range(len(x[p])))
        out.append(best - here)
    return out


def visited(tree: GameTree, e) -> set[str]:
    """The nodes of the expanded tree that play passes through with positive probability."""
    t = tree.expanded()
    out = set()
    for o in e.play:
        node = t.root
        path = list(o.path)
        out.add(node.name)
        while not isinstance(node, Terminal):
            move = path.pop(0)
            child = dict(node.moves)[move] if isinstance(node, Decision) else next(c for a, _, c in node.moves if a == move)
            node = t.node(child)
            out.add(node.name)
    return out


# ----------------------------------------------------------------------------- properties


def check_form_points(s):
    """Every SPE is a Nash equilibrium of the strategic form, and lies where its FormPoint says."""
    form = s.strategic_form
    for e in s.subgame_perfect:
        q = e.form_point
        x = e.mixed
        assert all(sum(xp) == 1 for xp in x)
        assert expected(form, x) == list(e.payoffs)  # Kuhn: the mixed strategy plays like the behaviour strategy
        assert regret(form, x) == [0, 0] and list(q.regret) == [0, 0]
        assert q.subset, "every equilibrium lies in a maximal convex set of equilibria"
        assert q.subset in s.subsets and set(q.subset) <= set(s.components[q.component])
        for p, weights in enumerate(q.weights):
            assert sum(w for _, w in weights) == 1 and all(w > 0 for _, w in weights)
            mix = [sum(w * s.equilibria[k].mixed[p][j] for k, w in weights) for j in range(len(x[p]))]
            assert mix == list(x[p])
        for k in q.spanned:
            assert regret(form, s.equilibria[k].mixed) == [0, 0]
        if q.equal_to is not None:
            assert s.equilibria[q.equal_to].mixed == x and s.equilibria[q.equal_to].subgame_perfect is True


def check_threats(tree, s):
    """A threat lies off the path of its equilibrium and names only moves the equilibrium prescribes."""
    for e in s.equilibria:
        if e.subgame_perfect is not False:
            continue
        assert e.threats
        on_path = visited(tree, e)
        moves = {h: m for sets in e.behaviour for h, m in sets}
        for t in e.threats:
            assert t.better_value > t.value
            # a Nash equilibrium can only fail where play does not go
            assert t.subgame not in on_path
            for h, move, better in t.changes:
                assert moves[h] is not None, "a threat is a move the equilibrium prescribes"
                probs = dict(moves[h])
                assert (move == "a mix" and 1 not in probs.values()) or probs[move] == 1
                assert better != move
            for _, replies in t.replies:
                assert all(moves[h] is None for h, _ in replies), "replies fill moves the equilibrium leaves open"


def check_record(s):
    """The backward-induction record adds up: best options are the best, and the ways multiply."""
    ways = {}
    for step in s.steps:
        for case in step.cases:
            if case.options and step.kind != "chance":
                mover = s.tree.players.index(step.players[0])
                top = max(v[mover] for _, v in case.options)
                assert set(case.best) == {a for a, v in case.options if v[mover] == top}
        children = 1
        for r in step.below:
            children *= ways[r]  # the smaller subgames come first
        assert sum(case.combinations for case in step.cases) == children
        ways[step.root] = sum(case.combinations * len(case.equilibria) for case in step.cases)
    assert ways[s.steps[-1].root] == len(s.subgame_perfect)
    assert s.steps[-1].root == s.tree.expanded().root.name


@given(game_trees())
def test_spes_in_the_strategic_form_threats_and_the_induction_record(tree):
    s = solve_tree(tree)
    if len(tree.players) == 2:
        check_form_points(s)
    check_threats(tree, s)
    check_record(s)


# ----------------------------------------------------------------------------- known answers


@pytest.fixture(scope="module")
def proposal():
    return bg.solve("games/treaty_proposal.toml", params="games/taiwan_crisis.toml")


def test_proposal_game_spes_in_the_strategic_form(proposal):
    """The 16 SPEs of the proposal game under the Taiwan crisis, located among the 51 extreme equilibria.

    Worked by hand: the reduced strategic form forgets Russia's stage-game move after it proposes and China's
    after it accepts, so SPEs 10, 12 and 13 are one profile (Nash equilibrium 13); SPEs that mix in a stage
    game are points of segments (or, for SPE 5, of a square) between extreme equilibria.
    """
    s = proposal
    where = []
    for e in s.subgame_perfect:
        q = e.form_point
        where.append(q.equal_to + 1 if q.equal_to is not None else tuple(k + 1 for k in q.spanned))
    assert where == [1, (1, 2), 2, (1, 7), (1, 2, 7, 8), (2, 8), 7, (7, 8), 8, 13, 14, 13, 13, 4, (4, 5), 5]
    assert [len(c) for c in s.components] == [16, 29, 6]
    assert {e.form_point.component for e in s.subgame_perfect} == {0}
    summary = s.form_summary
    assert (summary.subgame_perfect, summary.extreme, summary.inside) == (16, 10, 6)
    assert [k + 1 for k in summary.distinct] == [1, 2, 4, 5, 7, 8, 13, 14] == [k + 1 for k in summary.marked]


def test_proposal_game_marking_agrees_with_subgame_perfection_decided_by_hand(proposal):
    """Each of the 51 extreme equilibria is subgame-perfect iff its open stage-game moves can be completed.

    The stage game (taiwan_crisis) has exactly three equilibria: (ally, ally), the mixed one and (align,
    align). A completion picks one in each stage game where the equilibrium's moves allow it; then China's
    ratification must be optimal given the stage game after a rejection, and Russia's proposal given both.
    """
    s = proposal
    stage = bg.load("games/taiwan_crisis.toml").game()
    (ally, align) = (stage.strategies[0].index("ally"), stage.strategies[0].index("align"))
    mixed_R = [F(0)] * 3
    mixed_R[ally], mixed_R[align] = F(23, 45), F(22, 45)
    mixed_C = [F(0)] * 3
    mixed_C[ally], mixed_C[align] = F(170, 231), F(61, 231)
    pure = [[F(int(k == i)) for k in range(3)] for i in range(3)]
    candidates = [(pure[ally], pure[ally]), (mixed_R, mixed_C), (pure[align], pure[align])]

    def value(x, y):
        return [sum(x[i] * y[j] * M[i][j] for i in range(3) for j in range(3)) for M in (stage.A, stage.B)]

    for x, y in candidates:  # each is an equilibrium of the stage game
        u = value(x, y)
        assert max(value(pure[i], y)[0] for i in range(3)) == u[0]
        assert max(value(x, pure[j])[1] for j in range(3)) == u[1]
    treaty = [s.tree.payoff("treaty")[p] for p in s.tree.players]
    names = stage.strategies[0]

    def fits(moves, x):
        return moves is None or all(moves[a] == x[k] for k, a in enumerate(names))

    verdicts = []
    for e in s.equilibria:
        st = e.strategies
        ok = False
        for (xp, yp), (xr, yr) in product(candidates, repeat=2):
            if not (fits(st["Russia"]["partnership:Russia"], xp) and fits(st["China"]["partnership:China"], yp)
                    and fits(st["Russia"]["after rejection:Russia"], xr) and fits(st["China"]["after rejection:China"], yr)):
                continue
            after_rejection, partnership = value(xr, yr), value(xp, yp)
            ratify = st["China"]["ratification"]
            china = {"accept": treaty[1], "reject": after_rejection[1]}
            if any(q and china[a] < max(china.values()) for a, q in ratify.items()):
                continue
            propose = ratify["accept"] * treaty[0] + ratify["reject"] * after_rejection[0]
            russia = {"propose": propose, "no proposal": partnership[0]}
            if any(q and russia[a] < max(russia.values()) for a, q in st["Russia"]["proposal"].items()):
                continue
            ok = True
        verdicts.append(ok)
    assert [e.subgame_perfect for e in s.equilibria] == verdicts
    assert sum(verdicts) == 8


def test_threats_of_the_proposal_game_blame_the_move_prescribed(proposal):
    s = proposal
    # equilibrium 3: Russia proposes; China's plan to hedge in the partnership stage game is the threat
    (t,) = s.equilibria[2].threats
    assert (t.subgame, t.player, t.changes) == ("partnership", "China", (("partnership:China", "hedge", "align"),))
    assert t.replies == (("Russia", (("partnership:Russia", "align"),)),)
    assert (t.value, t.better_value) == (F(1, 4), F(9, 20))
    # equilibrium 15: Russia does not propose; China would reject, and align after the rejection
    (t,) = s.equilibria[14].threats
    assert (t.subgame, t.player, t.changes) == ("ratification", "China", (("ratification", "reject", "accept"),))
    assert t.continuation == (("after rejection", (F(9, 20), F(9, 20)), "after rejection (align, align)"),)
    assert (t.value, t.better_value) == (F(9, 20), F(67, 100))


def test_entry_game_threat():
    """Selten's entry game: (out, fight) rests on the incumbent's threat to fight."""
    t = GameTree.build(["E", "I"], [decision("e", "E", {"out": "o", "in": "r"}), terminal("o", [0, 2]),
                                    decision("r", "I", {"fight": "f", "share": "s"}), terminal("f", [-1, -1]),
                                    terminal("s", [1, 1])])
    s = solve_tree(t)
    (bad,) = [e for e in s.equilibria if e.subgame_perfect is False and e.pure]
    (threat,) = bad.threats
    assert (threat.subgame, threat.player, threat.changes) == ("r", "I", (("r", "fight", "share"),))
    assert (threat.value, threat.better_value, threat.replies) == (F(-1), F(1), ())
    (step_r, step_e) = s.steps
    assert (step_r.root, step_r.kind, step_r.cases[0].best) == ("r", "decision", ("share",))
    assert step_e.cases[0].options == (("out", (F(0), F(2))), ("in", (F(1), F(1))))
