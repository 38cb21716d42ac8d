"""Words shared by every renderer: an equilibrium's labels, escaping, a parameter's name with its label.

Kept apart from the renderers so that the notebook display hooks of
:class:`~bargaining.game.Game` and :class:`~bargaining.solution.Solution` can
use them without importing anything that imports those types.
"""

from __future__ import annotations

__all__ = ["label_words", "latex_escape", "md_escape", "parameter_label"]


def label_words(solution, k: int) -> list[str]:
    """The labels of equilibrium ``k`` as short words."""
    e = solution.equilibria[k]
    words = ["pure" if e.pure else "mixed"]
    if e.strict:
        words.append("strict")
    if e.pareto_efficient:
        words.append("Pareto-efficient")
    if e.payoff_dominant:
        words.append("payoff-dominant")
    if e.risk_dominant:
        words.append("risk-dominant")
    elif e.risk_dominates:
        words.append("risk-dominates " + ", ".join(f"#{h + 1}" for h in e.risk_dominates))
    if solution.selected == k:
        words.append(f"selected ({solution.selection_rule})")
    return words


_LATEX_SPECIAL = {"&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_", "{": r"\{", "}": r"\}",
                  "~": r"\textasciitilde{}", "^": r"\textasciicircum{}", "\\": r"\textbackslash{}"}


def latex_escape(text: str) -> str:
    """Escape LaTeX's special characters in plain text."""
    return "".join(_LATEX_SPECIAL.get(ch, ch) for ch in text)


def md_escape(text: str) -> str:
    """Escape the characters that break a Markdown table cell or line."""
    return text.replace("|", "\\|")


def parameter_label(name: str, label: str | None = "") -> str:
    """A parameter's label with its name in parentheses, as axes show it: ``US pressure (T)``.

    A label wholly in parentheses loses them, and doubled parentheses inside
    it are made single, so that no axis reads ``p_war ((probability))``.

    Examples
    --------
    >>> parameter_label("T", "US/Western pressure (threat to balance)")
    'US/Western pressure (threat to balance) (T)'
    >>> parameter_label("p_war", "(probability)"), parameter_label("p", "((chance)) of war"), parameter_label("T", "")
    ('probability (p_war)', '(chance) of war (p)', 'T')
    """
    import re

    text = " ".join((label or "").split())
    while True:
        single = re.sub(r"\(\s*\(([^()]*)\)\s*\)", r"(\1)", text)
        if single == text:
            break
        text = single
    while text.startswith("(") and text.endswith(")") and _balanced(text[1:-1]):
        text = text[1:-1].strip()
    if not text or text == name:
        return name
    return f"{text} ({name})"


def _balanced(text: str) -> bool:
    depth = 0
    for ch in text:
        depth += ch == "("
        depth -= ch == ")"
        if depth < 0:
            return False
    return depth == 0
