"""Reading game files: the format, inheritance, overrides and every kind of bad input."""

from fractions import Fraction as F
from pathlib import Path

import pytest

from bargaining.errors import InputError
from bargaining.io.gamefile import game_files, load_model

ROOT = Path(__file__).resolve().parents[2]
BASELINE = ROOT / "games" / "baseline.toml"

GOOD = """
title = "Test game"
players = ["Row", "Col"]
[strategies]
Row = ["up", "down"]
Col = ["left", "right"]
[parameters]
p = { value = 0.5, min = 0, max = 1, label = "a probability" }
q = 2
[terms]
twice = "2 * p"
more = "twice + q"
[payoffs]
Row = [["more", 0], ["1/3", 0.25]]
Col = [[1, "p"], ["-p", 0]]
"""


def write(tmp_path, text, name="game.toml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_baseline_payoffs_match_the_design_note():
    """The nine cells of the reference model (docs: alliance-model.md) at the baseline values."""
    game = load_model(BASELINE).game()
    T, lam, wR, wC, eR, eC, a, j, r = (
        F(x) for x in ("0.6", "0.5", "0.15", "0.22", "0.10", "0.18", "0.73", "0.30", "0.05")
    )
    A = [
        [T - wR - eR - r - j * a, T * lam - wR - eR, T * lam / 2 - wR - eR],
        [lam * (T - wR), lam * (T - wR), lam * (T / 2 - wR)],
        [T * lam / 2, T * lam / 2, 0],
    ]
    B = [
        [T - wC - eC - r, lam * (T - wC), T * lam / 2],
        [T * lam - wC - eC, lam * (T - wC), T * lam / 2],
        [T * lam / 2 - wC - eC, lam * (T / 2 - wC), 0],
    ]
    assert [list(row) for row in game.A] == A
    assert [list(row) for row in game.B] == B


def test_formats_of_cells_and_parameters(tmp_path):
    model = load_model(write(tmp_path, GOOD))
    assert model.parameters["p"].value == F(1, 2)
    assert model.parameters["p"].label == "a probability"
    assert model.parameters["q"].min is None
    game = model.game()
    assert game.A == ((F(3), F(0)), (F(1, 3), F(1, 4)))
    assert game.B == ((F(1), F(1, 2)), (F(-1, 2), F(0)))


def test_decimals_are_exact(tmp_path):
    text = GOOD.replace("q = 2", "q = 0.1")
    assert load_model(write(tmp_path, text)).parameters["q"].value == F(1, 10)


def test_set_overrides_and_checks_range(tmp_path):
    path = write(tmp_path, GOOD)
    assert load_model(path, {"p": "1/4"}).game().A[0][0] == F(5, 2)
    with pytest.raises(InputError, match="outside its range"):
        load_model(path, {"p": "2"})
    with pytest.raises(InputError, match="unknown parameter 'z'"):
        load_model(path, {"z": "1"})
    with pytest.raises(InputError, match="expected a number"):
        load_model(path, {"p": "abc"})


def test_extends_inherits_and_overrides(tmp_path):
    write(tmp_path, GOOD, "parent.toml")
    child = write(
        tmp_path,
        'extends = "parent.toml"\ntitle = "Child"\n[parameters]\np = 0.75\n[terms]\nmore = "twice"\n',
        "child.toml",
    )
    model = load_model(child)
    assert model.title == "Child"
    p = model.parameters["p"]
    assert (p.value, p.min, p.max, p.label) == (F(3, 4), 0, 1, "a probability")
    assert model.game().A[0][0] == F(3, 2)
    assert model.changed_parameters() == {"p": (F(1, 2), F(3, 4))}
    assert model.parent.endswith("parent.toml")


def test_extends_chain_of_three(tmp_path):
    write(tmp_path, GOOD, "a.toml")
    write(tmp_path, 'extends = "a.toml"\ntitle = "B"\n[parameters]\nq = 3\n', "b.toml")
    c = write(tmp_path, 'extends = "b.toml"\ntitle = "C"\n[parameters]\np = 0\n', "c.toml")
    m = load_model(c)
    assert (m.parameters["p"].value, m.parameters["q"].value) == (0, 3)


def test_extends_cycle(tmp_path):
    write(tmp_path, 'extends = "b.toml"\n' + GOOD, "a.toml")
    write(tmp_path, 'extends = "a.toml"\ntitle = "B"\n', "b.toml")
    with pytest.raises(InputError, match="cycle"):
        load_model(tmp_path / "a.toml")


def test_extends_self(tmp_path):
    path = write(tmp_path, 'extends = "game.toml"\n' + GOOD)
    with pytest.raises(InputError, match="cycle"):
        load_model(path)


def test_missing_parent(tmp_path):
    path = write(tmp_path, 'extends = "nowhere.toml"\ntitle = "x"\n')
    with pytest.raises(InputError, match="parent game file .* not found") as info:
        load_model(path)
    assert "extends" in str(info.value)


BAD = [
    # (replace this, with that, message fragment, place fragment)
    ('title = "Test game"', 'title = "Test game', "malformed TOML", ""),
    ('title = "Test game"', "", "needs a title", "title"),
    ("[payoffs]", "[payoff]", "unknown key 'payoff'", ""),
    ('Row = [["more", 0], ["1/3", 0.25]]', 'Row = [["more", 0]]', "expected 2 rows", "payoffs.Row"),
    ('Row = [["more", 0], ["1/3", 0.25]]', 'Row = [["more", 0], ["1/3"]]', "expected 2 entries", "payoffs.Row[1]"),
    ('Col = [[1, "p"], ["-p", 0]]', 'Col = [[1, "p"], ["-tau", 0]]', "unknown name 'tau'", "payoffs.Col[1][0]"),
    ('Col = [[1, "p"], ["-p", 0]]', 'Col = [[1, "p"], ["__import__(\'os\')", 0]]', "not allowed", "payoffs.Col[1][0]"),
    ('Col = [[1, "p"], ["-p", 0]]', 'Col = [[1, "p"], ["p.real", 0]]', "attribute access", "payoffs.Col[1][0]"),
    ('Col = [[1, "p"], ["-p", 0]]', 'Col = [[1, "p"], ["lambda: 1", 0]]', "unexpected character", "payoffs.Col[1][0]"),
    ('Col = [[1, "p"], ["-p", 0]]', 'Col = [[1, "p"], ["eval(1)", 0]]', "not allowed", "payoffs.Col[1][0]"),
    ('Col = [[1, "p"], ["-p", 0]]', 'Col = [[1, "p"], [nan, 0]]', "finite", "payoffs.Col[1][0]"),
    ('Col = [[1, "p"], ["-p", 0]]', 'Col = [[1, "p"], [inf, 0]]', "finite", "payoffs.Col[1][0]"),
    ('Col = [[1, "p"], ["-p", 0]]', 'Col = [[1, "p"], [true, 0]]', "boolean", "payoffs.Col[1][0]"),
    ('Col = [[1, "p"], ["-p", 0]]', 'Col = [[1, "p"], ["1/(p - 1/2)", 0]]', "division by zero", "payoffs.Col[1][0]"),
    ('Col = [[1, "p"], ["-p", 0]]', 'Col = [[1, "p"], ["9^9^9^9", 0]]', "too large", "payoffs.Col[1][0]"),
    ('Col = [[1, "p"], ["-p", 0]]', "", "missing the payoff matrix of Col", "payoffs.Col"),
    ("q = 2", "q = nan", "finite", "parameters.q"),
    ("q = 2", 'q = "q"', "must be a number", "parameters.q"),
    ("q = 2", "q = { val = 2 }", "unknown key 'val'", "parameters.q"),
    ("q = 2", "q = { value = 2, min = 3 }", "outside its range", "parameters.q"),
    ('twice = "2 * p"', 'twice = "2 * more"', "cycle", "terms."),
    ('twice = "2 * p"', 'twice = "2 * zz"', "unknown name 'zz'", "terms.twice"),
    ('players = ["Row", "Col"]', 'players = ["Row"]', "two player names", "players"),
    ('Row = ["up", "down"]', 'Row = ["up", "up"]', "repeat", "strategies.Row"),
    ('Row = ["up", "down"]', 'Rows = ["up", "down"]', "not a player", "strategies.Rows"),
]


@pytest.mark.parametrize("old, new, message, place", BAD)
def test_bad_input_names_file_and_place(tmp_path, old, new, message, place):
    assert old in GOOD
    path = write(tmp_path, GOOD.replace(old, new, 1))
    with pytest.raises(InputError) as info:
        load_model(path).game()
    text = str(info.value)
    assert message in text
    assert text.startswith(str(path))
    assert place in text
    assert "\n" not in text


def test_missing_file():
    with pytest.raises(InputError, match="file not found"):
        load_model("no/such/file.toml")


def test_outcomes_checked(tmp_path):
    path = write(tmp_path, GOOD + '[outcomes]\n"up, sideways" = "x"\n')
    with pytest.raises(InputError, match="expected a profile"):
        load_model(path)
    path = write(tmp_path, GOOD + '[outcomes]\n"up, left" = "both cooperate"\n')
    assert load_model(path).outcomes[("up", "left")] == "both cooperate"


def test_every_game_file_loads_and_solves():
    from bargaining.solvers.registry import solve

    for path in game_files(ROOT / "games", trees=False):
        solution = solve(load_model(path).game())
        assert solution.equilibria, path


def _stdin(monkeypatch, text: str):
    import io

    from bargaining.io import gamefile

    monkeypatch.setattr(gamefile, "_stdin_bytes", None)
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(text.encode("utf-8"))))


def test_a_game_read_from_standard_input_is_the_file_itself(monkeypatch):
    text = (ROOT / "games" / "baseline.toml").read_text(encoding="utf-8")
    _stdin(monkeypatch, text)
    m = load_model("-")
    assert m.source == "<stdin>" and m.game() == load_model(ROOT / "games" / "baseline.toml").game()


def test_solve_dash_reads_standard_input_and_names_it_in_errors(monkeypatch, cli):
    bad = 'title = "x"\nextends = "games/baseline.toml"\n[payoffs]\nChina = [[1, 0, 0], [0, 1, 0], [0, "tau", 0]]\n'
    _stdin(monkeypatch, bad)
    r = cli("solve", "-")
    assert r.code == 2 and r.err.startswith("error: <stdin>, payoffs.China[2][1]") and r.err.count("\n") == 1
    _stdin(monkeypatch, (ROOT / "games" / "taiwan_crisis.toml").read_text(encoding="utf-8").replace(
        'extends = "baseline.toml"', 'extends = "games/baseline.toml"'))
    r = cli("solve", "-")
    assert r.code == 0 and "3 Nash equilibria" in r.out


def test_find_game_looks_up_bare_names_among_the_shipped_games(tmp_path, monkeypatch):
    from bargaining.io.gamefile import find_game, shipped_games

    monkeypatch.chdir(tmp_path)
    shipped = shipped_games()
    assert find_game("baseline") == find_game("baseline.toml") == shipped / "baseline.toml"
    assert find_game("games") == shipped and find_game("triangle") == shipped / "triangle"
    assert find_game("triangle/detente") == shipped / "triangle" / "detente.toml"
    assert find_game("nothing") == Path("nothing") and find_game("-") == Path("-")
    assert find_game("../baseline") == Path("../baseline")  # never outside the shipped folder
    (tmp_path / "baseline").write_text("")
    assert find_game("baseline") == Path("baseline")  # a file here wins
