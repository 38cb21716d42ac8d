"""bargaining: a game-theoretic alliance bargaining solver."""

__version__ = "0.1.0"
