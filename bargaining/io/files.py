"""Writing outputs and reading the package's own files; with the game-file readers, the only module touching files.

Outputs are written atomically: to a temporary file in the target's folder,
renamed over the target only when complete, so an interrupted run leaves no
half-written file. A path that cannot be written is an
:class:`~bargaining.errors.InputError` naming it.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from importlib import resources
from pathlib import Path
from typing import Iterator, TextIO

from bargaining.errors import InputError

__all__ = ["check_output", "write_text", "open_output", "save_figure", "package_text", "package_bytes", "CREATOR",
           "FIGURE_METADATA"]


def _mode_for(path: Path) -> int:
    """The permissions a new file gets (those of the file it replaces, else 0o666 less the umask)."""
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _fail(err: OSError, path) -> InputError:
    return InputError(f"cannot write: {err.strerror or err}", source=str(path))


def check_output(path: str | Path, *, force: bool = False, where: str = "output") -> None:
    """Refuse, before any work, an output that would replace a file (unless ``force``) or has no folder to go in.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> check_output(folder / "new.csv")
    >>> (folder / "old.csv").write_text("kept")
    4
    >>> check_output(folder / "old.csv")
    Traceback (most recent call last):
    ...
    bargaining.errors.InputError: output: ... exists; add --force to replace it
    >>> check_output(folder / "old.csv", force=True)
    """
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise InputError(f"{path} is a folder; give a file name", where=where)
    if not folder.is_dir():
        raise InputError(f"the folder {folder} does not exist", where=where)
    if not os.access(folder, os.W_OK):
        raise InputError(f"the folder {folder} is not writable", where=where)
    if path.exists() and not force:
        raise InputError(f"{path} exists; add --force to replace it", where=where)


@contextlib.contextmanager
def open_output(path: str | Path, *, binary: bool = False) -> Iterator[TextIO]:
    """A stream that becomes ``path`` when the block ends without an error.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "out.csv"
    >>> with open_output(target) as f:
    ...     _ = f.write("a,b\\n")
    >>> target.read_text()
    'a,b\\n'
    """
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as err:
        raise _fail(err, path) from None
    try:
        mode = "wb" if binary else "w"
        with os.fdopen(fd, mode, **({} if binary else {"encoding": "utf-8", "newline": ""})) as stream:
            yield stream
        os.chmod(tmp, _mode_for(path))
        os.replace(tmp, path)
    except OSError as err:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise _fail(err, path) from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def write_text(path: str | Path, text: str) -> None:
    """Write ``text`` (with a final newline) to ``path`` atomically."""
    with open_output(path) as stream:
        stream.write(text if text.endswith("\n") else text + "\n")


#: What a figure file says made it, in place of matplotlib's version and the time (which would change its bytes).
CREATOR = "bargaining"

#: The metadata written into each kind of figure file: nothing that changes from run to run.
FIGURE_METADATA = {
    "png": {"Software": CREATOR},
    "svg": {"Creator": CREATOR, "Date": None},
    "pdf": {"Creator": CREATOR, "Producer": CREATOR, "CreationDate": None, "ModDate": None},
    "ps": {"Creator": CREATOR},
    "eps": {"Creator": CREATOR},
}


def save_figure(fig, path: str | Path, *, dpi: int = 150, pad_inches: float = 0.1) -> None:
    """Write a matplotlib figure to ``path`` (PNG, SVG or PDF by its suffix).

    The same figure gives the same bytes on every run, whatever ``PYTHONHASHSEED``: no date, a fixed creator,
    and SVG element ids drawn from a fixed salt (``svg.hashsalt``) rather than random ones.
    """
    import matplotlib

    fmt = Path(path).suffix.lstrip(".").lower() or None
    metadata = FIGURE_METADATA.get(fmt)
    try:
        with open_output(path, binary=True) as stream, matplotlib.rc_context({"svg.hashsalt": CREATOR}):
            fig.savefig(stream, format=fmt, dpi=dpi, bbox_inches="tight", pad_inches=pad_inches, metadata=metadata)
    except ValueError as err:
        raise InputError(f"cannot write the figure: {err}", source=str(path)) from None


def package_text(name: str) -> str:
    """The text of a file shipped inside the package, such as ``data/capabilities.csv``."""
    return resources.files("bargaining").joinpath(name).read_text(encoding="utf-8")


def package_bytes(name: str) -> bytes:
    """The bytes of a file shipped inside the package, such as ``server/static/app.js``."""
    return resources.files("bargaining").joinpath(name).read_bytes()
