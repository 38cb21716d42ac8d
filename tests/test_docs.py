"""The documentation, run as written: every command transcript and every Python block in ``docs/`` and the README.

The convention (stated in ``docs/tutorial.md`` too):

- A *transcript* is a fenced ``sh`` or ``console`` block in which each line starting with ``$ ``
  is a command, run from a scratch folder that
  holds a copy of ``games/`` and ``cli.py``. The lines under it, up to the next command, are its
  expected output, standard output and error together. Both are compared line by line after
  normalising whitespace; a line ``...`` stands for any lines (none included), and ``...``
  inside a line for any text. A command must exit with status 0 unless its expected output ends
  with a line ``[exit N]``. ``python cli.py ...`` runs in this process (``bargaining.cli.main``,
  through the shared ``cli`` fixture); anything else runs as a subprocess.
- A transcript is skipped only when it runs ``python cli.py COMMAND`` and ``python cli.py --help``
  does not list COMMAND yet (a command of an issue still being built); it runs as soon as it lands.
- ``python`` blocks are doctests (ELLIPSIS, NORMALIZE_WHITESPACE) sharing one namespace per
  file, run in the same scratch folder.
- Other blocks (``toml``, ``text``) are shown, not run: a command that does not end by itself
  (``serve``) is shown in a ``text`` block, and tested by ``tests/cli/test_serve.py``.
"""

from __future__ import annotations

import doctest
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PAGES = sorted((ROOT / "docs").rglob("*.md")) + [ROOT / "README.md"]

_FENCE = re.compile(r"^```(\w*)\n(.*?)^```", re.S | re.M)
_SHELL = re.compile(r"[|;&<>`$]")


def blocks(page: Path):
    """(language, text, line number) of each fenced block of a page."""
    text = page.read_text(encoding="utf-8")
    out = []
    for m in _FENCE.finditer(text):
        line = text.count("\n", 0, m.start()) + 1
        out.append((m.group(1), m.group(2), line))
    return out


def _is_transcript(lang: str, body: str) -> bool:
    first = next((line for line in body.splitlines() if line.strip()), "")
    return lang in ("sh", "console") and first.startswith("$ ")


def _runnable(page: Path):
    for lang, body, line in blocks(page):
        if lang == "python" or _is_transcript(lang, body):
            yield ("python" if lang == "python" else "transcript"), body, line


CASES = [(page, kind, body, line) for page in PAGES for kind, body, line in _runnable(page)]


def commands(body):
    """[(command, expected lines)] of a transcript."""
    out = []
    for raw in body.splitlines():
        if raw.startswith("$ "):
            out.append((raw[2:].strip(), []))
        elif out:
            out[-1][1].append(raw)
        elif raw.strip():
            raise AssertionError(f"output before any command: {raw!r}")
    return out


def _norm(line: str) -> str:
    return " ".join(line.split())


def _line_matches(pattern: str, line: str) -> bool:
    parts = [re.escape(p.strip()) for p in _norm(pattern).split("...")]
    return re.fullmatch(".*".join(parts), _norm(line)) is not None


def matches(expected: list[str], actual: list[str]) -> bool:
    """Expected lines (``...`` lines: any lines) against the actual lines, blank lines ignored."""
    exp = [e for e in expected if e.strip()]
    act = [a for a in actual if a.strip()]

    def go(i, j):
        if i == len(exp):
            return j == len(act)
        if _norm(exp[i]) == "...":
            return any(go(i + 1, k) for k in range(j, len(act) + 1))
        return j < len(act) and _line_matches(exp[i], act[j]) and go(i + 1, j + 1)

    return go(0, 0)


def test_matching_convention():
    assert matches(["a", "...", "c ... e"], ["a", "b", "", "c d e"])
    assert matches(["...", "x"], ["x"])
    assert not matches(["a"], ["a", "b"])
    assert not matches(["a ... z"], ["a b"])
    assert matches(["│ x │ 1 │"], ["│ x      │   1   │"])


def test_every_page_is_found():
    names = {p.relative_to(ROOT).as_posix() for p in PAGES}
    assert {"docs/tutorial.md", "README.md", "docs/reference/api.md"} <= names
    assert sum(kind == "transcript" for page, kind, _, _ in CASES if page.name == "tutorial.md") >= 8


@pytest.fixture(scope="module")
def listed():
    from bargaining.cli import COMMANDS

    return set(COMMANDS)


@pytest.fixture(scope="module")
def scratch(tmp_path_factory):
    folder = tmp_path_factory.mktemp("docs")
    shutil.copytree(ROOT / "games", folder / "games")
    shutil.copy(ROOT / "cli.py", folder / "cli.py")
    return folder


_NAMESPACES: dict[Path, dict] = {}


@pytest.mark.parametrize(
    "page, kind, body, line",
    CASES,
    ids=[f"{p.relative_to(ROOT).as_posix()}:{line}" for p, _, _, line in CASES],
)
def test_block(page, kind, body, line, listed, scratch, monkeypatch, cli):
    monkeypatch.chdir(scratch)
    monkeypatch.setenv("COLUMNS", "80")  # what a student at an 80-column terminal sees
    monkeypatch.setenv("NO_COLOR", "1")
    where = f"{page.relative_to(ROOT)}:{line}"
    if kind == "python":
        namespace = _NAMESPACES.setdefault(page, {})
        parser = doctest.DocTestParser()
        test = parser.get_doctest(body, namespace, where, str(page), line)
        runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
        out = []
        result = runner.run(test, out=out.append, clear_globs=False)
        namespace.update(test.globs)  # DocTest runs on a copy; later blocks see what this one defined
        assert result.failed == 0, "".join(out)
        return
    cmds = commands(body)
    for cmd, _ in cmds:
        words = shlex.split(cmd)
        if (
            words[:2] == ["python", "cli.py"]
            and len(words) > 2
            and not words[2].startswith("-")
            and words[2] not in listed
        ):
            pytest.skip(f"'{words[2]}' is not a command yet ({where})")
    for cmd, expected in cmds:
        words = shlex.split(cmd)
        want = 0
        if expected and re.fullmatch(r"\[exit (\d+)\]", expected[-1].strip() if expected[-1].strip() else ""):
            want = int(re.fullmatch(r"\[exit (\d+)\]", expected[-1].strip()).group(1))
            expected = expected[:-1]
        if words[:2] == ["python", "cli.py"] and not _SHELL.search(cmd):
            code, text, _ = cli(*words[2:], cwd=scratch, merge=True)
        elif _SHELL.search(cmd):
            line_ = re.sub(r"(^|[;&|]\s*)python\b", lambda m: m.group(1) + shlex.quote(sys.executable), cmd)
            r = subprocess.run(["bash", "-c", line_], cwd=scratch, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               text=True, timeout=300)
            code, text = r.returncode, r.stdout
        else:
            if words[0] == "python":
                words[0] = sys.executable
            r = subprocess.run(words, cwd=scratch, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               timeout=300)
            code, text = r.returncode, r.stdout
        assert code == want, f"{where}: {cmd} exited {code}\n{text}"
        if any(e.strip() for e in expected):
            got = text.splitlines()
            assert matches(expected, got), (
                f"{where}: {cmd}\n--- expected\n" + "\n".join(expected) + "\n--- got\n" + text
            )
