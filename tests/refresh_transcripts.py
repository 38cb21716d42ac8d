"""Re-run every documentation transcript and write its real output back into the page (run by hand).

    python tests/refresh_transcripts.py [PAGE ...]       # default: docs/**/*.md and README.md

Each command runs as ``tests/test_docs.py`` runs it (from a scratch copy of ``games/`` and ``cli.py``, at
COLUMNS=80, NO_COLOR=1). An expected output that still matches is left as written. One that does not is
replaced by the real output; where it elided lines (``...``), the new one keeps the elisions, each line shown
replaced by the lines of the new output that now hold its words (rewrapped); when that fails, the output is
written out in full and the transcript named on standard error. Not a test: pytest does not collect it.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

os.environ["COLUMNS"] = "80"
os.environ["NO_COLOR"] = "1"
os.environ["BARGAINING_ASCII"] = "0"  # the Unicode boxes of a terminal, as tests/conftest.py runs them

from conftest import run_cli  # noqa: E402
from test_docs import _FENCE, _SHELL, _is_transcript, matches  # noqa: E402

_EXIT = re.compile(r"\[exit (\d+)\]")


def run(cmd: str, scratch: Path) -> tuple[int, str]:
    words = shlex.split(cmd)
    if words[:2] == ["python", "cli.py"] and not _SHELL.search(cmd):
        code, text, _ = run_cli(*words[2:], cwd=scratch, merge=True)
        return code, text
    if _SHELL.search(cmd):
        line = re.sub(r"(^|[;&|]\s*)python\b", lambda m: m.group(1) + shlex.quote(sys.executable), cmd)
        r = subprocess.run(["bash", "-c", line], cwd=scratch, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           text=True, timeout=600)
    else:
        if words[0] == "python":
            words[0] = sys.executable
        r = subprocess.run(words, cwd=scratch, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                           timeout=600)
    return r.returncode, r.stdout


def _norm(line: str) -> str:
    return " ".join(line.split())


def _realigned(expected: list[str], got: list[str]) -> list[str] | None:
    """``expected`` with each line that is not ``...`` replaced by the lines of ``got`` that now hold its
    words (rewrapped text spans one or more lines), in order; None when a line's words are gone."""
    out: list[str] = []
    j = 0
    shown = ""  # the normalised text of the lines of ``got`` last written out
    for e in expected:
        if e.strip() == "...":
            out.append(e)
            shown = ""
            continue
        if not e.strip():
            continue
        pattern = ".*".join(re.escape(p.strip()) for p in _norm(e).split("..."))
        if shown and re.search(pattern, shown):
            continue
        for a in range(j, len(got)):
            for b in range(a + 1, min(a + 8, len(got)) + 1):
                text = _norm(" ".join(got[a:b]))
                if re.search(pattern, text):
                    break
            else:
                continue
            out += got[a:b]
            shown, j = text, b
            break
        else:
            return None
    return out


def refreshed(expected: list[str], got: list[str], where: str) -> list[str]:
    """The expected lines for output ``got``: ``expected`` itself when it matches."""
    exit_line = []
    if expected and _EXIT.fullmatch(expected[-1].strip()):
        exit_line, expected = [expected[-1]], expected[:-1]
    while expected and not expected[-1].strip():
        expected = expected[:-1]
    if not any(e.strip() for e in expected) or matches(expected, got):
        return expected + exit_line
    got = [g.rstrip() for g in got]
    while got and not got[-1].strip():
        got.pop()
    marks = [k for k, e in enumerate(expected) if e.strip() == "..."]
    if marks or any("..." in e for e in expected):
        kept = _realigned(expected, got)
        if kept is not None and matches(kept, got):
            print(f"{where}: rewritten, its elisions kept", file=sys.stderr)
            return kept + exit_line
        print(f"{where}: rewritten in full (it had elisions)", file=sys.stderr)
    else:
        print(f"{where}: rewritten", file=sys.stderr)
    return got + exit_line


def refresh(page: Path, scratch: Path) -> bool:
    text = page.read_text(encoding="utf-8")
    out, last, changed = [], 0, False
    for m in _FENCE.finditer(text):
        lang, body = m.group(1), m.group(2)
        if not _is_transcript(lang, body):
            continue
        line = text.count("\n", 0, m.start()) + 1
        new_body, cmds = [], []
        for raw in body.splitlines():
            if raw.startswith("$ "):
                cmds.append((raw, []))
            elif cmds:
                cmds[-1][1].append(raw)
        for raw, expected in cmds:
            _, got = run(raw[2:].strip(), scratch)
            new_body.append(raw)
            new_body += refreshed(expected, got.splitlines(), f"{page.relative_to(ROOT)}:{line}: {raw[2:60]}")
        new = "\n".join(new_body) + "\n"
        if new != body:
            changed = True
            start = m.start(2)
            out.append(text[last:start] + new)
            last = m.end(2)
    if changed:
        out.append(text[last:])
        page.write_text("".join(out), encoding="utf-8")
    return changed


def main(argv: list[str]) -> int:
    pages = [Path(p).resolve() for p in argv] or sorted((ROOT / "docs").rglob("*.md")) + [ROOT / "README.md"]
    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp)
        for page in pages:
            shutil.rmtree(scratch / "games", ignore_errors=True)
            shutil.copytree(ROOT / "games", scratch / "games")
            shutil.copy(ROOT / "cli.py", scratch / "cli.py")
            if refresh(page, scratch):
                print(f"updated {page.relative_to(ROOT)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
