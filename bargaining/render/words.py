"""Words shared by every renderer: an equilibrium's labels, escaping, a parameter's name with its label.

Kept apart from the renderers so that the notebook display hooks of
:class:`~bargaining.game.Game` and :class:`~bargaining.solution.Solution` can
use them without importing anything that imports those types.
"""

from __future__ import annotations

__all__ = ["PREAMBLE", "REQUIRES", "label_words", "latex_comment", "latex_escape", "md_escape", "method_words",
           "parameter_label", "standalone"]


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
                  "~": r"\textasciitilde{}", "^": r"\textasciicircum{}", "\\": r"\textbackslash{}",
                  # printed as other glyphs in LaTeX's default font encoding (OT1): ¡ ¿ —
                  "<": r"\textless{}", ">": r"\textgreater{}", "|": r"\textbar{}",
                  # a line break in a name or title is a space (a blank line would end a paragraph or a table row)
                  "\n": " ", "\r": " ",
                  # symbols the renderers write that pdflatex's UTF-8 input does not know as text
                  "≥": r"$\geq$", "≤": r"$\leq$", "×": r"$\times$", "·": r"$\cdot$", "−": r"$-$", "→": r"$\to$",
                  "≈": r"$\approx$", "±": r"$\pm$", "∞": r"$\infty$"}


def latex_escape(text: str) -> str:
    r"""Escape LaTeX's special characters in plain text; a line break becomes a space.

    Examples
    --------
    >>> latex_escape('R&D: 50% of $x_1 {a|b} ~ "q"')
    'R\\&D: 50\\% of \\$x\\_1 \\{a\\textbar{}b\\} \\textasciitilde{} "q"'
    """
    return "".join(_LATEX_SPECIAL.get(ch, ch) for ch in text)


def latex_comment(text: str) -> str:
    r"""``text`` as LaTeX comment lines: every line of it starts with ``%``, so a line break in a title cannot end
    the comment and put the rest into the document.

    Examples
    --------
    >>> print(latex_comment("Title\nsecond line"))
    % Title
    % second line
    """
    return "\n".join(f"% {line}".rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))


def md_escape(text: str) -> str:
    r"""Escape the characters that break a Markdown table cell or line: ``|`` becomes ``\|`` and a line break a
    space.

    Examples
    --------
    >>> md_escape("ally | align\nor hedge")
    'ally \\| align or hedge'
    """
    return text.replace("\r\n", " ").replace("\r", " ").replace("\n", " ").replace("|", "\\|")


def method_words(solution) -> str:
    """How the equilibria were found, once: ``method exact: exact rational arithmetic``."""
    return f"method {solution.method}: {'exact rational arithmetic' if solution.exact else 'floating point'}"


#: The first line of every LaTeX fragment ``solve`` writes (two players and more): what a document needs around it.
REQUIRES = "% needs no LaTeX package (tabular, enumerate and math are LaTeX's own); --standalone gives a document"

#: The preamble of ``solve --format latex --standalone``: T1 fonts and UTF-8 input for names beyond ASCII.
PREAMBLE = r"""\documentclass{article}
\usepackage[T1]{fontenc}
\usepackage[utf8]{inputenc}
\usepackage{lmodern}
\begin{document}
"""


def standalone(fragment: str) -> str:
    """A LaTeX fragment as a whole document that pdflatex compiles: :data:`PREAMBLE`, the fragment,
    ``\\end{document}``."""
    return PREAMBLE + fragment + "\\end{document}\n"


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
