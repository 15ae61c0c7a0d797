"""Listeners by Slack surface; each folder registers every handler module it holds.

Adding a handler is adding a file with a `register(app)` function to the right folder
(events/, actions/, commands/, views/): nobody else's file needs editing.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterable

from slack_bolt.async_app import AsyncApp

SURFACES = ("events", "actions", "commands", "views")


def register_package(app: AsyncApp, package: str, path: Iterable[str]) -> None:
    for module in sorted(pkgutil.iter_modules(path), key=lambda m: m.name):
        if module.name.startswith("_"):
            continue
        importlib.import_module(f"{package}.{module.name}").register(app)


def register_listeners(app: AsyncApp) -> None:
    for surface in SURFACES:
        importlib.import_module(f"{__name__}.{surface}").register(app)
