"""The renderers' tests read what is written, not how it is folded: they write on a page of 120 columns (the
widest :mod:`bargaining.render.layout` uses), so that a sentence they look for is on one line. How the output
fits narrower pages is tested by ``test_width.py``, which sets ``COLUMNS`` itself."""

import pytest


@pytest.fixture(autouse=True)
def _wide_page(monkeypatch):
    monkeypatch.setenv("COLUMNS", "120")
