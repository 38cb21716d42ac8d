"""Test configuration: hypothesis profiles and the shared ways to run the command line.

``quick`` (the default) keeps the suite to a few minutes on two cores;
``thorough`` runs many more examples: ``HYPOTHESIS_PROFILE=thorough pytest``.

Command-line tests run :func:`bargaining.cli.main` in this process through the
``cli`` fixture (``cli(*argv) -> Result(code, out, err)``) or ``cli_json``
(status 0 asserted, standard output parsed). A test that needs a real process
(start-up, the installed ``bargaining`` script, a server that runs until it is
stopped) uses ``cli_process`` instead. Each runs from the repository root
unless given ``cwd``, as a user runs ``python cli.py`` there.

A test that measures something it must not assert (a time on a shared machine)
hands its line to the ``measured`` fixture; the lines are printed at the end
of the run, under "measured, not asserted".
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import NamedTuple

import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# The command line writes as wide as COLUMNS says (bargaining.render.layout): every test sees the 80 columns of a
# pipe, plain text and Unicode boxes (what a terminal shows; a pipe alone would get ASCII), whatever the terminal
# and environment of whoever runs the tests.
os.environ["COLUMNS"] = "80"
os.environ["NO_COLOR"] = "1"
os.environ["BARGAINING_ASCII"] = "0"

settings.register_profile(
    "quick", max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "thorough", max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "quick"))


_MEASURED = pytest.StashKey[list]()


@pytest.fixture
def measured(request):
    """``measured(line)``: a measurement to print in the terminal summary (times are reported, never asserted)."""
    lines = request.config.stash.setdefault(_MEASURED, [])
    return lambda line: lines.append(f"{request.node.name}: {line}")


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    lines = config.stash.get(_MEASURED, [])
    if lines:
        terminalreporter.section("measured, not asserted")
        for line in lines:
            terminalreporter.write_line(line)


class Result(NamedTuple):
    """What a run of the command line gave: exit status, standard output, standard error."""

    code: int
    out: str
    err: str


def run_cli(*argv, cwd: str | Path = ROOT, merge: bool = False) -> Result:
    """``bargaining ARGV`` in this process, from ``cwd``.

    argparse's usage errors and ``--help`` end in ``SystemExit``; its code is the
    exit status. With ``merge`` standard error goes into ``out`` in the order
    written, as a terminal shows both.
    """
    from bargaining.cli import main

    out = io.StringIO()
    err = out if merge else io.StringIO()
    with contextlib.chdir(cwd), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main([str(a) for a in argv])
        except SystemExit as exit:
            code = exit.code if isinstance(exit.code, int) else (0 if exit.code is None else 1)
    return Result(code, out.getvalue(), "" if merge else err.getvalue())


def run_cli_json(*argv, cwd: str | Path = ROOT):
    """``bargaining ARGV --format json`` in this process: status 0 asserted, the output parsed."""
    result = run_cli(*argv, "--format", "json", cwd=cwd)
    assert result.code == 0, result.err
    return json.loads(result.out)


class CliProcess:
    """The command line as a real process: ``python cli.py ARGV``, or with ``script`` the installed script."""

    #: where the processes run by default, as a user runs ``python cli.py`` there
    root = ROOT

    @staticmethod
    def command(*argv, script: bool = False) -> list[str]:
        """The command that runs ``bargaining ARGV``, for a process the test starts and stops itself (a server)."""
        head = [str(Path(sys.executable).with_name("bargaining"))] if script else [sys.executable, str(ROOT / "cli.py")]
        return head + [str(a) for a in argv]

    def __call__(self, *argv, cwd: str | Path = ROOT, script: bool = False, timeout: float = 300) -> Result:
        """Run ``bargaining ARGV`` to the end."""
        proc = subprocess.run(self.command(*argv, script=script), cwd=cwd, capture_output=True, text=True,
                              timeout=timeout)
        return Result(proc.returncode, proc.stdout, proc.stderr)


@pytest.fixture(scope="session")
def cli():
    """``cli(*argv, cwd=ROOT) -> Result``: the command line, run in this process."""
    return run_cli


@pytest.fixture(scope="session")
def cli_json():
    """``cli_json(*argv, cwd=ROOT)``: ``--format json`` added, status 0 asserted, the JSON parsed."""
    return run_cli_json


@pytest.fixture(scope="session")
def cli_process():
    """``cli_process(*argv, cwd=ROOT, script=False) -> Result``; ``cli_process.command(*argv)`` to start one."""
    return CliProcess()
