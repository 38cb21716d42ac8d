"""Tests of the ``serve`` command (:mod:`bargaining.cli.serve`).

The server runs until it is stopped, so the one test that serves starts a
real process (the shared ``cli_process`` helper) and stops it; the input errors
run in process.
"""

from __future__ import annotations

import subprocess

from tests.server.client import Client


def test_serve_command_prints_the_address_and_answers(cli_process):
    proc = subprocess.Popen(
        cli_process.command("serve", "games/baseline.toml", "--port", "0"),
        cwd=cli_process.root, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        line = proc.stdout.readline()
        assert line.startswith("Explorer for games/baseline.toml at http://127.0.0.1:"), line
        port = int(line.split("http://127.0.0.1:")[1].split("/")[0])
        status, data = Client(port).json("GET", "/api/scenarios")
        assert status == 200 and data["initial"] == "baseline.toml"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_serve_command_bad_input(cli):
    r = cli("serve", "games/missing.toml")
    assert r.code == 2 and r.err == "error: games/missing.toml: file not found\n"
    r = cli("serve", "README.md")
    assert r.code == 2 and "expected a game file (.toml, .nfg)" in r.err
    r = cli("serve", "games/baseline.toml", "--port", "70000")
    assert r.code == 2 and "--port" in r.err


def test_serve_takes_a_game_of_three_players(cli_process):
    proc = subprocess.Popen(
        cli_process.command("serve", "games/triangle.toml", "--port", "0"),
        cwd=cli_process.root, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        line = proc.stdout.readline()
        assert line.startswith("Explorer for games/triangle.toml at http://127.0.0.1:"), line
        port = int(line.split("http://127.0.0.1:")[1].split("/")[0])
        status, data = Client(port).json("GET", "/api/model?scenario=triangle.toml")
        assert status == 200 and data["kind"] == "nplayer"
    finally:
        proc.terminate()
        proc.wait(timeout=10)
