"""How closed forms are written: parseable text, board text and LaTeX.

Three forms of every expression:

* :func:`plain`: sympy's own string form, which ``sympy.parse_expr`` reads
  back (pass the parameter names as ``local_dict`` so that names such as
  ``E`` or ``gamma`` stay symbols);
* :func:`board`: the same with ``·``, ``^`` and ``≥`` for reading at the
  board;
* :func:`latex`: LaTeX, with multi-letter names upright-italic
  (``\\mathit{lam}``) and subscripts from underscores (``w_{R}``).

In sums, terms with a plus sign come first: ``(1 - lam)*(T - w_R) - e_R``
rather than ``-e_R + (1 - lam)*(T - w_R)``.
"""

from __future__ import annotations

import sympy  # noqa: F401  (the doctests use it)
from sympy.printing.latex import LatexPrinter
from sympy.printing.str import StrPrinter

__all__ = ["plain", "board", "latex", "relation_text", "RELATIONS"]

#: relation -> (plain, board, LaTeX)
RELATIONS = {
    ">=": (">=", "≥", r"\ge"),
    ">": (">", ">", ">"),
    "<=": ("<=", "≤", r"\le"),
    "<": ("<", "<", "<"),
    "==": ("==", "=", "="),
    "!=": ("!=", "≠", r"\ne"),
}

_GREEK = {
    "alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa", "lambda",
    "mu", "nu", "xi", "omicron", "pi", "rho", "sigma", "tau", "upsilon", "phi", "chi", "psi", "omega",
}


def _positive_first(terms):
    return [t for t in terms if not t.could_extract_minus_sign()] + [t for t in terms if t.could_extract_minus_sign()]


class _Str(StrPrinter):
    def _as_ordered_terms(self, expr, order=None):
        return _positive_first(super()._as_ordered_terms(expr, order=order))


class _Latex(LatexPrinter):
    def _as_ordered_terms(self, expr, order=None):
        return _positive_first(super()._as_ordered_terms(expr, order=order))


def plain(expr) -> str:
    """Text that ``sympy.parse_expr`` reads back to an equal expression.

    Examples
    --------
    >>> T, lam, e = sympy.symbols("T lam e")
    >>> plain(-e + (1 - lam) * T)
    'T*(1 - lam) - e'
    """
    try:
        return _PLAIN[expr]
    except (KeyError, TypeError):
        pass
    out = _Str({"order": None}).doprint(expr)
    if len(_PLAIN) > 20000:
        _PLAIN.clear()
    try:
        _PLAIN[expr] = out
    except TypeError:  # not hashable
        pass
    return out


_PLAIN: dict = {}


def board(expr) -> str:
    """Text for reading: ``T·(1 − lam) − e``.

    Examples
    --------
    >>> T, lam = sympy.symbols("T lam")
    >>> board(T**2 * lam / 2)
    'T^2·lam/2'
    """
    text = plain(expr).replace("**", "^").replace("*", "·")
    for name in ("Max", "Min", "Abs"):
        text = text.replace(name + "(", name.lower() + "(")
    text = text.replace(" - ", " − ").replace("(-", "(−")
    return "−" + text[1:] if text.startswith("-") else text


def _symbol_names(expr) -> dict:
    names = {}
    for s in getattr(expr, "free_symbols", ()):
        base, sep, sub = s.name.partition("_")
        if len(base) > 1 and base.lower() not in _GREEK:
            head = r"\mathit{%s}" % base.replace("_", r"\_")
        elif base.lower() in _GREEK:
            head = "\\" + base
        else:
            head = base
        if sep:
            names[s] = head + "_{%s}" % (r"\mathrm{%s}" % sub.replace("_", r"\_") if len(sub) > 1 else sub)
        else:
            names[s] = head
    return names


def latex(expr) -> str:
    r"""LaTeX for ``expr`` (math mode, without delimiters).

    Examples
    --------
    >>> lam, w = sympy.symbols("lam w_R")
    >>> latex((1 - lam) * w)
    'w_{R} \\left(1 - \\mathit{lam}\\right)'
    """
    return _Latex({"symbol_names": _symbol_names(expr), "order": None}).doprint(expr)


def relation_text(expr, rel: str, form: str = "board") -> str:
    """``expr ≥ 0`` in the given form (``plain``, ``board`` or ``latex``).

    The plain form is what ``sympy.parse_expr`` reads as a relation; an
    equation is written ``Eq(expr, 0)``, since ``==`` would compare structure.
    """
    if form == "plain" and rel in ("==", "!="):
        return f"{'Eq' if rel == '==' else 'Ne'}({plain(expr)}, 0)"
    k = {"plain": 0, "board": 1, "latex": 2}[form]
    printer = {"plain": plain, "board": board, "latex": latex}[form]
    return f"{printer(expr)} {RELATIONS[rel][k]} 0"
