"""``games``: the scenario files that ship with the package, by name and title."""

from __future__ import annotations

from bargaining.cli.common import emit


def register(sub) -> None:
    p = sub.add_parser(
        "games",
        help="list the game files that ship with the package",
        description=(
            "List the game files that ship with the package, one per line: the name to give any command "
            "(bargaining solve baseline) and the game's title. A name that is no file in the current folder is "
            "looked up among them; a file that exists always wins. 'bargaining scenarios' with no folder solves "
            "them all."
        ),
    )
    p.set_defaults(func=run)


def run(args) -> int:
    from bargaining.io.gamefile import list_games
    from bargaining.render.scenarios import render_game_list

    emit(render_game_list(list_games()))
    return 0
