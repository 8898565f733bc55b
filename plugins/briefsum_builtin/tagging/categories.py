"""The built-in categories: one TOML file each in ``data/`` (policy, trade, energy, agriculture)."""

from __future__ import annotations

from importlib import resources
from importlib.resources.abc import Traversable

from briefsum.categories import category_files


def builtin_category_files() -> list[Traversable]:
    """The category files shipped with briefsum, sorted by name."""
    folder = resources.files("briefsum_builtin").joinpath("tagging", "data")
    return category_files(folder)
