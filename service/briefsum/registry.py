"""The stage registry: every stage the plugins registered, by unique name, set up on first need.

Stages of the configured pipeline are set up (warmed up) at start-up, before the service reports
SERVING; a stage that only a per-request ``stages`` override uses is set up the first time a request
needs it, so an alternative engine nobody calls costs no start-up time or memory.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator, Sequence

from briefsum.errors import StartupError
from briefsum.plugins import BriefsumPlugins, ProvidedStage

logger = logging.getLogger(__name__)


class StageSetupFailed(Exception):
    """A stage's ``setup()`` raised; ``reason`` is the exception's type and message."""

    def __init__(self, provided: ProvidedStage, reason: str) -> None:
        super().__init__(f"stage {provided.stage.name!r} setup failed: {reason}")
        self.provided = provided
        self.reason = reason


class StageRegistry:
    """Stages by name, each with its owning plugin, and which of them are set up. Thread-safe."""

    def __init__(self, provided: Sequence[ProvidedStage]) -> None:
        owners: dict[str, list[str]] = {}
        for item in provided:
            owners.setdefault(item.stage.name, []).append(item.plugin.name)
        duplicates = {name: plugins for name, plugins in owners.items() if len(plugins) > 1}
        if duplicates:
            listing = "; ".join(f"{name!r} by plugins {', '.join(p)}" for name, p in sorted(duplicates.items()))
            raise StartupError(f"duplicate stage names: {listing}; block one of the plugins or rename the stage")
        self._stages = {item.stage.name: item for item in provided}
        self._ready: set[str] = set()
        self._broken: dict[str, str] = {}
        self._setup_lock = threading.Lock()

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

    def without_plugin(self, plugin: str) -> StageRegistry:
        """A registry without the stages of ``plugin`` (set-up state is kept)."""
        registry = StageRegistry([p for p in self if p.plugin.name != plugin])
        registry._ready = self._ready & set(registry._stages)
        return registry

    def ready(self, provided: ProvidedStage) -> None:
        """Set ``provided`` up unless it already is; raise :class:`StageSetupFailed` if it cannot be.

        ``setup()`` runs at most once per stage, also when it failed: the failure is remembered.
        A :class:`~briefsum.errors.StartupError` (a configuration mistake) propagates as is.
        """
        name = provided.stage.name
        if name in self._ready:
            return
        with self._setup_lock:
            if name in self._ready:
                return
            if name in self._broken:
                raise StageSetupFailed(provided, self._broken[name])
            try:
                provided.stage.setup()
            except StartupError:
                raise
            except Exception as exc:  # a plugin's bug: the caller reports it
                self._broken[name] = f"{type(exc).__name__}: {exc}"
                raise StageSetupFailed(provided, self._broken[name]) from exc
            self._ready.add(name)


def build_registry(plugins: BriefsumPlugins, options: dict[str, dict[str, object]]) -> StageRegistry:
    """Collect the categories and stages of all plugins; nothing is set up yet.

    Categories are collected first, so every ``briefsum_stages`` implementation receives them.
    Stages are set up by :meth:`StageRegistry.ready`.
    """
    registry = StageRegistry(plugins.stages(options, plugins.categories(options)))
    logger.info("registered %d stages from %d plugins", len(registry), len(plugins.records))
    return registry
