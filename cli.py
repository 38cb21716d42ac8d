#!/usr/bin/env python3
"""Entry point: ``python cli.py solve games/baseline.toml`` (see README.md)."""

from bargaining.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
