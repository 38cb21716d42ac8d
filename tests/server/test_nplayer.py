"""Tests of :mod:`bargaining.server.nplayer`: the explorer on games of three players (the strategic triangle).

The API is read as the page reads it, JSON parsed from the HTTP server; the
equilibria it lists are checked against the library's solution and, independently,
for zero regret in exact arithmetic over the game's payoff tensors. The page
itself is checked in headless chromium at 1366×768 (skipped when Playwright or
chromium is missing, as in ``tests/test_browser.py``).
"""

from __future__ import annotations

import itertools
import os
import shutil
from fractions import Fraction
from pathlib import Path

import pytest

from bargaining.errors import InputError
from bargaining.io.gamefile import load_model
from bargaining.render.nplayer import render
from bargaining.server.api import Explorer
from bargaining.solvers.registry import solve
from tests.server.client import Client, start

ROOT = Path(__file__).resolve().parents[2]
TRIANGLE = sorted((ROOT / "games" / "triangle").glob("*.toml")) + [ROOT / "games" / "triangle.toml"]


@pytest.fixture(scope="module")
def client():
    server = start(ROOT / "games" / "triangle.toml")  # a folder of two- and three-player games
    yield Client(server.server_address[1])
    server.shutdown()
    server.server_close()


def _expected(tensor, mixed, player=None, k=None):
    """A player's expected payoff under the mixed profile (with ``player`` switched to pure ``k``)."""
    total = Fraction(0)
    for prof in itertools.product(*(range(len(m)) for m in mixed)):
        w = Fraction(1)
        for p, q in enumerate(prof):
            w *= (Fraction(int(q == k)) if p == player else mixed[p][q])
        if w:
            v = tensor
            for q in prof:
                v = v[q]
            total += w * v
    return total


def _probabilities(eq, strategies):
    out = []
    for p, names in enumerate(strategies):
        given = {s["strategy"]: Fraction(s["probability"]["exact"]) for s in eq["strategies"][p]}
        out.append([given.get(name, Fraction(0)) for name in names])
    return out


@pytest.mark.parametrize("path", TRIANGLE, ids=lambda p: p.name)
def test_the_view_is_one_table_per_us_strategy_with_certified_exact_equilibria(path):
    ex = Explorer(path)
    info = ex.info({"scenario": path.name})
    assert info["kind"] == "nplayer" and info["axes"] == []
    assert info["players"] == ["United States", "Russia", "China"]
    view = ex.solve({"scenario": path.name})
    model = load_model(path)
    game = model.game()
    solution = solve(game)
    assert [t["title"] for t in view["tables"]] == [f"United States plays {s}" for s in game.strategies[0]]
    assert (view["row_player"], view["column_player"]) == ("Russia", "China")
    tensors = game.payoffs
    for t, table in enumerate(view["tables"]):
        assert len(table["rows"]) == 3 and all(len(r) == 3 for r in table["rows"])
        for i, j in itertools.product(range(3), range(3)):
            cell = table["rows"][i][j]
            prof = (t, i, j)
            assert [Fraction(x["exact"]) for x in cell["payoffs"]] == [game.payoff(p, *prof) for p in range(3)]
            assert (cell["equilibrium"] is not None) == game.is_pure_equilibrium(prof)
            for p in range(3):  # a best response: no pure deviation of that player pays more
                top = max(game.payoff(p, *(prof[:p] + (k,) + prof[p + 1:])) for k in range(3))
                assert cell["best"][p] == (game.payoff(p, *prof) == top)
    assert len(view["equilibria"]) == len(solution.equilibria) >= 1
    assert view["solution"] == solution.to_dict()
    printed = render(solution)
    for eq, e in zip(view["equilibria"], solution.equilibria):
        mixed = _probabilities(eq, game.strategies)
        assert mixed == [list(m) for m in e.mixed]
        assert all(sum(m) == 1 for m in mixed)
        for p in range(3):  # zero regret, exactly: the oracle is the payoff tensor itself
            value = _expected(tensors[p], mixed)
            assert Fraction(eq["payoffs"][p]["exact"]) == value
            assert all(_expected(tensors[p], mixed, p, k) <= value for k in range(3))
        assert eq["reading"] in " ".join(printed.split())
        assert "regret 0" in eq["certificate"]


def test_mixed_equilibria_print_exactly_and_as_decimals_as_solve_does():
    ex = Explorer(ROOT / "games" / "triangle" / "two_front.toml")
    view = ex.solve({"scenario": "two_front.toml"})
    assert view["headline"] == "3 Nash equilibria" and view["selected"] is None
    third = view["equilibria"][2]
    assert third["strategy_text"] == ["contain_both 67/150 (0.4467), wedge_Russia 83/150 (0.5533)",
                                      "ally 1/3 (0.3333), align 2/3 (0.6667)", "ally"]
    assert [s["probability"]["exact"] for s in third["strategies"][0]] == ["67/150", "83/150"]
    assert [p["both"] for p in third["payoffs"]] == ["-2/3 (-0.6667)", "1123/3000 (0.3743)", "0.52"]
    # the US mixes its first two strategies in #3: those tables are played in it, the third is not
    assert [t["played_in"] for t in view["tables"]] == [[1, 2, 3], [3], []]
    printed = render(solve(load_model(ROOT / "games" / "triangle" / "two_front.toml").game()))
    for line in ("ally 7/30", "(0.2333)", "67/150 (0.4467)", "1123/3000"):
        assert line in printed


def test_the_api_over_http_and_a_slider_that_moves_the_equilibria(client):
    status, info = client.json("GET", "/api/model?scenario=triangle.toml")
    assert status == 200 and info["kind"] == "nplayer" and len(info["parameters"]) == 16
    status, view = client.json("POST", "/api/solve", {"scenario": "triangle.toml"})
    assert status == 200 and view["kind"] == "nplayer" and len(view["tables"]) == 3
    assert [e["profile"] for e in view["equilibria"]] == [[0, 1, 1]]  # (contain_both, align, align)
    assert view["tables"][0]["rows"][1][1]["equilibrium"] == 0
    # containment made dear: the United States engages, and China's choice splits in two equilibria
    status, moved = client.json("POST", "/api/solve", {"scenario": "triangle.toml", "values": {"c": "0.9"}})
    assert status == 200 and moved["values"]["c"] == "9/10"
    assert [e["strategy_text"] for e in moved["equilibria"]] == [["engage", "align", "hedge"],
                                                                  ["engage", "hedge", "hedge"]]
    assert [t["rows"][i][j]["equilibrium"] for t in moved["tables"][2:] for i, j in ((1, 2), (2, 2))] == [0, 1]
    assert all(c["equilibrium"] is None for t in moved["tables"][:2] for r in t["rows"] for c in r)
    status, err = client.json("POST", "/api/solve", {"scenario": "triangle.toml", "values": {"c": "2"}})
    assert status == 400 and "c = 2 lies outside its range [0, 1]" in err["error"]
    # the regime map is for two-player games, and says so
    status, err = client.json("POST", "/api/regime", {"scenario": "triangle.toml"})
    assert status == 400 and "the regime map is drawn for two-player games; this game has 3 players" in err["error"]
    # a two-player game in the same folder is unchanged
    status, two = client.json("POST", "/api/solve", {"scenario": "baseline.toml"})
    assert status == 200 and two["kind"] == "strategic" and "cells" in two


def test_an_edited_three_player_game_is_shown_too(client):
    status, src = client.json("GET", "/api/source?scenario=triangle.toml")
    assert status == 200 and 'players = ["United States", "Russia", "China"]' in src["game"]
    text = src["game"].replace('c = { value = 0.2,', 'c = { value = 0.9,')
    status, info = client.json("POST", "/api/check", {"game": text})
    assert status == 200 and info["kind"] == "nplayer" and info["axes"] == []
    status, view = client.json("POST", "/api/solve", {"game": text})
    assert status == 200 and [e["profile"] for e in view["equilibria"]] == [[2, 1, 2], [2, 2, 2]]


def test_bad_requests_are_refused_as_for_two_players():
    ex = Explorer(ROOT / "games" / "triangle.toml")
    with pytest.raises(InputError, match="unknown parameter 'T'"):
        ex.solve({"scenario": "triangle.toml", "values": {"T": "0.5"}})
    with pytest.raises(InputError, match="sweep"):
        ex.regime({"scenario": "triangle.toml", "x": "T_R", "y": "T_C"})


# ---------------------------------------------------------------------- the page, in a real browser

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
#: games/triangle/two_front.toml's values as a permalink to games/triangle.toml: three equilibria, two mixed.
TWO_FRONTS = "?scenario=triangle.toml&T_R=1&T_C=1&w_R=0.03&w_C=0.05&e_R=0.05&e_C=0.08"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def test_the_page_shows_the_tables_and_equilibria_at_1366x768(client):
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    if not Path(CHROMIUM).exists():
        pytest.skip("chromium is not installed: apt-get install -y chromium")
    url = f"http://127.0.0.1:{client.port}/"
    with sync_api.sync_playwright() as p:
        try:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        except Exception as err:  # a chromium that cannot start here is a missing prerequisite, not a failure
            pytest.skip(f"chromium does not start: {str(err).splitlines()[0]}")
        page = browser.new_page(viewport={"width": 1366, "height": 768})
        problems = []
        page.on("pageerror", lambda err: problems.append(str(err)))
        page.on("request", lambda req: None if req.url.startswith(url) else problems.append(req.url))
        page.goto(url + TWO_FRONTS)
        page.wait_for_selector("#equilibria li")
        expect = sync_api.expect
        expect(page.locator("#tables table.slice")).to_have_count(3)
        assert page.locator("#regime").is_hidden() and page.locator("#bimatrix").is_hidden()
        assert "regime map is drawn for two-player games" in page.locator("#nplayer-note").inner_text()
        assert page.locator(".slice caption").all_inner_texts()[0].startswith("United States plays contain_both")
        assert page.locator(".slice td.eq").count() == 1
        items = page.locator("#equilibria li")
        expect(items).to_have_count(3)
        assert "contain_both 67/150 (0.4467), wedge_Russia 83/150 (0.5533)" in items.nth(2).inner_text()
        overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0
        for selector in ("#tables", "#equilibria li:nth-child(1)"):
            box = page.locator(selector).first.bounding_box()
            assert box["y"] >= 0 and box["y"] + box["height"] <= 768, (selector, box)
            assert box["x"] >= 0 and box["x"] + box["width"] <= 1366, (selector, box)
        # a typed value moves the tables and the equilibria
        page.goto(url + "?scenario=triangle.toml")
        expect(page.locator("h1")).to_have_text("The strategic triangle: the United States, Russia and China")
        expect(page.locator("#equilibria li")).to_have_count(1)
        box = page.locator("#v-c")
        box.fill("0.9")
        box.press("Enter")
        expect(page.locator("#equilibria li")).to_have_count(2)
        assert [t.strip() for t in page.locator("#equilibria .eq-head").all_inner_texts()] == [
            "1.(engage, align, hedge)", "2.(engage, hedge, hedge)"]
        assert page.locator(".slice td.eq").count() == 2
        # a phone: one column, nothing wider than the screen
        page.set_viewport_size({"width": 390, "height": 844})
        expect(page.locator(".slice td.eq")).to_have_count(2)
        assert page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth") <= 0
        for selector in ("#tables table.slice", "#equilibria li"):
            box = page.locator(selector).first.bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= 390, (selector, box)
        page.set_viewport_size({"width": 1366, "height": 768})
        shot = os.environ.get("EXPLORER_SCREENSHOT")
        if shot:
            page.goto(url + TWO_FRONTS)
            expect(page.locator("#equilibria li")).to_have_count(3)
            page.screenshot(path=shot)
        # back to a two-player game: the bimatrix and the regime map return
        page.select_option("#scenario", "baseline.toml")
        page.wait_for_selector("#map svg rect")
        assert page.locator("#bimatrix").is_visible() and page.locator("#tables").is_hidden()
        page.close()
        browser.close()
    assert problems == []
