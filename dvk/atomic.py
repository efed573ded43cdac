"""Writing an output file so that a crash or a full disk never leaves half a file behind."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path


def save_atomically(path: Path, save: Callable[[Path], object]) -> Path:
    """Call `save(temporary)` next to `path`, then move the finished file into place."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=path.parent, suffix=path.suffix, delete=False) as handle:
        temporary = Path(handle.name)
    try:
        save(temporary)
        temporary.replace(path)
    finally:
        temporary.unlink(missing_ok=True)
    return path
