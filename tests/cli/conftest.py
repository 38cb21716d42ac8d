"""The ``cli`` and ``cli_json`` fixtures for the command-line tests of this folder.

They have the interface of the shared fixtures the reorganised ``tests/conftest.py``
provides (``cli(*argv) -> Result(code, out, err)``; ``cli_json(*argv)``: ``--format
json`` added, status 0 asserted, the output parsed), run :func:`bargaining.cli.main`
in this process from the repository root, and give way to those once they are merged.
"""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path
from typing import NamedTuple

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent


class Result(NamedTuple):
    code: int
    out: str
    err: str


def run_cli(*argv, cwd: str | Path = ROOT) -> Result:
    from bargaining.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.chdir(cwd), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main([str(a) for a in argv])
        except SystemExit as exit:
            code = exit.code if isinstance(exit.code, int) else (0 if exit.code is None else 1)
    return Result(code, out.getvalue(), err.getvalue())


def run_cli_json(*argv, cwd: str | Path = ROOT):
    result = run_cli(*argv, "--format", "json", cwd=cwd)
    assert result.code == 0, result.err
    return json.loads(result.out)


@pytest.fixture(scope="session")
def cli():
    """``cli(*argv, cwd=ROOT) -> Result``: the command line, run in this process."""
    return run_cli


@pytest.fixture(scope="session")
def cli_json():
    """``cli_json(*argv, cwd=ROOT)``: ``--format json`` added, status 0 asserted, the JSON parsed."""
    return run_cli_json
