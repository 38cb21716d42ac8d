"""Fuzz the command line with generated and mutated game files and formulas, and count what breaks.

Not part of the test suite (tests/io/test_fuzz.py is the quick version there). Each input runs
``bargaining solve FILE`` (and a few other commands) in a forked child with a time and memory
limit, and is sorted into one class:

- ``ok``: exit 0 (the equilibria printed were verified by the solver before printing);
- ``clean error``: exit 2 with one line on stderr that names the file (or the flag) and a place;
- ``no place``: exit 2, one line, but neither the file nor a flag is named;
- ``multi-line``: exit 2 with a message over several lines;
- ``traceback``: any other exception or exit status;
- ``hang``: still running after the time limit (or killed for memory);
- ``wrong value``: exit 0 but an equilibrium printed as JSON is not a probability vector or has
  regret in the game read back independently.

Run ``python bench/fuzz_inputs.py --count 2000 --seed 1`` and compare the table before and after a change.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import resource
import signal
import sys
import tempfile
import time
from collections import Counter
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GAMES = sorted((ROOT / "games").glob("*.toml"))

NASTY_NUMBERS = [
    "1e4000", "-1e4000", "1e-4000", "1e999999999", "1" + "0" * 5000, "0." + "0" * 3000 + "1",
    "0", "-0", "1e308", "1e-320", "3/7", "nan", "inf", "1_000", "0x10", "99999999999999999999999",
]
NASTY_FORMULAS = [
    "(" * 200 + "1" + ")" * 200, "(" * 90 + "T" + ")" * 90, "-" * 300 + "1", "2" + "^2" * 40,
    "sqrt(0.043^64)", "sqrt(T^2)", "2^(1/1000000000000)", "1e999999999", "10^10^10", "T^1e9",
    "2^-5000", "(1/3)^(1/2)", "sqrt(-1)", "1/0", "0^-1", "min()", "max(T)", "abs(1,2)", "T.real",
    "__import__('os')", "T" + " + T" * 3000, "*".join(["T"] * 3000), "1e-999999", "(-8)^(1/3)",
    "4^(1/2)", "0.25^0.5", "x y", "T +", "", " ", "T^T^T^T", "9" * 5000, "1" + "+1" * 6000,
]
STRUCTURE_MUTATIONS = [
    "deep_array", "deep_table", "drop_line", "dup_line", "swap_chars", "truncate", "binary",
    "replace_number", "replace_formula", "huge_strategy_list", "long_extends", "bad_extends",
]


def mutate(text: str, rng: random.Random) -> str:
    """One mutation of a game file's text."""
    lines = text.splitlines()
    kind = rng.choice(STRUCTURE_MUTATIONS)
    if kind == "deep_array":
        depth = rng.choice([50, 300, 2000])
        return text + f"\nnested = {'[' * depth}1{']' * depth}\n"
    if kind == "deep_table":
        depth = rng.choice([50, 300, 2000])
        return text + "\nnested = " + "{a = " * depth + "1" + "}" * depth + "\n"
    if kind == "drop_line" and lines:
        del lines[rng.randrange(len(lines))]
        return "\n".join(lines)
    if kind == "dup_line" and lines:
        k = rng.randrange(len(lines))
        lines.insert(k, lines[k])
        return "\n".join(lines)
    if kind == "swap_chars" and len(text) > 2:
        chars = list(text)
        for _ in range(rng.randint(1, 5)):
            k = rng.randrange(len(chars))
            chars[k] = rng.choice("[]{}=\"',.0123456789^*()+-/ \nTab")
        return "".join(chars)
    if kind == "truncate":
        return text[: rng.randrange(len(text) + 1)]
    if kind == "binary":
        return text[: rng.randrange(len(text) + 1)] + "\x00\xff\ufffe"
    if kind == "replace_number":
        import re

        numbers = list(re.finditer(r"(?<![A-Za-z_])\d+(?:\.\d+)?", text))
        if numbers:
            m = rng.choice(numbers)
            return text[: m.start()] + rng.choice(NASTY_NUMBERS) + text[m.end():]
    if kind == "replace_formula":
        import re

        formulas = list(re.finditer(r'formula = "([^"]*)"', text))
        formulas = formulas or list(re.finditer(r'"([^"\n]*[A-Za-z_][^"\n]*)"', text))
        if formulas:
            m = rng.choice(formulas)
            return text[: m.start(1)] + rng.choice(NASTY_FORMULAS) + text[m.end(1):]
    if kind == "huge_strategy_list":
        n = rng.choice([30, 200, 5000])
        return text + f"\n[strategies]\nRussia = {json.dumps([f's{k}' for k in range(n)])}\n"
    if kind == "long_extends":
        return f'extends = "{"x" * rng.choice([300, 5000])}.toml"\n' + text
    if kind == "bad_extends":
        return f'extends = "{rng.choice(["/", ".", "..", "/dev/null", "nonexistent.toml", "baseline.toml"])}"\n' + text
    return text


def generated_matrix_game(rng: random.Random) -> str:
    """A small game whose cells are drawn from nasty numbers and formulas."""
    m, n = rng.randint(1, 4), rng.randint(1, 4)
    pool = NASTY_NUMBERS + NASTY_FORMULAS + ["1", "2", "T", "T/2", "1 - T", "0.5"]
    nasty = 0.3 if rng.random() < 0.5 else 0.05

    def cell():
        return json.dumps(rng.choice(pool) if rng.random() < nasty else str(rng.randint(-3, 3)))

    rows = lambda: "[" + ", ".join("[" + ", ".join(cell() for _ in range(n)) + "]" for _ in range(m)) + "]"  # noqa: E731
    return (
        'title = "generated"\nplayers = ["A", "B"]\n[strategies]\n'
        f"A = {json.dumps([f'a{k}' for k in range(m)])}\nB = {json.dumps([f'b{k}' for k in range(n)])}\n"
        f"[parameters]\nT = {{ value = {rng.choice(['0.5', '1', '1e4000', '0', '3', '2'])} }}\n"
        f"[payoffs]\nA = {rows()}\nB = {rows()}\n"
    )


def cases(count: int, seed: int):
    """``(label, file text or None, argv)`` triples."""
    rng = random.Random(seed)
    texts = [p.read_text() for p in GAMES]
    for k in range(count):
        r = rng.random()
        if r < 0.55:
            yield "mutated", mutate(rng.choice(texts), rng), ["solve", "{file}", "--format", "json"]
        elif r < 0.8:
            yield "generated", generated_matrix_game(rng), ["solve", "{file}", "--format", "json"]
        elif r < 0.9:
            value = rng.choice(NASTY_NUMBERS + NASTY_FORMULAS)
            yield "--set", None, ["solve", str(ROOT / "games/baseline.toml"), "--set", f"T={value}", "--format", "json"]
        else:
            game = str(ROOT / "games/baseline.toml")
            other = rng.choice([
                ["sweep", game, "--vary", f"T=0:1:{rng.choice(['5', '10**10', '100000'])}"],
                ["sweep", game, "--vary", f"T=0:{rng.choice(['1e999999999', '1', 'x'])}:3"],
                ["robustness", game, "--samples", rng.choice(["10", "2**30", "1000000000"])],
                ["handout", game],
            ])
            yield "other", None, other


def run_one(argv: list[str], timeout: float) -> tuple[str, str, str]:
    """Run the command line in a forked child; return (class, stderr, stdout).

    The child writes to files, not pipes: a pipe would block a child printing more than its buffer
    while the parent waits for it to exit, and count a fast run as a hang.
    """
    with tempfile.TemporaryFile() as out_file, tempfile.TemporaryFile() as err_file:
        pid = os.fork()
        if pid == 0:  # the child
            resource.setrlimit(resource.RLIMIT_AS, (2 * 1024**3, 2 * 1024**3))
            out, err = io.StringIO(), io.StringIO()
            status = 0
            try:
                from bargaining.cli import main

                with redirect_stdout(out), redirect_stderr(err):
                    status = main(argv)
            except SystemExit as exc:
                status = exc.code if isinstance(exc.code, int) else 2
            except MemoryError:
                status = 98
                err.write("MemoryError\n")
            except BaseException as exc:  # noqa: BLE001 - that is what is being counted
                status = 99
                err.write(f"TRACEBACK {type(exc).__name__}: {str(exc)[:300]}\n")
            os.write(out_file.fileno(), out.getvalue().encode("utf-8", "replace"))
            os.write(err_file.fileno(), f"{status}\n{err.getvalue()}".encode("utf-8", "replace")[:100_000])
            os._exit(0)
        start = time.monotonic()
        while True:
            done, _ = os.waitpid(pid, os.WNOHANG)
            if done:
                break
            if time.monotonic() - start > timeout:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
                return "hang", "", ""
            time.sleep(0.01)
        out_file.seek(0)
        err_file.seek(0)
        stdout = out_file.read().decode("utf-8", "replace")
        raw = err_file.read().decode("utf-8", "replace")
    status_text, _, stderr = raw.partition("\n")
    status = int(status_text) if status_text.strip().lstrip("-").isdigit() else 99
    if status == 98:
        return "hang", stderr, stdout  # memory exhausted: the same failure as a hang, seen sooner
    if status == 0:
        return check_output(argv, stdout), stderr, stdout
    if status != 2:
        return "traceback", stderr, stdout
    lines = [line for line in stderr.strip().splitlines() if line.strip()]
    if len(lines) > 1:
        return "multi-line", stderr, stdout
    line = lines[0] if lines else ""
    file_arg = next((a for a in argv if a.endswith(".toml")), None)
    named = (file_arg and (file_arg in line or Path(file_arg).name in line)) or "--" in line or "usage" in line
    return ("clean error" if named else "no place"), stderr, stdout


def check_output(argv: list[str], stdout: str) -> str:
    """An exit-0 solve printed as JSON: each strategy a probability vector."""
    if "--format" not in argv or argv[0] != "solve":
        return "ok"
    from fractions import Fraction

    try:
        data = json.loads(stdout)
    except ValueError:
        return "wrong value"
    for eq in data.get("equilibria", []):
        strategies = eq.get("strategies", {})
        for mix in strategies.values() if isinstance(strategies, dict) else strategies:
            values = mix.values() if isinstance(mix, dict) else mix
            try:
                probs = [Fraction(str(v)) for v in values]
            except (ValueError, TypeError):
                continue
            if any(p < 0 for p in probs) or sum(probs) != 1:
                return "wrong value"
    return "ok"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--count", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--timeout", type=float, default=10.0)
    ap.add_argument("--show", type=int, default=3, help="examples to print per failing class")
    opts = ap.parse_args()
    import bargaining.cli  # noqa: F401 - imported once, before the forks

    by_class: Counter = Counter()
    by_label: dict[str, Counter] = {}
    examples: dict[str, list] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for k, (label, text, argv) in enumerate(cases(opts.count, opts.seed)):
            if text is not None:
                path = Path(tmp) / f"case{k}.toml"
                path.write_text(text, encoding="utf-8", errors="surrogateescape")
                (Path(tmp) / "baseline.toml").write_text(GAMES[0].read_text())
                argv = [str(path) if a == "{file}" else a for a in argv]
            cls, stderr, _ = run_one(argv, opts.timeout)
            by_class[cls] += 1
            by_label.setdefault(label, Counter())[cls] += 1
            if cls not in ("ok", "clean error"):
                shown = [a if len(a) < 60 else a[:57] + "..." for a in argv]
                examples.setdefault(cls, []).append((shown, stderr.strip()[:240], (text or "")[-160:]))
    classes = ["ok", "clean error", "traceback", "hang", "wrong value", "no place", "multi-line"]
    print(f"{opts.count} inputs, seed {opts.seed}, timeout {opts.timeout:g} s")
    print(f"{'input':<10}" + "".join(f"{c:>13}" for c in classes))
    for label, counter in sorted(by_label.items()):
        print(f"{label:<10}" + "".join(f"{counter[c]:>13}" for c in classes))
    print(f"{'all':<10}" + "".join(f"{by_class[c]:>13}" for c in classes))
    for cls, items in examples.items():
        print(f"\n{cls}:")
        for argv, err, tail in items[: opts.show]:
            print(f"  {argv} -> {err!r}\n     file tail: {tail!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
