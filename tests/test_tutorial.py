"""docs/tutorial.md, run as written: every ``sh`` and ``python`` block, in order.

The convention (also stated at the end of the tutorial):

- ``sh`` blocks: each line starting with ``$ `` is a command, run from a scratch folder that holds a
  copy of ``games/`` and ``cli.py`` (``python`` is this interpreter). The lines under it, up to the
  next command, are its expected output, standard output and error together. Both are compared line
  by line after normalising whitespace; a line ``...`` stands for any lines (none included), and
  ``...`` inside a line for any text. The command must exit with status 0.
- A ``sh`` block is skipped only when it runs ``python cli.py COMMAND`` and ``python cli.py --help``
  does not list COMMAND yet (a command of an issue still being built); it runs as soon as it lands.
- ``python`` blocks are doctests (ELLIPSIS, NORMALIZE_WHITESPACE) sharing one namespace, run in the
  same scratch folder.
- Other blocks (``text``, ``toml``) are shown, not run.
"""

import doctest
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TUTORIAL = ROOT / "docs" / "tutorial.md"

_FENCE = re.compile(r"^```(\w*)\n(.*?)^```", re.S | re.M)


def blocks():
    """(language, text, line number) of each fenced block."""
    text = TUTORIAL.read_text(encoding="utf-8")
    out = []
    for m in _FENCE.finditer(text):
        line = text.count("\n", 0, m.start()) + 1
        out.append((m.group(1), m.group(2), line))
    return out


RUN = [(lang, body, line) for lang, body, line in blocks() if lang in ("sh", "python")]


def commands(body):
    """[(command, expected lines)] of a sh block."""
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


@pytest.fixture(scope="module")
def listed():
    r = subprocess.run([sys.executable, str(ROOT / "cli.py"), "--help"], cwd=ROOT, capture_output=True, text=True)
    assert r.returncode == 0
    return set(re.findall(r"^    (\w[\w-]*)", r.stdout, re.M))


@pytest.fixture(scope="module")
def scratch(tmp_path_factory):
    folder = tmp_path_factory.mktemp("tutorial")
    shutil.copytree(ROOT / "games", folder / "games")
    shutil.copy(ROOT / "cli.py", folder / "cli.py")
    return folder


@pytest.fixture(scope="module")
def namespace():
    return {}


def test_tutorial_has_blocks():
    langs = [lang for lang, _, _ in RUN]
    assert langs.count("sh") >= 8 and langs.count("python") >= 2


@pytest.mark.parametrize("lang, body, line", RUN, ids=[f"{lang}-line{line}" for lang, _, line in RUN])
def test_block(lang, body, line, listed, scratch, namespace, monkeypatch):
    monkeypatch.chdir(scratch)
    if lang == "python":
        parser = doctest.DocTestParser()
        test = parser.get_doctest(body, namespace, f"tutorial line {line}", str(TUTORIAL), line)
        runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
        out = []
        result = runner.run(test, out=out.append, clear_globs=False)
        namespace.update(test.globs)  # DocTest runs on a copy; later blocks see what this one defined
        assert result.failed == 0, "".join(out)
        return
    cmds = commands(body)
    for cmd, _ in cmds:
        words = shlex.split(cmd)
        if words[:2] == ["python", "cli.py"] and len(words) > 2 and not words[2].startswith("-") and words[2] not in listed:
            pytest.skip(f"'{words[2]}' is not in python cli.py --help yet (line {line})")
    env = {**os.environ, "COLUMNS": "100", "NO_COLOR": "1"}
    for cmd, expected in cmds:
        words = shlex.split(cmd)
        if words[0] == "python":
            words[0] = sys.executable
        r = subprocess.run(words, cwd=scratch, capture_output=True, text=True, env=env, timeout=300)
        output = (r.stdout + r.stderr).splitlines()
        assert r.returncode == 0, f"line {line}: {cmd}\n{r.stdout}\n{r.stderr}"
        if any(e.strip() for e in expected):
            assert matches(expected, output), f"line {line}: {cmd}\n--- expected\n" + "\n".join(expected) + "\n--- got\n" + "\n".join(output)
