"""The Japanese font for the digest chart, shipped with the project's install.

IPAexGothic (IPA Font License v1.0) comes inside the `japanize-matplotlib` package from PyPI
(a dependency in pyproject.toml). Its file is registered with matplotlib by path; the package's
own module is never imported (it changes matplotlib's global settings and imports distutils).
Nothing is downloaded: a machine without the package gets None and `doctor` says so.
"""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path

from matplotlib import font_manager

FONT_PACKAGE = "japanize_matplotlib"
FONT_FILE = Path("fonts") / "ipaexg.ttf"
FONT_NAME = "IPAexGothic"
FONT_LABEL_JA = "IPAexゴシック"


def shipped_font_path() -> Path | None:
    """Where the shipped font file is, without importing the package that carries it."""
    spec = importlib.util.find_spec(FONT_PACKAGE)
    for folder in (spec.submodule_search_locations or []) if spec else []:
        candidate = Path(folder) / FONT_FILE
        if candidate.is_file():
            return candidate
    return None


@cache
def register_japanese_font() -> str | None:
    """Register the shipped font with matplotlib once per process; its family name, or None if missing."""
    path = shipped_font_path()
    if path is None:
        return None
    font_manager.fontManager.addfont(str(path))
    return font_manager.FontProperties(fname=str(path)).get_name()
