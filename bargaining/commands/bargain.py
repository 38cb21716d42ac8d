"""``bargain FILE``: bargaining over the terms of an agreement (Nash, Kalai–Smorodinsky, ...).

The problem comes from the game file's ``[bargaining]`` table (see
:mod:`bargaining.bargain.from_game`); the solutions from
:data:`bargaining.bargain.SOLUTIONS`. The renderers live here for now; they
turn the results into text, JSON, Markdown or LaTeX and add nothing to them.
"""

from __future__ import annotations

import json

from .common import add_format_argument, add_game_argument, emit, load_model_from_args


def register(sub) -> None:
    from ..bargain import SOLUTIONS  # pure Python, cheap to import; scipy only loads on demand

    p = sub.add_parser(
        "bargain",
        help="bargaining over the terms of an agreement: Nash, Kalai-Smorodinsky, Rubinstein, ...",
        description=(
            "Bargaining over the terms of an agreement. The players can agree on any lottery over the"
            " game's pure profiles (and on a transfer when the file's [bargaining] table says"
            " transfers = true); without agreement they get the disagreement point. Prints what each"
            " bargaining solution gives."
        ),
    )
    add_game_argument(p)
    p.add_argument(
        "--solution",
        choices=(*SOLUTIONS, "all"),
        default="all",
        help="which solution to report (default: all)",
    )
    add_format_argument(p)
    p.add_argument("--plot", metavar="PATH.png", help="also draw the feasible set and the solutions to PATH.png")
    p.set_defaults(func=run)


def run(args) -> int:
    from fractions import Fraction

    from ..bargain import SOLUTIONS, solve
    from ..bargain.from_game import bargaining_setup

    model = load_model_from_args(args)
    setup = bargaining_setup(model)
    names = tuple(SOLUTIONS) if args.solution == "all" else (args.solution,)
    solutions = []
    for name in names:
        if name == "nash" and args.solution == "all" and setup.weights[0] != setup.weights[1]:
            # with unequal bargaining power, show the symmetric solution beside the weighted one
            half = Fraction(1, 2)
            solutions.append(solve(setup.problem, "nash", **{**setup.options(), "weights": (half, half)}))
        solutions.append(solve(setup.problem, name, **setup.options()))
    if args.plot:
        from ..bargain.plot import save_plot

        save_plot(setup.problem, solutions, args.plot, title=model.title)
    emit(render(model, setup, solutions, args.format))
    if args.plot:
        import sys

        print(f"wrote {args.plot}", file=sys.stderr)
    return 0


# ----------------------------------------------------------------------------- renderers


def render(model, setup, solutions, fmt: str = "table") -> str:
    """Render the problem and its solutions as ``table``, ``json``, ``markdown`` or ``latex``."""
    return {"table": _table, "json": _json, "markdown": _markdown, "latex": _latex}[fmt](model, setup, solutions)


def _json(model, setup, solutions) -> str:
    data = {
        "title": model.title,
        "source": model.source,
        "parameters": {name: str(p.value) for name, p in model.parameters.items()},
        "problem": setup.to_dict(),
        "solutions": [s.to_dict() for s in solutions],
    }
    return json.dumps(data, indent=2, ensure_ascii=False)


def _agreement_text(s, number) -> str:
    if not s.exists:
        return "no agreement"
    parts = [", ".join(lab) if w == 1 else f"{number(w)} ({', '.join(lab)})" for lab, w in s.agreement]
    return " + ".join(parts) if parts else "(frontier given as a function)"


def _transfer_text(s, number) -> str:
    p1, p2 = s.players
    if s.transfer > 0:
        return f"{p2} pays {p1} {number(s.transfer)}"
    if s.transfer < 0:
        return f"{p1} pays {p2} {number(-s.transfer)}"
    return "none"


def _summary_lines(model, setup, number) -> list[str]:
    P = setup.problem
    p1, p2 = P.players
    d = P.disagreement
    lines = [
        f"Outcomes: lotteries over the {len(P.points)} pure profiles"
        + (f", plus transfers between {p1} and {p2} (side-payments in payoff units)." if P.transfers else
           "; no transfers (set transfers = true in [bargaining] to allow side-payments)."),
        f"Disagreement point: {setup.disagreement_rule}: {p1} {number(d[0])}, {p2} {number(d[1])}.",
    ]
    best = max(P.points, key=lambda p: p[0] + p[1])
    best_labels = [", ".join(lab) for lab, p in zip(P.labels, P.points) if p[0] + p[1] == best[0] + best[1]]
    surplus = P.surplus()
    if P.agreement_exists():
        lines.append(
            f"Surplus over disagreement: {number(surplus)}"
            + (f" (largest total {number(best[0] + best[1])}, at ({'; '.join(best_labels)}))." if P.transfers else ".")
        )
    else:
        lines.append(
            "No agreement is strictly better than the disagreement point for both players:"
            " no agreement at any terms" + (", even with transfers." if P.transfers else ".")
        )
    others = [
        (lab, p[0] + p[1] - d[0] - d[1]) for lab, p in zip(P.labels, P.points) if p != d
    ]
    others.sort(key=lambda t: -t[1])
    lines.append(
        "Joint gain of each other profile over the disagreement point: "
        + "; ".join(f"({', '.join(lab)}) {number(g)}" for lab, g in others[:4])
        + ("; ..." if len(others) > 4 else "")
    )
    w, delta = setup.weights, setup.discount
    lines.append(
        f"Nash weights: {p1} {number(w[0])}, {p2} {number(w[1])}."
        f" Rubinstein: discount factors {p1} {number(delta[0])}, {p2} {number(delta[1])};"
        f" {P.players[setup.first]} proposes first."
    )
    return lines + [f"Note: {n}" for n in setup.notes]


def _short(q) -> str:
    """Exact when short (``0.487935``, ``-3/8``), else a rounded decimal marked ``≈``."""
    from ..render.numbers import decimal, exact

    text = exact(q)
    return text if "/" not in text and len(text) <= 9 else f"≈{decimal(q, 4)}"


def _table(model, setup, solutions) -> str:
    from io import StringIO

    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from ..render.numbers import exact_and_decimal

    P = setup.problem
    p1, p2 = P.players
    buf = StringIO()
    console = Console(file=buf, width=110, force_terminal=False, color_system=None, highlight=False)
    console.print(Text(f"Bargaining: {model.title}", style="bold"))
    for line in _summary_lines(model, setup, exact_and_decimal):
        console.print(Text(line))
    t = Table(title="Bargaining solutions", title_justify="left")
    t.add_column("solution", no_wrap=True)
    t.add_column(p1, justify="right", no_wrap=True)
    t.add_column(p2, justify="right", no_wrap=True)
    t.add_column(f"gain {p1}", justify="right", no_wrap=True)
    t.add_column(f"gain {p2}", justify="right", no_wrap=True)
    t.add_column("agreement")
    t.add_column("transfer")
    rounded = False
    for s in solutions:
        cells = [_short(x) for x in (*s.payoffs, *s.gains)]
        transfer = "none"
        if s.transfer > 0:
            transfer = f"{p2} → {p1} {_short(s.transfer)}"
        elif s.transfer < 0:
            transfer = f"{p1} → {p2} {_short(-s.transfer)}"
        rounded |= any("≈" in c for c in cells + [transfer])
        t.add_row(s.name, *cells, _agreement_text(s, _short), transfer)
    console.print()
    console.print(t)
    if rounded:
        console.print(Text("≈ marks a rounded value; --format json gives every value exactly."))
    seen = set()
    for s in solutions:
        for n in s.notes:
            if n in seen:
                continue
            seen.add(n)
            console.print(Text(f"{s.name}: {n}" if s.exists else f"note: {n}"))
    return buf.getvalue().rstrip() + "\n"


def _markdown(model, setup, solutions) -> str:
    from ..render.numbers import exact, exact_and_decimal

    p1, p2 = setup.problem.players
    lines = [f"### Bargaining: {model.title}", ""]
    lines += [line.replace("|", "\\|") for line in _summary_lines(model, setup, exact_and_decimal)]
    lines += ["", f"| solution | {p1} | {p2} | gains | agreement | transfer |", "|---|---|---|---|---|---|"]
    for s in solutions:
        lines.append(
            f"| {s.name} | {exact_and_decimal(s.payoffs[0])} | {exact_and_decimal(s.payoffs[1])} | "
            f"{exact(s.gains[0])} ; {exact(s.gains[1])} | {_agreement_text(s, exact)} | {_transfer_text(s, exact)} |"
        )
    notes = dict.fromkeys(n for s in solutions for n in s.notes)
    if notes:
        lines.append("")
        lines += [f"*Note: {n}*" for n in notes]
    return "\n".join(lines) + "\n"


def _latex(model, setup, solutions) -> str:
    from ..render.numbers import exact, latex_number
    from ..render.solve import latex_escape as esc

    p1, p2 = setup.problem.players
    d = setup.problem.disagreement
    lines = [
        f"% Bargaining: {esc(model.title)}; disagreement point {esc(setup.disagreement_rule)}"
        f" $({latex_number(d[0])}, {latex_number(d[1])})$",
        r"\begin{tabular}{lrrll}",
        f"solution & {esc(p1)} & {esc(p2)} & agreement & transfer \\\\ \\hline",
    ]
    for s in solutions:
        lines.append(
            f"{esc(s.name)} & ${latex_number(s.payoffs[0])}$ & ${latex_number(s.payoffs[1])}$ & "
            f"{esc(_agreement_text(s, exact))} & {esc(_transfer_text(s, exact))} \\\\"
        )
    lines.append(r"\end{tabular}")
    return "\n".join(lines) + "\n"
