"""Time `derive` on the baseline against the start-up of `python -c "import sympy"`.

`derive` is symbolic: it has to import sympy, and then factor, solve and
differentiate every condition of the game. This script measures, in the same
run (alternating, so that drift on a shared machine hits all alike):

* `import sympy` in a fresh interpreter (the floor for any symbolic command);
* `derive` in process (sympy already imported): the analysis itself, with and
  without `--solve-for T`;
* `python cli.py derive games/baseline.toml`, with and without `--solve-for T`, as a subprocess
  (with Python's bytecode cache, as a user's installation has it).

It prints the medians and the ratios to the sympy start-up.

    python bench/bench_derive.py [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


# as on a user's machine, Python keeps the compiled bytecode of the modules it imports (a sandbox may set
# PYTHONDONTWRITEBYTECODE, which makes every start compile the package's sources again)
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def timed_subprocess(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, check=True, stdout=subprocess.DEVNULL, env=ENV)
    return time.perf_counter() - start


def timed_call(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    from bargaining.io.gamefile import load_model
    from bargaining.symbolic import derive
    from bargaining.symbolic.derive import clear_caches

    model = load_model(ROOT / "games" / "baseline.toml")
    sympy_cmd = [sys.executable, "-c", "import sympy"]
    cli_cmd = [sys.executable, "cli.py", "derive", "games/baseline.toml", "--solve-for", "T"]
    cli_plain_cmd = cli_cmd[:-2]
    timed_subprocess(sympy_cmd)  # warm the file cache
    timed_subprocess(cli_cmd)  # and the bytecode of the package
    derive(model)  # import everything once; the caches are emptied before each timed run
    clear_caches()
    imp, plain, solve_for, cli, cli_plain = [], [], [], [], []
    for _ in range(args.runs):
        imp.append(timed_subprocess(sympy_cmd))
        # a fresh sympy cache each time: the in-process figure is not flattered by memoisation
        plain.append(timed_call(lambda: derive(model)))
        clear_caches()
        solve_for.append(timed_call(lambda: derive(model, solve_for="T")))
        clear_caches()
        cli.append(timed_subprocess(cli_cmd))
        cli_plain.append(timed_subprocess(cli_plain_cmd))
    m_imp, m_plain, m_solve, m_cli, m_cli_plain = (
        statistics.median(x) for x in (imp, plain, solve_for, cli, cli_plain)
    )
    print(f"python -c 'import sympy'                              median {m_imp * 1000:8.1f} ms over {args.runs} runs")
    print(
        f"derive(baseline), in process                          median {m_plain * 1000:8.1f} ms  "
        f"ratio {m_plain / m_imp:5.1f}"
    )
    print(
        f"derive(baseline, solve_for='T'), in process           median {m_solve * 1000:8.1f} ms  "
        f"ratio {m_solve / m_imp:5.1f}"
    )
    print(
        f"python cli.py derive games/baseline.toml              median {m_cli_plain * 1000:8.1f} ms  "
        f"ratio {m_cli_plain / m_imp:5.1f}"
    )
    print(
        f"python cli.py derive games/baseline.toml --solve-for T median {m_cli * 1000:8.1f} ms  "
        f"ratio {m_cli / m_imp:5.1f}"
    )


if __name__ == "__main__":
    main()
