"""Tests of the ``games`` command (:mod:`bargaining.cli.games`) and of shipped games by name from any folder."""

from pathlib import Path

from bargaining.io.gamefile import list_games, shipped_games

ROOT = Path(__file__).resolve().parents[2]


def test_games_lists_every_shipped_file_with_its_title(tmp_path, cli):
    r = cli("games", cwd=tmp_path)
    assert r.code == 0, r.err
    lines = [line for line in r.out.splitlines() if not line.startswith(" ")]  # a long title wraps under itself
    names = [line.split()[0] for line in lines]
    expected = sorted([p.stem for p in (ROOT / "games").glob("*.toml")]
                      + [f"triangle/{p.stem}" for p in (ROOT / "games" / "triangle").glob("*.toml")])
    assert names == expected
    assert "baseline" in names and lines[names.index("baseline")].endswith("Baseline: deep alignment without a treaty")
    assert len(lines) == len(list_games())


def test_a_bare_name_outside_the_repository_is_a_shipped_game(tmp_path, cli):
    r = cli("solve", "baseline", cwd=tmp_path)
    assert r.code == 0, r.err
    assert r.out.startswith("Baseline: deep alignment without a treaty\n")
    assert cli("solve", "baseline.toml", cwd=tmp_path).out == r.out
    assert cli("solve", "triangle/detente", cwd=tmp_path).out.startswith("Triangle, Détente")
    r = cli("scenarios", cwd=tmp_path)  # the default folder, games, is the shipped one
    assert r.code == 0, r.err
    assert "taiwan_crisis" in r.out and "two_front" in r.out


def test_a_path_that_exists_wins(tmp_path, cli):
    (tmp_path / "baseline.toml").write_text((ROOT / "games" / "baseline.toml").read_text(encoding="utf-8")
                                            .replace('title = "Baseline:', 'title = "Local copy:'), encoding="utf-8")
    assert cli("solve", "baseline.toml", cwd=tmp_path).out.startswith("Local copy:")
    assert cli("solve", "games/baseline.toml").out.startswith("Baseline:")  # in the repository, as before
    r = cli("solve", "no_such_game", cwd=tmp_path)
    assert r.code == 2 and r.err == "error: no_such_game: file not found\n"


def test_the_shipped_folder_is_the_repositorys_games():
    shipped = sorted(p.name for p in shipped_games().glob("*.toml"))
    assert shipped == sorted(p.name for p in (ROOT / "games").glob("*.toml"))
