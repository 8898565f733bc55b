"""The stage registry: every stage the plugins registered, warmed up, by unique name."""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence

from briefsum.errors import StartupError
from briefsum.plugins import BriefsumPlugins, ProvidedStage

logger = logging.getLogger(__name__)


class StageRegistry:
    """Stages by name, each with its owning plugin. Built once at start-up; read-only afterwards."""

    def __init__(self, provided: Sequence[ProvidedStage]) -> None:
        owners: dict[str, list[str]] = {}
        for item in provided:
            owners.setdefault(item.stage.name, []).append(item.plugin.name)
        duplicates = {name: plugins for name, plugins in owners.items() if len(plugins) > 1}
        if duplicates:
            listing = "; ".join(f"{name!r} by plugins {', '.join(p)}" for name, p in sorted(duplicates.items()))
            raise StartupError(f"duplicate stage names: {listing}; block one of the plugins or rename the stage")
        self._stages = {item.stage.name: item for item in provided}

    def __contains__(self, name: object) -> bool:
        return name in self._stages

    def __iter__(self) -> Iterator[ProvidedStage]:
        return iter(self._stages.values())

    def __len__(self) -> int:
        return len(self._stages)

    def get(self, name: str) -> ProvidedStage | None:
        """The stage called ``name``, or ``None``."""
        return self._stages.get(name)

    def names(self) -> list[str]:
        """All stage names, sorted."""
        return sorted(self._stages)

    def default_names(self) -> tuple[str, ...]:
        """The default pipeline: stages marked ``default``, in phase order, then by name."""
        chosen = [p.stage for p in self._stages.values() if p.stage.default]
        return tuple(s.name for s in sorted(chosen, key=lambda s: (s.phase, s.name)))

    def describe_available(self) -> str:
        """``name (plugin)`` for every stage, for error messages."""
        return ", ".join(f"{p.stage.name} ({p.plugin.name})" for p in sorted(self, key=lambda p: p.stage.name))


def build_registry(plugins: BriefsumPlugins, options: dict[str, dict[str, object]]) -> StageRegistry:
    """Collect the categories and stages of all plugins and warm each stage up (``Stage.setup``).

    Categories are collected first, so every ``briefsum_stages`` implementation receives them. A
    stage whose ``setup`` raises disables its plugin (reported like an import failure), or stops
    start-up in strict mode.
    """
    provided = plugins.stages(options, plugins.categories(options))
    ready: list[ProvidedStage] = []
    failed_plugins: set[str] = set()
    for item in provided:
        if item.plugin.name in failed_plugins:
            continue
        try:
            item.stage.setup()
        except StartupError:
            raise  # a configuration mistake (e.g. a bad stage option) must stop start-up
        except Exception as exc:  # noqa: BLE001 - a plugin's bug is reported, not fatal
            failed_plugins.add(item.plugin.name)
            plugins.fail(item.plugin.name, item.plugin.source, f"stage {item.stage.name!r} setup failed: {exc}")
            continue
        ready.append(item)
    ready = [item for item in ready if item.plugin.name not in failed_plugins]
    logger.info("registered %d stages from %d plugins", len(ready), len(plugins.records))
    return StageRegistry(ready)
