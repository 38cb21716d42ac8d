"""Tests of bargaining.solvers.tree: backward induction, the reduced strategic form and its equilibria.

The oracle is the brute force of :mod:`tests.oracles.tree`, written
independently of the solver: every pure strategy profile, every proper
subgame found from its definition, every pure deviation.
"""

from __future__ import annotations

from fractions import Fraction
from itertools import product

import pytest
from hypothesis import given

import bargaining as bg
from bargaining.errors import InputError
from bargaining.io.gamefile import game_files, load_model
from bargaining.solvers.tree import (
    backward_induction,
    bayesian_equilibria,
    check_subgame_perfect,
    nash_equilibria,
    solve_tree,
    strategic_form,
    subgames,
)
from bargaining.tree import Decision, GameTree, Terminal, chance, decision, simultaneous, stage_game, terminal
from tests.examples import proposal_game, selten_horse
from tests.oracles.tree import Oracle
from tests.strategies import game_trees

F = Fraction


def behaviour(e, fill=None):
    """An equilibrium's behaviour as ``{infoset: move or {move: p}}``, open moves filled."""
    out = {}
    for sets in e.behaviour:
        for h, moves in sets:
            if moves is None:
                out[h] = fill[h] if fill else None
            else:
                probs = dict(moves)
                pure = [a for a, q in probs.items() if q == 1]
                out[h] = pure[0] if pure else probs
    return out


def completions(oracle, beh):
    """Every full pure profile that agrees with the pure behaviour ``beh`` where it is not open."""
    open_ = sorted(h for h, b in beh.items() if b is None)
    for moves in product(*(oracle.sets[h][1] for h in open_)):
        yield {**beh, **dict(zip(open_, moves))}


def key(profile):
    return tuple(sorted(profile.items()))


def first_moves(oracle):
    return {h: moves[0] for h, (_, moves) in oracle.sets.items()}


# ----------------------------------------------------------------------------- properties


@given(game_trees(max_profiles=64))
def test_backward_induction_agrees_with_brute_force(tree):
    oracle = Oracle(tree)
    assert set(subgames(tree)) == set(oracle.roots)
    spe, _ = backward_induction(tree)
    fill = first_moves(oracle)
    found = set()
    for e in spe:
        beh = behaviour(e, fill)
        assert oracle.spe(beh), "an equilibrium from backward induction is not subgame-perfect"
        assert e.payoffs == oracle.value(oracle.t.root.name, beh)
        if e.pure:
            found |= {key(p) for p in completions(oracle, behaviour(e))}
    brute = {key(p) for p in oracle.pure_profiles() if oracle.spe(p)}
    assert found == brute


@given(game_trees(max_profiles=64))
def test_nash_equilibria_of_the_strategic_form(tree):
    oracle = Oracle(tree)
    fill = first_moves(oracle)
    equilibria, _ = nash_equilibria(tree)
    spe, _ = backward_induction(tree)
    root = oracle.t.root.name
    for e in equilibria:
        beh = behaviour(e, fill)
        assert oracle.nash_at(root, beh), "an equilibrium of the strategic form is not a Nash equilibrium"
        if e.pure:
            credible = any(oracle.spe(p) for p in completions(oracle, behaviour(e)))
            if credible:
                assert e.subgame_perfect is True
            if e.subgame_perfect is False:
                assert not credible
    # every pure subgame-perfect equilibrium is a Nash equilibrium of the strategic form, marked subgame-perfect
    marked = {
        key({h: b for h, b in behaviour(e).items() if b is not None})
        for e in equilibria
        if e.pure and e.subgame_perfect
    }
    for e in spe:
        if e.pure:
            beh = behaviour(e)
            assert oracle.nash_at(root, behaviour(e, fill))
            reached = {h: b for h, b in beh.items() if b is not None and _reached_by_own(oracle, beh, h)}
            assert key(reached) in marked


def _reached_by_own(oracle, beh, h):
    """Whether the player's own pure moves in ``beh`` lead towards information set ``h``."""
    player = oracle.sets[h][0]
    t = oracle.t
    for n in t.nodes:
        if isinstance(n, Decision) and n.infoset == h:
            for parent, move in t.history(n.name):
                p = oracle.nodes[parent]
                if isinstance(p, Decision) and p.player == player and beh.get(p.infoset) != move:
                    break
            else:
                return True
    return False


@given(game_trees(max_profiles=64, players=2))
def test_strategic_form_payoffs_match_the_tree(tree):
    oracle = Oracle(tree)
    form = strategic_form(tree)
    for profile, pay in form.payoffs.items():
        beh = first_moves(oracle)
        for p, s in enumerate(profile):
            beh.update(dict(form.plans[p][s]))
        assert pay == oracle.value(oracle.t.root.name, beh)
    # reduction: no two strategies of a player are the same plan
    for plans in form.plans:
        assert len(set(plans)) == len(plans)


@given(game_trees(max_profiles=64))
def test_relabelling_players_payoffs_positive_affine_keeps_the_equilibria(tree):
    scaled = GameTree.build(
        tree.players,
        [
            Terminal(n.name, tuple(3 * v + 1 for v in n.payoffs), n.label) if isinstance(n, Terminal) else n
            for n in tree.nodes
        ],
    )
    a, _ = backward_induction(tree)
    b, _ = backward_induction(scaled)
    assert [e.behaviour for e in a] == [e.behaviour for e in b]


# ----------------------------------------------------------------------------- known answers


def entry_game():
    """Selten's chain-store stage game (Selten 1978, "The chain store paradox", Theory and Decision 9)."""
    return GameTree.build(["Entrant", "Incumbent"], [
        decision("enter?", "Entrant", {"out": "out", "in": "respond"}),
        terminal("out", [0, 2]),
        decision("respond", "Incumbent", {"fight": "war", "accommodate": "peace"}),
        terminal("war", [-1, -1]),
        terminal("peace", [1, 1]),
    ])


def test_entry_game_spe_and_a_noncredible_threat():
    s = solve_tree(entry_game())
    (spe,) = s.subgame_perfect
    assert spe.path == ("in", "accommodate") and spe.outcome == "peace"
    pure = {
        (e.strategies["Entrant"]["enter?"]["out"], e.strategies["Incumbent"]["respond"]["fight"]): e
        for e in s.equilibria
        if e.pure
    }
    assert pure[(1, 1)].subgame_perfect is False  # out, backed by the threat to fight
    assert pure[(0, 0)].subgame_perfect is True
    # the threat works as long as the incumbent fights with probability at least 1/2
    mixed = [e for e in s.equilibria if not e.pure]
    assert [e.strategies["Incumbent"]["respond"]["fight"] for e in mixed] == [F(1, 2)]
    assert mixed[0].subgame_perfect is False
    d = s.to_dict()
    assert d["subgame_perfect"][0]["path"] == ["in", "accommodate"]
    assert d["subgame_perfect"][0]["payoffs"] == {"Entrant": "1", "Incumbent": "1"}


def centipede(n: int):
    """Rosenthal's centipede (Rosenthal 1981, JET 25): the pot grows, each mover can take the larger share."""
    nodes = []
    for k in range(n):
        mover = "1" if k % 2 == 0 else "2"
        big, small = k + 2, k
        nodes.append(decision(f"n{k}", mover, {"take": f"t{k}", "pass": f"n{k + 1}" if k + 1 < n else "end"}))
        nodes.append(terminal(f"t{k}", [big, small] if mover == "1" else [small, big]))
    nodes.append(terminal("end", [n, n]))
    return GameTree.build(["1", "2"], nodes)


def test_centipede_take_at_once():
    s = solve_tree(centipede(6))
    (spe,) = s.subgame_perfect
    assert spe.path == ("take",) and spe.outcome == "t0"
    assert all(moves == (("take", 1), ("pass", 0)) for sets in spe.behaviour for _, moves in sets)
    # every Nash equilibrium ends at once too, though not all are subgame-perfect
    assert all(e.outcome == "t0" for e in s.equilibria)
    assert any(e.subgame_perfect is False for e in s.equilibria)


def test_selten_horse():
    # Selten (1975): (C, c, R) is perfect; (D, c, L) is a Nash equilibrium, and subgame-perfect since the game has
    # no proper subgame, but not perfect: 2, if asked to move, would play d against L
    s = solve_tree(selten_horse())
    assert s.subgames == ("a",)
    pure = sorted(
        (e.strategies["1"]["a"]["C"], e.strategies["2"]["b"]["c"], e.strategies["3"]["3"]["L"]) for e in s.equilibria
    )
    assert pure == [(0, 1, 1), (1, 1, 0)]
    assert all(e.subgame_perfect for e in s.equilibria)
    assert not s.complete and any("pure" in w for w in s.warnings)
    form = s.strategic_form
    assert form.shape == (2, 2, 2)
    C, c = form.strategies[0].index("C"), form.strategies[1].index("c")
    L = form.strategies[2].index("L")

    def profile(p1, p2, p3_L):
        x1 = [F(0), F(0)]
        x1[C if p1 else 1 - C] = F(1)
        x2 = [F(0), F(0)]
        x2[c if p2 else 1 - c] = F(1)
        x3 = [F(0), F(0)]
        x3[L], x3[1 - L] = p3_L, 1 - p3_L
        return [x1, x2, x3]

    # (C, c, with 3 playing L with probability q) is an equilibrium exactly when q <= 1/4: D earns 1 3q, d earns 2 4q
    assert not any(form.regret(profile(True, True, F(1, 4))))
    assert form.regret(profile(True, True, F(1, 3)))[1] == F(1, 3)
    # D with 3 playing L, 2 playing c: an equilibrium
    assert not any(form.regret(profile(False, True, F(1))))


def test_a_simultaneous_node_is_its_stage_game():
    g = load_model("games/taiwan_crisis.toml").game()
    tree = GameTree.build(g.players, stage_game("stage", g))
    form = strategic_form(tree)
    assert form.game().A == g.A and form.game().B == g.B
    assert form.strategies == g.strategies
    spe, _ = backward_induction(tree)
    assert len(spe) == 3  # (ally, ally), the mixed one and (align, align)


@pytest.mark.parametrize("path", [str(p) for p in game_files("games", trees=False) if load_model(p).n_players == 2])
def test_proposal_game_of_each_scenario(path):
    # the claim checked on main: a treaty in taiwan_crisis, nato_escalation and two_front, none elsewhere
    treaty_expected = any(name in path for name in ("taiwan_crisis", "nato_escalation", "two_front"))
    spe, _ = backward_induction(proposal_game(path))
    treaty_cells = {"treaty", "after rejection (ally, ally)", "stage (ally, ally)"}
    outcomes = {e.outcome for e in spe}
    assert None not in outcomes  # every SPE ends in one terminal node for sure
    if treaty_expected:
        # every SPE is a treaty: ratified, or signed by both in the stage game (the same payoffs)
        assert outcomes <= treaty_cells and "treaty" in outcomes
        assert any(e.path == ("propose", "accept") for e in spe)
    else:
        assert not outcomes & treaty_cells


def test_proposal_game_continuations_in_taiwan_crisis():
    spe, _ = backward_induction(proposal_game("games/taiwan_crisis.toml"))
    # 3 equilibria after a rejection x 3 without a proposal; China is indifferent when (ally, ally) follows a
    # rejection, Russia when (ally, ally) follows no proposal: 4 x 4 subgame-perfect equilibria
    assert len(spe) == 16
    # ratified in 3 x 3 of them (China accepts, Russia proposes); both sign after a rejection in 3 (China rejects
    # with (ally, ally) to follow, Russia proposes); both sign in the stage game in 4 (Russia does not propose)
    counts = {
        name: sum(e.outcome == name for e in spe)
        for name in ("treaty", "after rejection (ally, ally)", "stage (ally, ally)")
    }
    assert counts == {"treaty": 9, "after rejection (ally, ally)": 3, "stage (ally, ally)": 4}


def test_bayesian_equilibria_need_chance_at_the_root():
    with pytest.raises(InputError, match="node enter"):
        bayesian_equilibria(entry_game())


def test_bayesian_game_of_resolve():
    # the partner is resolute with prior 1/3 and would fight; the challenger does not see its type
    tree = GameTree.build(["Challenger", "Partner"], [
        chance("type", {"resolute": ("1/3", "r"), "irresolute": ("2/3", "i")}),
        decision("r", "Challenger", {"push": "r push", "back": "r back"}, infoset="challenge"),
        decision("r push", "Partner", {"fight": "r war", "yield": "r yield"}),
        terminal("r war", [-1, 1]),
        terminal("r yield", [1, -1]),
        terminal("r back", [0, 0]),
        decision("i", "Challenger", {"push": "i push", "back": "i back"}, infoset="challenge"),
        decision("i push", "Partner", {"fight": "i war", "yield": "i yield"}),
        terminal("i war", [-1, -2]),
        terminal("i yield", [1, -1]),
        terminal("i back", [0, 0]),
    ])
    eqs, _ = bayesian_equilibria(tree)
    # expected gain from pushing: 1/3 * (-1) + 2/3 * 1 = 1/3 > 0
    pushes = [e for e in eqs if e.strategies["Challenger"]["challenge"]["push"] == 1]
    assert pushes and all(e.strategies["Partner"]["r push"]["fight"] == 1 for e in pushes)
    assert all(e.payoff("Challenger") == F(1, 3) for e in pushes)


def test_check_subgame_perfect_reads_strategies():
    t = entry_game()
    assert check_subgame_perfect(t, {"Entrant": {"enter?": "in"}, "Incumbent": {"respond": "accommodate"}})
    with pytest.raises(InputError, match="node respond"):
        check_subgame_perfect(t, {"Entrant": {"enter?": "in"}})
    with pytest.raises(InputError, match="not a move"):
        check_subgame_perfect(t, {"Entrant": {"enter?": "in"}, "Incumbent": {"respond": "surrender"}})


def test_mixed_subgame_equilibria_are_followed():
    # matching pennies after an outside option worth 1/2 to the first player: the subgame is worth 0, so out
    pennies = [[(1, -1), (-1, 1)], [(-1, 1), (1, -1)]]
    cells = {}
    nodes = [decision("root", "A", {"out": "out", "in": "mp"}), terminal("out", ["1/2", 0])]
    for i, a in enumerate("HT"):
        for j, b in enumerate("ht"):
            cells[(a, b)] = f"{a}{b}"
            nodes.append(terminal(f"{a}{b}", list(pennies[i][j])))
    nodes.insert(2, simultaneous("mp", ["A", "B"], [["H", "T"], ["h", "t"]], cells))
    (spe,) = solve_tree(GameTree.build(["A", "B"], nodes)).subgame_perfect
    assert spe.outcome == "out" and spe.payoffs == (F(1, 2), F(0))
    assert spe.strategies["A"]["mp:A"] == {"H": F(1, 2), "T": F(1, 2)}
    assert spe.strategies["B"]["mp:B"] == {"h": F(1, 2), "t": F(1, 2)}


def test_chance_gives_a_distribution_over_paths():
    tree = GameTree.build(["A"], [
        chance("crisis?", {"crisis": ("1/4", "c"), "calm": ("3/4", "k")}),
        decision("c", "A", {"stand": "c1", "fold": "c2"}),
        terminal("c1", [2]),
        terminal("c2", [1]),
        terminal("k", [0]),
    ])
    (spe,) = solve_tree(tree).subgame_perfect
    assert spe.path is None and spe.outcome is None
    assert [(o.probability, o.path, o.terminal) for o in spe.play] == [
        (F(3, 4), ("calm",), "k"),
        (F(1, 4), ("crisis", "stand"), "c1"),
    ]
    assert spe.payoffs == (F(1, 2),)
    assert spe.to_dict()["play"][1] == {"probability": "1/4", "path": ["crisis", "stand"], "outcome": "c1"}


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
            child = (
                dict(node.moves)[move] if isinstance(node, Decision) else next(c for a, _, c in node.moves if a == move)
            )
            node = t.node(child)
            out.add(node.name)
    return out


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
            if not (
                fits(st["Russia"]["partnership:Russia"], xp)
                and fits(st["China"]["partnership:China"], yp)
                and fits(st["Russia"]["after rejection:Russia"], xr)
                and fits(st["China"]["after rejection:China"], yr)
            ):
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
