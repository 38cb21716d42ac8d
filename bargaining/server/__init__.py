"""The live explorer: a local web page to move a game's parameters and watch its equilibria.

``python cli.py serve games/baseline.toml`` starts it on 127.0.0.1. Modules,
one job each:

- :mod:`~bargaining.server.app`: the HTTP server (standard library only), its routes and limits;
- :mod:`~bargaining.server.api`: the JSON API without HTTP: checks each request and answers it;
- :mod:`~bargaining.server.views`: what the page shows of a game and its equilibria, as JSON;
- :mod:`~bargaining.server.nplayer`: the same for a game of three or more players (one table per profile
  of all players but the last two);
- :mod:`~bargaining.server.regime`: the regime map over two parameters (batch solver);
- :mod:`~bargaining.server.sliders`: slider ranges and steps;
- ``static/``: the page (HTML, JavaScript, CSS), served from the package: no network fetch.
"""

from bargaining.server.app import HOST, make_server

__all__ = ["make_server", "HOST"]
