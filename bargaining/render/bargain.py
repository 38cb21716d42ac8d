"""Renderers for the ``bargain`` command: table, JSON, Markdown, LaTeX (and CSV for a sweep).

They turn a bargaining setup and its solutions (:mod:`bargaining.negotiation`)
into text and add nothing to them; the JSON is the results' ``to_dict()``.
rich is imported inside the table renderers so that importing this module
stays cheap.
"""

from __future__ import annotations

import json

from bargaining.render import layout

__all__ = ["render"]


def render(result, fmt: str = "table") -> str:
    """Render a :class:`~bargaining.negotiation.report.Bargain` as ``table``, ``json``, ``markdown`` or ``latex``.

    Each solution is printed with whether its agreement is self-enforcing.
    """
    if fmt == "json":
        return json.dumps(result.to_dict(), indent=2, ensure_ascii=False)
    renderer = {"table": _table, "markdown": _markdown, "latex": _latex}[fmt]
    return renderer(result, result.setup, result.solutions, result.enforcement)


def _enforcement_groups(solutions, enforcement) -> list[tuple[list[str], object]]:
    """Solutions with the same verdict share a line: ``[(names, enforcement), ...]`` in order."""
    groups: dict[tuple[str, str], tuple[list[str], object]] = {}
    for s, e in zip(solutions, enforcement):
        groups.setdefault((e.summary, e.reason), ([], e))[0].append(s.name)
    return list(groups.values())


ENFORCEMENT_HEADING = (
    "Self-enforcing? (the agreement repeated every period, a deviation punished by the deviator's worst stage"
    " equilibrium; python cli.py repeat FILE for more)"
)


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
        f"Bargaining power (Nash weights): {p1} {number(w[0])}, {p2} {number(w[1])}, {setup.power_rule}."
        f" Rubinstein: discount factors {p1} {number(delta[0])}, {p2} {number(delta[1])} ({setup.discount_rule});"
        f" {P.players[setup.first]} proposes first."
    )
    return lines + [f"Note: {n}" for n in setup.notes]


def _short(q) -> str:
    """Exact when short (``0.487935``, ``-3/8``), else a rounded decimal marked ``≈``."""
    from bargaining.numbers import decimal, exact

    text = exact(q)
    return text if "/" not in text and len(text) <= 9 else f"≈{decimal(q, 4)}"


def _table(model, setup, solutions, enforcement=None) -> str:
    from io import StringIO

    from rich.text import Text

    from bargaining.numbers import exact_and_decimal

    P = setup.problem
    p1, p2 = P.players
    buf = StringIO()
    console = layout.console(buf)
    console.print(Text(f"Bargaining: {model.title}", style="bold"))
    for line in _summary_lines(model, setup, exact_and_decimal):
        console.print(Text(line))
    t = layout.table(title="Bargaining solutions", title_justify="left")
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
    if enforcement is not None:
        console.print()
        console.print(Text(ENFORCEMENT_HEADING))
        groups = _enforcement_groups(solutions, enforcement)
        for names, e in groups:
            who = "all" if len(groups) == 1 and len(names) > 1 else ", ".join(names)
            console.print(Text("\n".join(layout.wrap(f"{who}: {e.summary}", "  ", "    "))))
            if e.status in ("repeated", "never"):
                console.print(Text("\n".join(layout.wrap(e.reason, "    ", "    "))))
    seen = set()
    for s in solutions:
        for n in s.notes:
            if n in seen:
                continue
            seen.add(n)
            console.print(Text(f"{s.name}: {n}" if s.exists else f"note: {n}"))
    return buf.getvalue().rstrip() + "\n"


def _markdown(model, setup, solutions, enforcement=None) -> str:
    from bargaining.numbers import exact, exact_and_decimal
    from bargaining.render.words import md_escape

    p1, p2 = setup.problem.players
    lines = [f"### Bargaining: {model.title}", ""]
    lines += [line.replace("|", "\\|") for line in _summary_lines(model, setup, exact_and_decimal)]
    extra = " self-enforcing |" if enforcement is not None else ""
    lines += ["", f"| solution | {p1} | {p2} | gains | agreement | transfer |{extra}",
              "|---|---|---|---|---|---|" + ("---|" if extra else "")]
    for k, s in enumerate(solutions):
        cell = f" {md_escape(enforcement[k].summary)} |" if extra else ""
        lines.append(
            f"| {s.name} | {exact_and_decimal(s.payoffs[0])} | {exact_and_decimal(s.payoffs[1])} | "
            f"{exact(s.gains[0])} ; {exact(s.gains[1])} | {_agreement_text(s, exact)} | {_transfer_text(s, exact)} |"
            + cell
        )
    reasons = [] if enforcement is None else [
        f"- {', '.join(names)}: {md_escape(e.reason)}"
        for names, e in _enforcement_groups(solutions, enforcement) if e.status in ("repeated", "never")
    ]
    if reasons:
        lines += ["", f"*{ENFORCEMENT_HEADING}*", ""] + reasons
    notes = dict.fromkeys(n for s in solutions for n in s.notes)
    if notes:
        lines.append("")
        lines += [f"*Note: {n}*" for n in notes]
    return "\n".join(lines) + "\n"


def _latex(model, setup, solutions, enforcement=None) -> str:
    from bargaining.numbers import exact, latex_number
    from bargaining.render.derive import tex
    from bargaining.render.words import latex_comment, latex_escape as esc

    p1, p2 = setup.problem.players
    d = setup.problem.disagreement
    extra = enforcement is not None
    lines = [
        latex_comment(f"Bargaining: {model.title}; disagreement point {setup.disagreement_rule}"
                      f" $({latex_number(d[0])}, {latex_number(d[1])})$"),
        r"\begin{tabular}{lrrll" + ("p{6cm}" if extra else "") + "}",
        f"solution & {esc(p1)} & {esc(p2)} & agreement & transfer" + (" & self-enforcing" if extra else "")
        + " \\\\ \\hline",
    ]
    for k, s in enumerate(solutions):
        lines.append(
            f"{esc(s.name)} & ${latex_number(s.payoffs[0])}$ & ${latex_number(s.payoffs[1])}$ & "
            f"{esc(_agreement_text(s, exact))} & {esc(_transfer_text(s, exact))}"
            + (f" & {tex(enforcement[k].summary)}" if extra else "") + " \\\\"
        )
    lines.append(r"\end{tabular}")
    return "\n".join(lines) + "\n"


# ----------------------------------------------------------------------------- sweeps (--vary)


def render_sweep(result, fmt: str = "table") -> str:
    """Render a :class:`~bargaining.negotiation.sweep.BargainSweep` as ``table``, ``csv`` or ``json``."""
    return {"table": _sweep_table, "csv": _sweep_csv, "json": _sweep_json}[fmt](result)


def _sweep_json(result) -> str:
    return json.dumps(result.to_dict(), indent=2, ensure_ascii=False)


def _csv_value(v) -> str:
    from fractions import Fraction

    from bargaining.numbers import format_value

    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, Fraction):
        return format_value(v)
    if isinstance(v, float):
        return repr(v)
    return str(v)


def _sweep_csv(result) -> str:
    """Tidy CSV: one row per (grid point, solution); numbers as exact decimals where short, else floats."""
    import csv
    import io

    from bargaining.io.cells import csv_row

    p1, p2 = result.players
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(csv_row([result.parameter, "agreement", "surplus", "best", "solution", f"payoff.{p1}",
                        f"payoff.{p2}", f"gain.{p1}", f"gain.{p2}", "transfer", "exact"]))
    for pt in result.points:
        for s in pt.solutions:
            w.writerow(
                csv_row(
                    _csv_value(x)
                    for x in (
                        pt.value,
                        pt.exists,
                        pt.surplus,
                        ", ".join(pt.best or ()),
                        s.name,
                        *s.payoffs,
                        *s.gains,
                        s.transfer,
                        s.exact,
                    )
                )
            )
    return buf.getvalue()


def switch_text(result, w) -> str:
    """One sentence: where an agreement starts or stops existing."""
    from bargaining.numbers import exact

    name = result.parameter
    if w.at is not None:
        at = exact(w.at)
        if "/" in at:
            at += f" (≈{float(w.at):.4g})"
        if w.agreement_after:
            return (
                f"An agreement beats the disagreement point for {name} > {at} (exact: {w.how}); "
                f"first grid point with one: {name} = {exact(w.upper)}."
            )
        return (
            f"The agreement stops beating the disagreement point at {name} = {at} (exact: {w.how}); "
            f"last grid point with one: {name} = {exact(w.lower)}."
        )
    if w.agreement_after:
        return f"An agreement first exists at {name} = {exact(w.upper)} (none at {exact(w.lower)}; {w.how})."
    return f"The agreement disappears after {name} = {exact(w.lower)} (none at {exact(w.upper)}; {w.how})."


def _sweep_table(result) -> str:
    from io import StringIO

    from rich.text import Text

    from bargaining.numbers import exact

    p1, p2 = result.players
    ax = result.axis
    buf = StringIO()
    console = layout.console(buf)
    console.print(Text(f"Bargaining: {result.title}", style="bold"))
    console.print(
        Text(f"sweep of {ax.name} ({ax.label or ax.name}) from {exact(ax.start)} to {exact(ax.stop)}, {ax.num} points")
    )
    if result.fixed:
        console.print(Text("other parameters: " + ", ".join(f"{n} = {exact(v)}" for n, v in result.fixed.items())))
    console.print(
        Text(
            "surplus: the largest joint gain u1 + u2 - d1 - d2 of an outcome over the disagreement point d"
            + (
                " (transfers allowed, so an agreement exists when it is positive)."
                if result.transfers
                else " (no transfers)."
            )
            + " Solutions that give the same payoffs share a row."
        )
    )
    t = layout.table(title=f"Bargained payoffs along {ax.name}", title_justify="left")
    t.add_column(ax.name, justify="right", no_wrap=True)
    t.add_column("agreement", no_wrap=True)
    t.add_column("surplus", justify="right", no_wrap=True)
    t.add_column("solution")
    t.add_column(p1, justify="right", no_wrap=True)
    t.add_column(p2, justify="right", no_wrap=True)
    t.add_column("transfer", no_wrap=True)
    rounded = False
    for pt in result.points:
        groups: dict[tuple, list[str]] = {}
        for s in pt.solutions:
            transfer = "none"
            if s.transfer > 0:
                transfer = f"{p2} → {p1} {_short(s.transfer)}"
            elif s.transfer < 0:
                transfer = f"{p1} → {p2} {_short(-s.transfer)}"
            key = (_short(s.payoffs[0]), _short(s.payoffs[1]), transfer)
            groups.setdefault(key, []).append(s.name)
        first = True
        for (u1, u2, transfer), names in groups.items():
            rounded |= any("≈" in c for c in (u1, u2, transfer))
            label = (
                ", ".join(names)
                if pt.exists
                else "all: disagreement point"
                if len(names) == len(pt.solutions) > 1
                else ", ".join(names)
            )
            head = (exact(pt.value), "yes" if pt.exists else "no", _short(pt.surplus)) if first else ("", "", "")
            rounded |= first and "≈" in head[2]
            t.add_row(*head, label, u1, u2, transfer)
            first = False
    console.print()
    console.print(t)
    if rounded:
        console.print(Text("≈ marks a rounded value; --format json gives every value exactly."))
    if not result.switches:
        everywhere = "an agreement beats" if result.points[0].exists else "no agreement beats"
        console.print(Text(f"Along the whole grid {everywhere} the disagreement point."))
    for w in result.switches:
        console.print(Text(switch_text(result, w)))
    for values, note in result.warnings():
        where = "every grid point" if len(values) == len(result.points) else \
            f"{ax.name} = {', '.join(exact(v) for v in values)}"
        console.print(Text(f"Note at {where}: {note}."))
    return buf.getvalue().rstrip() + "\n"
