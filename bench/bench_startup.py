"""Start-up of `python cli.py solve games/baseline.toml` against `python -c "import numpy"`.

The exact path of `solve` should import only what it needs (no sympy, scipy or
nashpy), so that it answers within about 2.5 times numpy's own start-up. Both
commands run alternately in the same process tree, so drift on a shared machine
hits both; the script prints the medians and their ratio.

    python bench/bench_startup.py [--runs 15]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def heavy_modules() -> list[str]:
    """Heavy libraries that the exact solve path imports (should be none)."""
    code = (
        "import sys, runpy; sys.argv=['cli.py','solve','games/baseline.toml'];"
        "import contextlib, io\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    try: runpy.run_path('cli.py', run_name='__main__')\n"
        "    except SystemExit: pass\n"
        "print(' '.join(m for m in ('sympy','scipy','nashpy','matplotlib') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    return out.stdout.split()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    numpy_cmd = [sys.executable, "-c", "import numpy"]
    solve_cmd = [sys.executable, "cli.py", "solve", "games/baseline.toml"]
    timed(numpy_cmd), timed(solve_cmd)  # warm the file cache
    a, b = [], []
    for _ in range(args.runs):
        a.append(timed(numpy_cmd))
        b.append(timed(solve_cmd))
    na, nb = statistics.median(a), statistics.median(b)
    print(f"python -c 'import numpy'             median {na * 1000:7.1f} ms over {args.runs} runs")
    print(f"python cli.py solve games/baseline.toml median {nb * 1000:7.1f} ms")
    print(f"ratio {nb / na:.2f} (goal: at most about 2.5)")
    heavy = heavy_modules()
    print("heavy modules imported by solve:", ", ".join(heavy) if heavy else "none")


if __name__ == "__main__":
    main()
