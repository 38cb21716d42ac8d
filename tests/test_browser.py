"""The live explorer end to end, in a real headless browser (Debian's chromium driven by Playwright).

Needs ``apt-get install -y chromium`` and ``pip install playwright`` (never ``playwright install``: the
browser is the system's). Skipped, saying which is missing, when either is not there. Set
``EXPLORER_SCREENSHOT=path.png`` to keep a screenshot of the page.
"""

import os
import re
import shutil
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

sync_api = pytest.importorskip(
    "playwright.sync_api", reason="playwright is not installed: pip install playwright (no 'playwright install')"
)
expect = sync_api.expect
if not Path(CHROMIUM).exists():
    pytest.skip("chromium is not installed: apt-get install -y chromium", allow_module_level=True)


@pytest.fixture(scope="module")
def url():
    from bargaining.server import make_server

    server = make_server(ROOT / "games" / "baseline.toml", port=0)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        try:
            b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        except Exception as err:  # a chromium that cannot start here is a missing prerequisite, not a failure
            pytest.skip(f"chromium does not start: {str(err).splitlines()[0]}")
        yield b
        b.close()


@pytest.fixture
def page(browser, url):
    page = browser.new_page(viewport={"width": 1600, "height": 900})
    problems = []
    page.on("pageerror", lambda err: problems.append(f"page error: {err}"))
    page.on("console", lambda msg: problems.append(f"console {msg.type}: {msg.text}") if msg.type == "error" else None)
    page.on("request", lambda req: None if req.url.startswith(url) else problems.append(f"outside request: {req.url}"))
    page.goto(url)
    page.wait_for_selector("#equilibria li")
    page.wait_for_selector("#map svg rect")
    yield page, problems
    page.close()
    assert problems == []


def equilibria(page):
    return [t.strip() for t in page.locator("#equilibria .eq-head").all_inner_texts()]


def test_page_shows_the_baseline(page):
    page, _ = page
    assert page.locator("h1").inner_text() == "Baseline: deep alignment without a treaty"
    assert "Russia and China since 2014" in page.locator("#description").inner_text()
    assert page.locator(".param").count() == 9
    assert page.locator("#v-T").input_value() == "0.6"
    assert equilibria(page) == ["1.(align, align)"]
    assert page.locator("#bimatrix td.eq").count() == 1
    assert page.locator("#legend li.current").inner_text() == "(align, align)"
    assert "Selected: equilibrium 1" in page.locator("#selection").inner_text()


def test_moving_T_past_the_treaty_threshold_makes_the_alliance_an_equilibrium(page):
    page, _ = page
    page.focus("#s-T")
    for _ in range(30):  # 0.60 -> 0.90, one step of 0.01 per key press: past T* = 0.888
        page.keyboard.press("ArrowRight")
    expect(page.locator("#equilibria")).to_contain_text("(ally, ally)")
    assert page.locator("#v-T").input_value() == "0.90"
    assert equilibria(page) == ["1.(ally, ally)", "2.mixed", "3.(align, align)"]
    assert "Russia: ally 29/40 (0.725), align 11/40 (0.275)" in page.locator("#equilibria li").nth(1).inner_text()
    assert page.locator("#bimatrix td.eq").count() == 2
    assert "payoff dominance" in page.locator("#selection").inner_text()
    expect(page.locator("#legend li.current")).to_have_text(re.compile(r"^\(ally, ally\)"))
    shot = os.environ.get("EXPLORER_SCREENSHOT")
    if shot:
        page.screenshot(path=shot, full_page=True)


def test_typing_an_exact_value_and_a_bad_one(page):
    page, problems = page
    box = page.locator("#v-T")
    box.fill("111/125")
    box.press("Enter")
    expect(page.locator("#equilibria")).to_contain_text("(ally, ally)")
    box.fill("2")
    box.press("Enter")
    expect(page.locator("#error")).to_contain_text("T = 2 lies outside its range [0, 1]")
    expect(box).to_have_class("pvalue invalid")
    # the browser logs the refused request; that one is expected
    problems[:] = [p for p in problems if "status of 400 (Bad Request)" not in p]


def test_scenario_menu_and_regime_axes(page):
    page, _ = page
    page.select_option("#scenario", "taiwan_crisis.toml")
    expect(page.locator("h1")).to_have_text("Taiwan crisis: US–China confrontation in the Western Pacific")
    expect(page.locator("#equilibria li")).to_have_count(3)
    assert "Russia: ally 23/45 (0.5111), align 22/45 (0.4889)" in page.locator("#equilibria li").nth(1).inner_text()
    page.select_option("#axis-y", "a")
    expect(page.locator("#map svg")).to_have_attribute("aria-label", "regime map over T and a")
    assert page.locator("#legend li").count() >= 3
