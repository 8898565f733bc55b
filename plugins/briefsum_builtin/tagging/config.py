"""Options of the tagging stage and the categories they select.

::

    [stages."builtin.tags"]
    categories_dir = "/etc/briefsum/categories"  # *.toml files: add categories, or replace same-named ones
    builtin_categories = true                   # false: drop policy, trade, energy, agriculture
    disable = ["policy"]                        # never tag these (built-in or plugin categories)
    thresholds = { energy = 0.6 }               # override a category's threshold
    max_evidence = 8                            # evidence terms reported per tag
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from briefsum.categories import CategoryDefinition, load_categories
from briefsum.errors import ConfigError
from briefsum.plugins import PluginSource, ProvidedCategory
from pydantic import BaseModel, ConfigDict, Field, ValidationError

#: The configuration table the options come from, for error messages.
OPTIONS_TABLE = 'stages."builtin.tags"'


class TagOptions(BaseModel):
    """The ``[stages."builtin.tags"]`` table."""

    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)

    categories_dir: Path | None = Field(default=None, description="Folder of category files to add or replace.")
    builtin_categories: bool = Field(default=True, description="Use the four built-in categories.")
    disable: tuple[str, ...] = Field(default=(), description="Category names never to tag.")
    thresholds: dict[str, float] = Field(default_factory=dict, description="Category name -> threshold (0-1).")
    max_evidence: int = Field(default=8, ge=1, le=100, description="Evidence terms reported per tag.")


@dataclass(frozen=True, slots=True)
class ActiveCategory:
    """A category the stage scores, and where it came from (plugin name, file)."""

    definition: CategoryDefinition
    plugin: str
    origin: str


def parse_options(options: Mapping[str, Any]) -> TagOptions:
    """Validate the stage's options; a bad one raises :class:`ConfigError` naming it."""
    try:
        return TagOptions.model_validate(dict(options))
    except ValidationError as exc:
        problems = "; ".join(
            f"{OPTIONS_TABLE}.{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors(include_url=False)
        )
        raise ConfigError(f"invalid options: {problems}") from None


def select_categories(options: TagOptions, provided: Sequence[ProvidedCategory]) -> tuple[ActiveCategory, ...]:
    """The categories to score, by name: plugins' (built-ins unless turned off), then the folder's.

    A file in ``categories_dir`` replaces the category of the same name. Names in ``disable`` and
    ``thresholds`` must exist, so a typo is an error rather than a silent no-op.
    """
    chosen = {
        p.category.name: ActiveCategory(p.category, p.plugin.name, p.origin)
        for p in provided
        if options.builtin_categories or p.plugin.source is not PluginSource.BUILTIN
    }
    if options.categories_dir is not None:
        for category in load_categories(options.categories_dir):
            chosen[category.name] = ActiveCategory(category, "config", str(options.categories_dir))
    available = ", ".join(sorted(chosen)) or "none"
    for field, names in (("disable", options.disable), ("thresholds", tuple(options.thresholds))):
        unknown = sorted(set(names) - set(chosen))
        if unknown:
            raise ConfigError(
                f"invalid options: {OPTIONS_TABLE}.{field}: unknown categories {', '.join(unknown)}; "
                f"available: {available}"
            )
    for name, threshold in options.thresholds.items():
        if not 0.0 < threshold < 1.0:
            raise ConfigError(f"invalid options: {OPTIONS_TABLE}.thresholds.{name}: must be between 0 and 1")
        active = chosen[name]
        chosen[name] = ActiveCategory(
            active.definition.model_copy(update={"threshold": threshold}), active.plugin, active.origin
        )
    return tuple(chosen[name] for name in sorted(chosen) if name not in options.disable)
