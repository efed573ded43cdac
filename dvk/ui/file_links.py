"""Which folders the file server serves, and the http(s) address of a file written in them.

A served folder is a configured path pattern (`ket_qua/{year}`); a file inside it is reached at
`<public address>/tep/<folder key>/<year>/<path inside>`. Pure path arithmetic: the server
(dvk.ui.fileserver) and the artifacts (dvk.ui.artifacts) both use it, so a link always points
where the server looks.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path, PurePath, PurePosixPath
from urllib.parse import quote

from dvk.ui.serve_config import ServeConfig, load_serve_config, resolve_path

YEAR = "{year}"
FILES_URL_ENV = "DVK_FILES_URL"  # set by `dvk serve` for the flow runs it starts
FILES_ROUTE = "tep"
YEAR_ROUTE = "nam"


@dataclass(frozen=True)
class ServedFolder:
    key: str  # the URL segment
    label: str  # shown on the index pages
    pattern: str  # the configured path; "{year}" allowed

    @property
    def yearly(self) -> bool:
        return YEAR in self.pattern

    def folder(self, year: int | None = None) -> Path:
        return resolve_path(self.pattern, year).resolve()

    def locate(self, path: Path) -> tuple[int | None, PurePosixPath] | None:
        """(year, path inside the folder) of a file written in this folder; None when outside."""
        path = Path(path).resolve()
        if not self.yearly:
            root = self.folder()
            if not path.is_relative_to(root):
                return None
            return None, PurePosixPath(path.relative_to(root).as_posix())
        pattern = re.escape(str(resolve_path(self.pattern).resolve())).replace(re.escape(YEAR), r"(\d{4})")
        match = re.fullmatch(pattern + re.escape(os.sep) + "(.+)", str(path))
        if not match:
            return None
        return int(match[1]), PurePosixPath(Path(match[2]).as_posix())

    def inside(self, year: int | None, relative: str) -> Path | None:
        """The file a request names, only when it is a visible file really inside the folder."""
        parts = PurePosixPath(relative).parts
        if not parts or any(p.startswith(".") or "\\" in p or "\x00" in p for p in parts):
            return None
        root = self.folder(year)
        target = root.joinpath(*parts).resolve()
        return target if target.is_relative_to(root) and target.is_file() else None


def served_folders(config: ServeConfig) -> list[ServedFolder]:
    """The year's results, the registers (when kept elsewhere) and the multi-year reviews."""
    folders = [ServedFolder("ket-qua", "Kết quả của năm", config.output)]
    if config.registers != config.output:
        folders.append(ServedFolder("so-theo-doi", "Sổ theo dõi", config.registers))
    folders.append(ServedFolder("tong-hop", "Sơ kết, tổng kết", config.review_output))
    return folders


@dataclass(frozen=True)
class FileLinks:
    """Builds the links a run's artifacts show; without an address (no file server) there are none."""

    base_url: str
    folders: list[ServedFolder]

    def file_url(self, path: Path) -> str | None:
        for folder in self.folders:
            found = folder.locate(path)
            if found is not None:
                return self.url_in(folder, *found)
        return None

    def url_in(self, folder: ServedFolder, year: int | None, inside: PurePath) -> str:
        """The address of a file at `inside` (a relative path) in a served folder (of the year)."""
        dated = [str(year)] if year is not None else []
        segments = [FILES_ROUTE, folder.key, *dated, *inside.parts]
        return f"{self.base_url}/" + "/".join(quote(s) for s in segments)

    def year_url(self, year: int) -> str:
        return f"{self.base_url}/{YEAR_ROUTE}/{year}"


def run_links(config: ServeConfig | None = None) -> FileLinks | None:
    """The links for a flow run `dvk serve` started (it sets $DVK_FILES_URL); None otherwise,
    without reading the office settings (loaded only when not given and there is an address)."""
    base = os.environ.get(FILES_URL_ENV, "").strip().rstrip("/")
    if not base:
        return None
    return FileLinks(base, served_folders(config or load_serve_config()))
