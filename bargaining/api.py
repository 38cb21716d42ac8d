"""The public Python API: one function per thing the command line does, returning the result it prints.

``import bargaining as bg`` gives these functions (and the value types) lazily,
so that importing the package stays light::

    model = bg.load("games/baseline.toml")
    sol = bg.solve(model, set={"T": "0.95"})
    sweep = bg.sweep(model, vary={"T": (0, 1, 101)})

Every function takes a :class:`~bargaining.model.Model` or the path of a game
file as its first argument, and ``set`` (parameter values for this call, read
exactly: ``"0.95"``, ``0.95`` and ``Fraction(19, 20)`` are the same). Results are
frozen dataclasses with ``to_dict()`` (what ``--format json`` prints) and,
where they are tables, ``to_pandas()``.
"""

from __future__ import annotations

import os
from typing import Any, Callable, Iterable, Mapping, Sequence

from bargaining.errors import InputError

__all__ = [
    "load",
    "solve",
    "sweep",
    "derive",
    "bargain",
    "repeat",
    "scenarios",
    "explain",
    "robustness",
    "outlook",
    "ordinal",
    "calibrate",
    "sensitivity",
    "handout",
    "export",
    "qre",
]

Progress = Callable[[int, int], None]


def load(path: str | os.PathLike, *, set: Mapping[str, Any] | None = None,
         params: str | os.PathLike | None = None):
    """Read a game file (TOML, Gambit's ``.nfg`` or ``.efg``), with parameter values for this run.

    Parameters
    ----------
    path : str or PathLike
    set : Mapping, optional
        Parameter values (applied last).
    params : str or PathLike, optional
        Another game file whose parameter values are taken: one game form
        (a tree such as ``games/treaty_proposal.toml``) solved under a
        scenario's parameters. Each of its parameters must be one of this
        game's.

    Returns
    -------
    Model, or TreeModel for a game tree (a ``[tree]`` table, or ``.efg``).

    Examples
    --------
    >>> model = load("games/baseline.toml", set={"T": 0.95})
    >>> model.parameters["T"].value
    Fraction(19, 20)
    >>> form = load("games/treaty_proposal.toml", params="games/taiwan_crisis.toml")
    >>> type(form).__name__, form.parameters["T"].value
    ('TreeModel', Fraction(1, 1))
    """
    from bargaining.io.gamefile import load_model

    model = load_model(path)
    if params is not None:
        model = with_params(model, params)
    return model.with_values(set) if set else model


def with_params(model, params: str | os.PathLike):
    """``model`` with the parameter values of the game file ``params`` (every one of them must be the model's)."""
    from bargaining.io.gamefile import load_model

    other = load_model(params)
    unknown = [name for name in other.parameters if name not in model.parameters]
    if unknown:
        raise InputError(
            f"parameter {unknown[0]!r} of {params} is not a parameter of {model.source or 'the game'}; "
            f"its parameters: {', '.join(model.parameters) or 'none'}",
            where="params",
        )
    return model.with_values(other.values(), where=f"params {params}:")


def _model(model, set: Mapping[str, Any] | None, params: str | os.PathLike | None = None):
    from bargaining.model import Model
    from bargaining.tree import TreeModel

    if isinstance(model, (str, os.PathLike)):
        return load(model, set=set, params=params)
    if isinstance(model, (Model, TreeModel)):
        if params is not None:
            model = with_params(model, params)
        return model.with_values(set) if set else model
    raise InputError(f"expected a model or the path of a game file, found {type(model).__name__}")


def _strategic(model, command: str):
    """``model`` when it is a strategic-form Model; a game tree is an input error naming the command."""
    from bargaining.tree import TreeModel

    if isinstance(model, TreeModel):
        raise InputError(
            f"{command} works on strategic-form games; {model.source or 'this game'} is a game tree "
            "(solve, sweep, explain, export, derive and scenarios --form take trees)",
            source=model.source or None,
        )
    return model


#: The commands that take games of three or more players.
NPLAYER_COMMANDS = ("solve", "scenarios", "explain", "sweep", "derive", "qre", "robustness", "export")


def _two_player(model, command: str):
    """``model`` when it has two players; a game of more is an input error naming the command."""
    n = model.n_players
    if n > 2:
        raise InputError(
            f"{command} works on two-player games; this game has {n} players "
            f"({', '.join(NPLAYER_COMMANDS)} take games of any number of players)",
            source=model.source or None,
        )
    return model


def solve(game, *, set: Mapping[str, Any] | None = None, method: str = "exact",
          params: str | os.PathLike | None = None):
    """Every Nash equilibrium of a game, verified and labelled: what ``solve FILE`` prints.

    Parameters
    ----------
    game : Model, TreeModel, Game, GameTree or path
        A model (or game file) at its parameter values with ``params`` and
        ``set`` applied, or a :class:`~bargaining.game.Game`
        (``Game.from_arrays(A, B)``) or :class:`~bargaining.tree.GameTree`.
    set : Mapping, optional
        Parameter values for this call.
    method : str
        A name of :data:`bargaining.solvers.registry.METHODS` (strategic-form
        games; game trees are solved exactly).
    params : path, optional
        A game file whose parameter values are used (see :func:`load`).

    Returns
    -------
    Solution, or TreeSolution for a game tree (its subgame-perfect equilibria,
    the Nash equilibria of its reduced strategic form, and for a signalling
    game its perfect Bayesian equilibria).

    Examples
    --------
    >>> sol = solve("games/baseline.toml", set={"T": "0.95"})
    >>> len(sol.equilibria), sol.equilibria[0].strategies["Russia"]["ally"]
    (3, Fraction(1, 1))
    >>> tree = solve("games/treaty_proposal.toml", params="games/taiwan_crisis.toml")
    >>> sorted({e.outcome for e in tree.subgame_perfect})
    ['after rejection (ally, ally)', 'partnership (ally, ally)', 'treaty']
    """
    from bargaining.game import Game
    from bargaining.solvers.registry import solve as solve_game
    from bargaining.tree import GameTree, TreeModel

    if isinstance(game, (Game, GameTree)):
        if set or params is not None:
            raise InputError("a Game has no parameters to set; load a model to set its parameters", where="parameter")
        return solve_game(game, method=method) if isinstance(game, Game) else _solve_tree(game)
    m = _model(game, set, params)
    if isinstance(m, TreeModel):
        _exact_only(method)
        return _solve_tree(m.tree(), m)
    return solve_game(m.game(), method=method)


def _exact_only(method: str) -> None:
    if method != "exact":
        raise InputError(f"game trees are solved exactly; method {method!r} is for strategic-form games",
                         where="method")


def _solve_tree(tree, model=None):
    from dataclasses import replace

    from bargaining.solvers.tree import solve_tree

    solution = solve_tree(tree)
    if model is None:
        return solution
    return replace(solution, source=model.source, parameters=tuple(model.values().items()),
                   changed=tuple(model.overrides))


def _axes(model, vary) -> list[str]:
    """``{"T": (0, 1, 101)}``, ``["T=0:1:101"]`` or ``"T=0:1:101"`` as axis specifications."""
    if isinstance(vary, str):
        return [vary]
    if isinstance(vary, Mapping):
        specs = []
        for name, spec in vary.items():
            if isinstance(spec, str):
                specs.append(f"{name}={spec}")
                continue
            try:
                start, stop, num = spec
            except (TypeError, ValueError):
                raise InputError(f"expected (start, stop, num), found {spec!r}", where=f"axis {name}") from None
            from bargaining.numbers import plain, to_fraction

            lo = plain(to_fraction(start, where=f"axis {name} START"))
            hi = plain(to_fraction(stop, where=f"axis {name} STOP"))
            specs.append(f"{name}={lo}:{hi}:{num}")
        return specs
    if isinstance(vary, Iterable):
        return list(vary)
    raise InputError(f"expected the parameters to vary, found {type(vary).__name__}", where="axis")


def _draws(draws, what: str = "draws", limit=None, width: int = 9):
    """``draws`` refused above its limit (:mod:`bargaining.limits`); None when it is no positive count."""
    from bargaining import limits

    if isinstance(draws, bool) or not isinstance(draws, int) or draws < 1:
        return None  # not a count: the analysis refuses it with its own message
    limits.check_count(what, draws, limits.MAX_DRAWS if limit is None else limit, where=what,
                       way_out=f"give fewer --{what}", width=width)
    return draws


def sweep(
    model,
    *,
    vary,
    set: Mapping[str, Any] | None = None,
    params: str | os.PathLike | None = None,
    progress: Progress | None = None,
    writers: Sequence[Any] = (),
    keep_equilibria: bool = True,
    pure: bool = False,
    draws: int | None = None,
    seed: int = 0,
    spread="0.1",
):
    """Solve a game over a grid of one or two parameters: what ``sweep FILE --vary ...`` prints.

    Parameters
    ----------
    model : Model or path
    vary : Mapping or sequence
        ``{"T": (0, 1, 101)}`` (start, stop, number of points, exact) or
        ``["T=0:1:101"]``; one or two parameters.
    set : Mapping, optional
        Values of other parameters for this call.
    progress : callable, optional
        ``progress(done, total)`` after each chunk of grid points.
    writers : sequence, optional
        Objects with ``write(grid, chunk)`` that stream tidy rows as they are solved
        (:class:`bargaining.io.tables.CsvWriter`).
    keep_equilibria : bool
        Keep every equilibrium for :meth:`Sweep.to_pandas` (a very large grid
        streamed to a file need not).
    pure : bool
        A game of three or more players: only its pure equilibria, by
        vectorised best-response checks (ties decided exactly), for large grids.
    draws : int, optional
        Under uncertainty: at each grid point draw the other parameters this
        many times from the file's ``[uncertainty]`` table (the others
        uniformly within ``±spread`` of their values), seeded by ``seed``, and
        count the selected outcomes.

    Returns
    -------
    Sweep, or TreeSweep for a game tree (its subgame-perfect outcomes at
    every point, exactly; regimes along one parameter), NPlayerSweep for a
    game of three or more players (every equilibrium at every point, exactly,
    or with ``pure`` the pure ones; regimes along one parameter), or with
    ``draws`` a BeliefSweep (the probability of each selected outcome at each
    point).

    Examples
    --------
    >>> s = sweep("games/baseline.toml", vary={"T": (0, 1, 101)})
    >>> [str(b.value) for b in s.boundaries]
    ['3/10', '11/25', '111/125']
    >>> s.to_pandas().shape
    (127, 12)
    """
    from bargaining.limits import check_axes
    from bargaining.statics.grid import Grid
    from bargaining.statics.regimes import regimes_1d, regions_2d
    from bargaining.statics.study import Sweep
    from bargaining.statics.sweep import run_sweep
    from bargaining.tree import TreeModel

    m = _model(model, set, params)
    from bargaining.limits import SECONDS_PER_POINT

    kind = "tree" if isinstance(m, TreeModel) else "nplayer" if m.n_players > 2 else "batch"
    check_axes(_axes(m, vary), per_point=_draws(draws) or 1, seconds=SECONDS_PER_POINT[kind])
    if isinstance(m, TreeModel):
        from bargaining.statics.tree_sweep import sweep_tree

        specs = _axes(m, vary)
        for spec in specs:
            name = spec.partition("=")[0].strip()
            if set and name in set:
                raise InputError(f"{name} is both set and varied; give it once", where=f"axis {name}")
        return sweep_tree(m, specs, progress=progress)
    if m.n_players > 2:
        from bargaining.statics.nplayer_sweep import pure_sweep, sweep_nplayer

        specs = _axes(m, vary)
        for spec in specs:
            name = spec.partition("=")[0].strip()
            if set and name in set:
                raise InputError(f"{name} is both set and varied; give it once", where=f"axis {name}")
        if draws is not None:
            raise InputError("draws under uncertainty are for two-player games; a game of three or more players "
                             "is swept exactly at each point", where="draws")
        return (pure_sweep if pure else sweep_nplayer)(m, specs, progress=progress)
    if pure:
        raise InputError("only pure equilibria is a batch path for games of three or more players; a two-player "
                         "sweep already solves every equilibrium in batches", where="pure")
    grid = Grid.from_specs(m, _axes(m, vary))
    for axis in grid.axes:
        if set and axis.name in set:
            raise InputError(f"{axis.name} is both set and varied; give it once", where=f"axis {axis.name}")
    if draws is not None:
        from bargaining.statics.belief_sweep import belief_sweep

        return belief_sweep(grid, draws=draws, seed=seed, spread=spread, progress=progress)
    result = run_sweep(grid, writers=writers, progress=progress, keep_equilibria=keep_equilibria)
    report = regimes_1d(result) if len(grid.axes) == 1 else regions_2d(result)
    return Sweep(result=result, report=report)


def derive(model, *, solve_for: str | None = None, keep: Sequence[str] | None = None,
           set: Mapping[str, Any] | None = None, params: str | os.PathLike | None = None,
           budget: int | None = None):
    """Equilibrium conditions in closed form (sympy): what ``derive FILE`` prints.

    Parameters
    ----------
    model : Model or path
    solve_for : str, optional
        A parameter to solve every boundary for.
    keep : sequence of str, optional
        The parameters kept symbolic (default: all); the others are fixed at their values.
    budget : int, optional
        Simplify expressions of up to this many operations (default 400); a count, so that two runs give
        the same output.

    Returns
    -------
    Derivation, or NPlayerDerivation for a game of three or more players (the
    conditions of every pure profile; :mod:`bargaining.symbolic.nplayer`), or
    TreeDerivation for a game tree (the conditions under which each pure
    strategy profile is subgame-perfect; :mod:`bargaining.symbolic.tree`)

    Examples
    --------
    >>> d = derive("games/treaty_proposal.toml", params="games/taiwan_crisis.toml", keep=["T"], solve_for="T")
    >>> next(r.set_at_file for r in d.paths if r.path == ("propose", "accept"))
    Interval(439/500, 1)
    """
    from bargaining.symbolic import derive as derive_model
    from bargaining.symbolic.simplify import Budget

    if budget is not None and (isinstance(budget, bool) or not isinstance(budget, int) or budget < 1):
        raise InputError(f"expected a positive whole number of operations, found {budget!r}", where="budget")

    if keep is not None:
        keep = [k for k in keep]
        if not keep:
            raise InputError("expected parameter names, found none", where="kept parameters")
    m = _model(model, set, params)
    scaled = None if budget is None else Budget.scaled(budget)
    from bargaining.tree import TreeModel

    if isinstance(m, TreeModel):
        from bargaining.symbolic.tree import derive_tree

        return derive_tree(m, keep=keep, solve_for=solve_for, budget=scaled)
    if m.n_players > 2:
        from bargaining.symbolic.nplayer import derive_nplayer

        return derive_nplayer(m, keep=keep, solve_for=solve_for)
    return derive_model(m, keep=keep, solve_for=solve_for, budget=scaled)


def bargain(model, *, solution: str = "all", delta=None, vary: str | None = None,
            set: Mapping[str, Any] | None = None, params: str | os.PathLike | None = None):
    """The bargaining over treaty terms: what ``bargain FILE`` prints.

    Parameters
    ----------
    model : Model or path
    solution : str
        A name of :data:`bargaining.negotiation.SOLUTIONS`, or ``"all"``.
    delta : optional
        Discount factors for judging whether each agreement enforces itself in
        the repeated game: one number for both players, or ``{"delta_C": "0.9"}``.
    vary : str, optional
        ``"T=0.6:1:9"``: solve the problem at every grid value instead (then
        ``delta`` is not taken).

    Returns
    -------
    Bargain, or BargainSweep with ``vary``

    Examples
    --------
    >>> b = bargain("games/taiwan_crisis.toml", solution="nash")
    >>> b.solutions[0].transfer
    Fraction(159, 2000)
    """
    m = _two_player(_strategic(_model(model, set, params), "bargain"), "bargain")
    if vary is not None:
        from bargaining.negotiation.sweep import bargain_sweep

        if delta is not None:
            raise InputError("a discount factor checks one agreement; it does not combine with a sweep", where="delta")
        name = vary.partition("=")[0].strip()
        if set and name in set:
            raise InputError(f"{name} is both set and varied; give it once", where=f"axis {name}")
        from bargaining.limits import SECONDS_PER_POINT, check_axes

        check_axes([vary], seconds=SECONDS_PER_POINT["bargain"])
        return bargain_sweep(m, vary, solution)
    from bargaining.negotiation.report import bargain as solve_bargain

    return solve_bargain(m, solution, delta)


def repeat(model, *, delta=None, keep: Sequence[str] | None = None, formulas: bool = True,
           set: Mapping[str, Any] | None = None, params: str | os.PathLike | None = None):
    """The stage game repeated forever: what ``repeat FILE`` prints.

    For each pure profile, whether it is a subgame-perfect outcome with Nash
    reversion and with harsher punishments, each player's critical discount
    factor exactly and (with ``formulas``) in closed form; with transfers (the
    file's ``[bargaining] transfers = true``) the least discount factor at which
    a per-period payment makes the treaty self-enforcing.

    Returns
    -------
    RepeatedAnalysis

    Examples
    --------
    >>> r = repeat("games/junior_partner.toml", formulas=False)
    >>> r.exact.profile("ally, ally").transfer.common.lo            # the design note's kappa threshold
    Fraction(6, 11)
    """
    from bargaining.symbolic.repeated import repeated_analysis

    if keep is not None and not list(keep):
        raise InputError("expected parameter names, found none", where="kept parameters")
    return repeated_analysis(
        _two_player(_strategic(_model(model, set, params), "repeat"), "repeat"),
        discount=delta,
        keep=keep,
        formulas=formulas,
    )


def scenarios(
    folder: str | os.PathLike = "games",
    *,
    set: Mapping[str, Any] | None = None,
    method: str = "exact",
    form: str | os.PathLike | None = None,
    ordinal: bool = False,
):
    """The scenario table of a folder of game files: what ``scenarios`` prints.

    A file that cannot be read or solved is reported in ``failures`` and does
    not stop the others. The folder's game trees are game forms, not
    scenarios: they are left out. With ``form`` (the path of a game tree, such
    as ``games/treaty_proposal.toml``) each scenario's row also has the tree
    solved at the scenario's parameters: its subgame-perfect outcomes beside
    the simultaneous game's equilibria. With ``ordinal`` each row also has the
    ordinal check (:func:`ordinal`).

    Returns
    -------
    ScenarioTable

    Examples
    --------
    >>> table = scenarios("games")
    >>> table.row("taiwan_crisis").selected
    '(ally, ally)'
    """
    from bargaining.analysis.scenarios import solve_folder

    tree = None
    if form is not None:
        from bargaining.tree import TreeModel

        tree = load(form)
        if not isinstance(tree, TreeModel):
            raise InputError(f"{form} is not a game tree: a game form has a [tree] table", where="form")
    return solve_folder(folder, method=method, overrides=dict(set) if set else None, form=tree, ordinal=ordinal)


def explain(
    model, *, set: Mapping[str, Any] | None = None, method: str = "exact", params: str | os.PathLike | None = None
):
    """A walk-through of a game for the seminar: what ``explain FILE`` prints.

    A strategic-form game is walked through term by term (payoffs,
    dominance, why each equilibrium is one, selection); a game tree by
    backward induction, subgame by subgame, with the path of play, the Nash
    equilibria resting on non-credible threats and, for a signalling game, its
    perfect Bayesian equilibria.

    Returns
    -------
    Explanation, or TreeExplanation for a game tree

    Examples
    --------
    >>> ex = explain("games/treaty_proposal.toml", params="games/taiwan_crisis.toml")
    >>> [step.step.root for step in ex.steps]
    ['partnership', 'after rejection', 'ratification', 'proposal']
    >>> pbe = explain("games/resolve.toml", params="games/taiwan_crisis.toml").signalling.solution.equilibria
    >>> [e.kind for e in pbe]
    ['separating', 'pooling']
    """
    from bargaining.tree import TreeModel

    m = _model(model, set, params)
    if isinstance(m, TreeModel):
        from bargaining.analysis.explain_tree import explain_tree

        _exact_only(method)
        return explain_tree(m)
    from bargaining.analysis.explain import explain as explain_model

    return explain_model(m, method)


def robustness(
    model,
    *,
    spread="0.1",
    draws: int = 1000,
    seed: int | None = 0,
    method: str = "exact",
    set: Mapping[str, Any] | None = None,
    progress: Progress | None = None,
    params: str | os.PathLike | None = None,
):
    """How often the equilibria survive random perturbations of the parameters: what ``robustness FILE`` prints.

    Returns
    -------
    Robustness
    """
    from bargaining.analysis.robustness import robustness as perturb
    from bargaining.numbers import to_fraction

    m = _strategic(_model(model, set, params), "robustness")
    _draws(draws, width=max(1, len(m.parameters)))
    return perturb(
        m,
        to_fraction(spread, where="spread"),
        draws,
        seed,
        method=method,
        progress=progress,
    )


def ordinal(game, *, samples: int = 2000, seed: int = 0, method: str = "exact",
            set: Mapping[str, Any] | None = None, params: str | os.PathLike | None = None):
    """Which conclusions hold for every payoff assignment with the same orderings: what ``solve FILE --ordinal`` adds.

    Returns
    -------
    OrdinalCheck
        The solution, the best-response comparisons each pure equilibrium
        rests on, and how often the equilibrium set, the selection and risk
        dominance survive ``samples`` random payoff assignments with each
        player's ranking of all cells kept.

    Examples
    --------
    >>> c = ordinal("games/taiwan_crisis.toml", samples=500)
    >>> [p.label for p in c.pure], c.selected_kept
    (['(ally, ally)', '(align, align)'], 1.0)
    """
    from bargaining.analysis.ordinal import ordinal_check
    from bargaining.game import Game

    if method != "exact":
        raise InputError("the ordinal check solves exactly; drop --method", where="method")
    sol = solve(game, set=set, params=params) if not isinstance(game, Game) else solve(game)
    if not hasattr(sol, "equilibria") or not hasattr(sol.game, "A"):
        raise InputError("the ordinal check works on strategic-form games", where="ordinal")
    return ordinal_check(sol, samples=samples, seed=seed)


def outlook(model, *, draws: int = 10000, seed: int = 0, spread="0.1", samples: int | None = None,
            outcome: str | None = None, set: Mapping[str, Any] | None = None, progress: Progress | None = None,
            params: str | os.PathLike | None = None):
    """How likely each outcome is under beliefs about the parameters, and what moves it: what ``outlook FILE`` prints.

    Parameters are drawn from the file's ``[uncertainty]`` table, the others
    uniformly within ``±spread`` of their values inside their ranges; every
    draw is solved (batch solver, exact fallback). ``samples`` is the base
    sample size of the Sobol analysis of the ``outcome`` (default the treaty)
    being selected; 0 leaves it out.

    Returns
    -------
    Outlook

    Examples
    --------
    >>> o = outlook("games/taiwan_crisis.toml", draws=4000, samples=0)
    >>> o.outcome, round(o.probability("(ally, ally)"), 2)
    ('(ally, ally)', 0.84)
    """
    from bargaining.analysis.outlook import outlook as estimate
    from bargaining.limits import MAX_SAMPLES

    m = _strategic(_model(model, set, params), "outlook")
    _draws(draws, width=max(1, len(m.parameters)))
    if samples:
        _draws(samples, "samples", MAX_SAMPLES, width=2 * max(1, len(m.parameters)))
    return estimate(m, draws=draws, seed=seed, spread=spread,
                    samples=samples, outcome=outcome, progress=progress)


def calibrate(
    model,
    *,
    bases: Sequence[str] | None = None,
    parameter: str = "a",
    digits: int = 3,
    method: str = "exact",
    set: Mapping[str, Any] | None = None,
    params: str | os.PathLike | None = None,
):
    """The game solved with the asymmetry from each basis of the capabilities data: what ``calibrate FILE`` prints.

    Returns
    -------
    Calibration
    """
    from bargaining.analysis.calibration import asymmetry, calibrate as calibrate_model

    for basis in bases or ():
        asymmetry(basis)  # an unknown basis is an input error that lists the known ones
    return calibrate_model(
        _two_player(_strategic(_model(model, set, params), "calibrate"), "calibrate"),
        bases,
        parameter=parameter,
        digits=digits,
        method=method,
    )


def sensitivity(
    model,
    *,
    outcome: str | Sequence[int] | None = None,
    samples: int = 16384,
    seed: int = 0,
    spread=None,
    set: Mapping[str, Any] | None = None,
    progress: Progress | None = None,
    params: str | os.PathLike | None = None,
):
    """Sobol indices of whether an outcome is an equilibrium: what ``sensitivity FILE`` prints.

    ``outcome`` is a pure profile (``"ally,ally"`` or indices); by default the
    equilibrium selected at the file's values, when it is pure. Parameters are
    drawn from the file's ``[uncertainty]`` table, the others uniformly over
    their ranges (with ``spread``: within ``±spread`` of their values).

    Returns
    -------
    SensitivityResult
    """
    from bargaining.limits import MAX_SAMPLES
    from bargaining.statics.sensitivity import parse_outcome, sobol_indices

    m = _two_player(_strategic(_model(model, set, params), "sensitivity"), "sensitivity")
    _draws(samples, "samples", MAX_SAMPLES, width=2 * max(1, len(m.parameters)))
    if outcome is None:
        sol = solve(m)
        if sol.selected is None or not sol.equilibria[sol.selected].pure:
            raise InputError(
                "the file's values select no pure equilibrium; name the outcome (a pure profile such as ally,ally)",
                where="outcome",
            )
        profile = sol.equilibria[sol.selected].profile()
    elif isinstance(outcome, str):
        profile = parse_outcome(outcome, m)
    else:
        profile = tuple(outcome)
    return sobol_indices(m, profile, samples=samples, seed=seed, spread=spread, progress=progress)


def handout(
    model,
    *,
    parameter: str | None = None,
    profile: Sequence[str] | None = None,
    method: str = "auto",
    set: Mapping[str, Any] | None = None,
    params: str | os.PathLike | None = None,
):
    """An exercise sheet: the bimatrix, questions and worked answers: what ``handout FILE`` prints.

    Returns
    -------
    Handout
    """
    from bargaining.analysis.handout import handout as sheet

    m = _two_player(_strategic(_model(model, set, params), "handout"), "handout")
    return sheet(m, parameter=parameter, profile=profile, method=method, changed=tuple(m.overrides))


def qre(
    model,
    *,
    lambdas: Sequence[float] | None = None,
    vary=None,
    lam=None,
    method: str = "exact",
    set: Mapping[str, Any] | None = None,
    params: str | os.PathLike | None = None,
    progress: Progress | None = None,
):
    """The logit quantal response equilibrium: what ``qre FILE`` (and ``sweep FILE --qre LAMBDA``) prints.

    Parameters
    ----------
    model : Model or path
        A strategic-form game of any number of players.
    lambdas : sequence of float, optional
        The precisions of the table (default 1, 10, 100, 1000).
    vary : Mapping or sequence, optional
        As for :func:`sweep`: then the QRE at the one precision ``lam`` at every
        grid point instead.
    lam : float
        The precision of a sweep (with ``vary``).

    Returns
    -------
    QREReport (:mod:`bargaining.analysis.qre`), or QRESweep with ``vary``
    (:mod:`bargaining.statics.qre_sweep`).

    Examples
    --------
    >>> r = qre("games/taiwan_crisis.toml", lambdas=[10])
    >>> r.solution.reading(r.selected), round(r.treaty_probabilities()[1], 3)
    ('deep alignment without a treaty', 0.034)
    >>> s = qre("games/taiwan_crisis.toml", vary={"T": (0.9, 1, 3)}, lam=10)
    >>> [round(p.treaty, 3) for p in s.points]
    [0.024, 0.028, 0.034]
    """
    m = _strategic(_model(model, set, params), "qre")
    if vary is not None:
        from bargaining.analysis.scenarios import TREATY
        from bargaining.statics.qre_sweep import qre_sweep

        if lam is None:
            raise InputError("a QRE sweep needs the precision lambda", where="qre lambda")
        from bargaining.limits import SECONDS_PER_POINT, check_axes

        specs = _axes(m, vary)
        check_axes(specs, seconds=SECONDS_PER_POINT["qre"])
        for spec in specs:
            name = spec.partition("=")[0].strip()
            if set and name in set:
                raise InputError(f"{name} is both set and varied; give it once", where=f"axis {name}")
        return qre_sweep(m, specs, lam, treaty=TREATY, progress=progress)
    from bargaining.analysis.qre import qre_report
    from bargaining.limits import MAX_LAMBDAS

    if lambdas is not None and not isinstance(lambdas, str) and len(lambdas) > MAX_LAMBDAS:
        from bargaining.errors import LimitError

        raise LimitError(f"{len(lambdas)} precisions is above the limit of {MAX_LAMBDAS}; give fewer --lambdas",
                         where="qre lambda")

    return qre_report(m, lambdas=lambdas, method=method)


def export(
    model,
    *,
    to: str = "nfg",
    set: Mapping[str, Any] | None = None,
    params: str | os.PathLike | None = None,
    layout: str = "payoffs",
) -> str:
    """The game at its parameter values in Gambit's format, as text: ``.nfg`` (strategic form) or ``.efg`` (tree).

    A game tree written as ``nfg`` is its reduced strategic form; a
    strategic-form game written as ``efg`` is a tree with one simultaneous
    node (the row player moves, the column player does not see the move).
    ``layout`` is the ``.nfg`` version: ``payoffs`` (default) or ``outcomes``
    (as Gambit 16 writes it). A game of three or more players is written as
    ``nfg`` only.

    Examples
    --------
    >>> export("games/baseline.toml").splitlines()[0][:30]
    'NFG 1 R "Baseline: deep alignm'
    >>> export("games/treaty_proposal.toml", to="efg").splitlines()[0]
    'EFG 2 R "Treaty proposal: Russia proposes, China ratifies" { "Russia" "China" }'
    """
    from bargaining.io.efg import write_efg
    from bargaining.io.nfg import write_nfg
    from bargaining.numbers import exact
    from bargaining.tree import GameTree, TreeModel, stage_game

    if to not in ("nfg", "efg"):
        raise InputError(f"unknown export format {to!r}; formats: nfg, efg", where="export format")
    m = _model(model, set, params)
    if isinstance(m, TreeModel):
        tree = m.tree()
        comment = tree.description
    else:
        game = m.game()
        comment = game.description
    if m.parameters:
        values = ", ".join(f"{name} = {exact(p.value)}" for name, p in m.parameters.items())
        note = f"Exported by bargaining from {m.source} with {values}."
        comment = f"{comment}\n\n{note}" if comment else note
    if isinstance(m, TreeModel):
        if to == "efg":
            return write_efg(tree, comment)
        from bargaining.solvers.tree import strategic_form

        return write_nfg(strategic_form(tree).game(), comment, layout=layout)
    if to == "nfg":
        return write_nfg(game, comment, layout=layout)
    if game.n_players > 2:
        raise InputError(
            f"a game of {game.n_players} players is exported as nfg; efg writes two-player strategic forms as trees",
            where="export format",
        )
    tree = GameTree.build(game.players, stage_game("stage", game), title=game.title, description=game.description)
    return write_efg(tree, comment)
