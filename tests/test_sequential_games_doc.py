"""docs/how-to/sequential-games.md, run as written (the convention of tests/test_tutorial.py)."""

import doctest
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.test_tutorial import _FENCE, commands, matches

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "docs" / "how-to" / "sequential-games.md"


def blocks():
    text = PAGE.read_text(encoding="utf-8")
    return [(m.group(1), m.group(2), text.count("\n", 0, m.start()) + 1) for m in _FENCE.finditer(text)
            if m.group(1) in ("sh", "python")]


@pytest.fixture(scope="module")
def scratch(tmp_path_factory):
    folder = tmp_path_factory.mktemp("howto")
    shutil.copytree(ROOT / "games", folder / "games")
    shutil.copy(ROOT / "cli.py", folder / "cli.py")
    return folder


@pytest.mark.parametrize("lang, body, line", blocks(), ids=[f"{lang}-line{line}" for lang, _, line in blocks()])
def test_block(lang, body, line, scratch, monkeypatch):
    monkeypatch.chdir(scratch)
    if lang == "python":
        test = doctest.DocTestParser().get_doctest(body, {}, f"how-to line {line}", str(PAGE), line)
        runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
        out = []
        assert runner.run(test, out=out.append).failed == 0, "".join(out)
        return
    env = {**os.environ, "COLUMNS": "100", "NO_COLOR": "1", "PYTHONPATH": str(ROOT)}
    for cmd, expected in commands(body):
        words = shlex.split(cmd)
        if words[0] == "python":
            words[0] = sys.executable
        r = subprocess.run(words, cwd=scratch, capture_output=True, text=True, env=env, timeout=300)
        output = (r.stdout + r.stderr).splitlines()
        assert r.returncode == 0, f"line {line}: {cmd}\n{r.stderr}"
        assert matches(expected, output), f"line {line}: {cmd}\n" + "\n".join(output[:80])
