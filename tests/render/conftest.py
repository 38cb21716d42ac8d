"""The renderers' tests read what is written, not how it is folded: each module's tests write on the page its
renderer was written for (80 columns for the two-player table, the n-player, tree, repeated and QRE
renderers; 120 for the wider tables of scenarios, bargaining, sweeps and the like), so that a sentence they look
for stays on one line. How every command fits 80 and 60 columns is tested by ``test_layout.py``, which sets
``COLUMNS`` itself."""

import pytest

_EIGHTY = {"test_solve", "test_nplayer", "test_tree", "test_derive_tree", "test_explain_tree", "test_repeated",
           "test_qre", "test_sweep_nplayer", "test_explain_nplayer", "test_layout"}


@pytest.fixture(autouse=True)
def _page(request, monkeypatch):
    name = request.module.__name__.rsplit(".", 1)[-1]
    monkeypatch.setenv("COLUMNS", "80" if name in _EIGHTY else "120")
