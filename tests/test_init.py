"""Tests of ``bargaining/__init__.py``: the lazy face of the package.

``import bargaining`` loads nothing heavy; each public name is imported from
its home module the first time it is asked for, then kept. A fresh copy of the
module is executed here so that what other tests imported does not hide the
laziness.
"""

from __future__ import annotations

import importlib
import importlib.util
from pathlib import Path

import pytest

import bargaining

INIT = Path(bargaining.__file__)


@pytest.fixture()
def fresh():
    spec = importlib.util.spec_from_file_location("bargaining_face", INIT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_nothing_is_loaded_until_asked_for(fresh):
    assert not set(fresh.__all__) & set(vars(fresh))
    assert fresh.solve is importlib.import_module("bargaining.api").solve
    assert "solve" in vars(fresh) and "load" not in vars(fresh)  # kept once loaded, the others still lazy


def test_every_public_name_comes_from_its_home(fresh):
    for name in fresh.__all__:
        if name == "__version__":
            continue
        home = importlib.import_module(fresh._HOMES[name])
        assert getattr(fresh, name) is getattr(home, name), name
    assert set(fresh.__all__) == set(fresh._HOMES) | {"__version__"}


def test_the_version_is_the_installed_one(fresh):
    from importlib.metadata import version

    assert fresh.__version__ == version("bargaining")


def test_an_unknown_name_is_an_attribute_error(fresh):
    with pytest.raises(AttributeError, match="module 'bargaining' has no attribute 'sovle'"):
        getattr(fresh, "sovle")
    assert not hasattr(fresh, "sovle")


def test_dir_lists_the_public_names_before_they_load(fresh):
    assert set(fresh.__all__) <= set(dir(fresh))
    assert dir(fresh) == sorted(dir(fresh))
