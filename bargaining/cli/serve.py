"""``serve FILE``: the live explorer, a local web page with a slider for every parameter."""

from __future__ import annotations

import sys


def register(sub) -> None:
    p = sub.add_parser(
        "serve",
        help="open a game in the live explorer (a local web page with sliders)",
        description=(
            "Start a local web server on 127.0.0.1 with a page that shows the game: a slider for every "
            "parameter, the payoff table with best responses and equilibria marked, every equilibrium with "
            "exact probabilities, the selected one, and a regime map over two parameters; for a game of three or "
            "more players, one table of the last two players per strategy of the others, with the certified "
            "equilibria (no regime map: 'sweep' maps it); for a game tree, the "
            "subgame-perfect paths of play and the tree with each path marked. A menu switches between the "
            "game files of the same folder; the page's address is a permalink, and a game can be edited in "
            "the page and downloaded as TOML. Stop it with Ctrl+C."
        ),
    )
    p.add_argument("file", metavar="FILE", help="a game file (.toml, .nfg, or a game tree)")
    p.add_argument(
        "--port", type=int, default=8000, metavar="N", help="port on 127.0.0.1 (default 8000; 0 picks a free one)"
    )
    p.add_argument("--open", action="store_true", help="also open the page in the default web browser")
    p.set_defaults(func=run)


def run(args) -> int:
    from bargaining.errors import InputError
    from bargaining.server import make_server

    if not 0 <= args.port <= 65535:
        raise InputError(f"expected a port from 0 to 65535, found {args.port}", where="--port")
    server = make_server(args.file, args.port)
    host, port = server.server_address[:2]
    url = f"http://{host}:{port}/"
    print(f"Explorer for {args.file} at {url}  (only this computer can reach it; Ctrl+C stops it)", flush=True)
    if args.open:
        import webbrowser

        webbrowser.open(url)
    try:
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        print("stopped", file=sys.stderr)
    finally:
        server.server_close()
    return 0
