"""Loading plugins: a fresh pluggy manager per service, and a typed facade over its hooks.

There is no global plugin manager: :func:`make_plugin_manager` builds one and the caller passes it
down, so tests and worker processes never share plugin state. Loading is fault-isolated: a plugin
that fails to import, has a hook implementation with no matching spec, or raises in a hook is
recorded as a :class:`PluginFailure` and skipped, unless ``strict`` asks to stop start-up.
"""

from __future__ import annotations

import enum
import importlib
import logging
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import metadata
from types import ModuleType
from typing import Any

import pluggy

from briefsum import hookspecs
from briefsum.categories import CategoryDefinition, CategorySource, load_source
from briefsum.errors import ConfigError, PluginError
from briefsum.stages import Stage
from briefsum.version import __version__

logger = logging.getLogger(__name__)

#: Modules that provide the built-in stages, registered before any entry-point plugin (the same
#: way pytest registers its ``default_plugins``).
DEFAULT_PLUGINS: tuple[tuple[str, str], ...] = (("builtin", "briefsum_builtin"),)

#: Why a plugin was skipped, as reported in ``ListPlugins`` and ``briefsum plugins``.
DENIED = "denied by plugins.deny"
NOT_ALLOWED = "not in plugins.allow"
SAFE_MODE = "safe mode: only built-in plugins load"


class PluginSource(enum.Enum):
    """Where a plugin came from."""

    BUILTIN = "builtin"
    ENTRY_POINT = "entry_point"


@dataclass(frozen=True, slots=True)
class PluginRecord:
    """A plugin that loaded."""

    name: str
    version: str
    source: PluginSource
    module: str


@dataclass(frozen=True, slots=True)
class PluginFailure:
    """A plugin that did not load, or whose hooks failed, and why (no traceback)."""

    name: str
    source: PluginSource
    reason: str


@dataclass(frozen=True, slots=True)
class PluginSkip:
    """An installed plugin the configuration kept from loading, and which setting did."""

    name: str
    source: PluginSource
    reason: str


@dataclass(frozen=True, slots=True)
class ProvidedStage:
    """A stage together with the plugin that registered it."""

    stage: Stage
    plugin: PluginRecord


@dataclass(frozen=True, slots=True)
class ProvidedCategory:
    """A tag category together with the plugin that contributed it and where it was read from."""

    category: CategoryDefinition
    plugin: PluginRecord
    #: The category file, or ``"<plugin>"`` for a definition built in code.
    origin: str


@dataclass
class BriefsumPlugins:
    """Typed facade over the plugin manager: callers never touch the untyped ``pm.hook``."""

    manager: pluggy.PluginManager
    records: dict[str, PluginRecord] = field(default_factory=dict)
    failures: list[PluginFailure] = field(default_factory=list)
    skipped: list[PluginSkip] = field(default_factory=list)
    strict: bool = False
    safe_mode: bool = False

    def fail(self, name: str, source: PluginSource, exc: BaseException | str) -> None:
        """Record that plugin ``name`` failed; raise :class:`PluginError` in strict mode."""
        reason = exc if isinstance(exc, str) else f"{type(exc).__name__}: {exc}"
        if self.strict:
            raise PluginError(f"plugin {name!r} ({source.value}) failed: {reason} (strict mode is on)")
        logger.error("plugin %r (%s) failed and is disabled: %s", name, source.value, reason)
        self.failures.append(PluginFailure(name, source, reason))
        plugin = self.manager.get_plugin(name)
        if plugin is not None:
            self.manager.unregister(plugin)
        self.records.pop(name, None)

    def skip(self, name: str, source: PluginSource, reason: str) -> None:
        """Record that the configuration kept plugin ``name`` from loading."""
        logger.info("plugin %r (%s) not loaded: %s", name, source.value, reason)
        self.skipped.append(PluginSkip(name, source, reason))

    def _caller(self, hook: str, name: str) -> pluggy.HookCaller:
        """A caller of ``hook`` that reaches only plugin ``name``, so results have a known owner."""
        plugin = self.manager.get_plugin(name)
        others = [p for p in self.manager.get_plugins() if p is not plugin]
        return self.manager.subset_hook_caller(hook, remove_plugins=others)

    def categories(self, options: Mapping[str, Mapping[str, Any]]) -> list[ProvidedCategory]:
        """Call ``briefsum_categories`` on each plugin separately and load what it returned.

        A plugin whose hook raises or returns a missing or invalid category file is failed (see
        :meth:`fail`); two plugins contributing the same category name raise :class:`PluginError`.
        """
        provided: list[ProvidedCategory] = []
        for name, record in list(self.records.items()):
            try:
                results: list[Sequence[CategorySource]] = self._caller("briefsum_categories", name)(options=options)
                loaded = [_load_category(source, name) for result in results for source in result]
            except Exception as exc:  # noqa: BLE001 - a plugin's bug or bad file must not stop the host
                self.fail(name, record.source, exc)
                continue
            provided.extend(ProvidedCategory(category, record, origin) for category, origin in loaded)
        _reject_duplicate_categories(provided)
        return provided

    def stages(
        self, options: Mapping[str, Mapping[str, Any]], categories: Sequence[ProvidedCategory] = ()
    ) -> list[ProvidedStage]:
        """Call ``briefsum_stages`` on each plugin separately, so each stage has a known owner."""
        provided: list[ProvidedStage] = []
        for name, record in list(self.records.items()):
            caller = self._caller("briefsum_stages", name)
            try:
                results: list[Sequence[Stage]] = caller(options=options, categories=tuple(categories))
                stages = [stage for result in results for stage in result]
                for stage in stages:
                    _check_stage(stage)
            except ConfigError:
                raise  # the user's configuration (a stage option) is wrong: stop start-up, naming it
            except Exception as exc:  # noqa: BLE001 - a plugin's bug must not stop the host
                self.fail(name, record.source, exc)
                continue
            provided.extend(ProvidedStage(stage, record) for stage in stages)
        return provided


def _load_category(source: object, plugin: str) -> tuple[CategoryDefinition, str]:
    origin = f"<{plugin}>" if isinstance(source, CategoryDefinition) else str(source)
    return load_source(source), origin


def _reject_duplicate_categories(provided: Sequence[ProvidedCategory]) -> None:
    owners: dict[str, list[str]] = {}
    for item in provided:
        owners.setdefault(item.category.name, []).append(f"{item.plugin.name} ({item.origin})")
    duplicates = {name: where for name, where in owners.items() if len(where) > 1}
    if duplicates:
        listing = "; ".join(f"{name!r} by {', '.join(where)}" for name, where in sorted(duplicates.items()))
        raise PluginError(f"duplicate category names: {listing}; deny one of the plugins")


def _check_stage(stage: object) -> None:
    if not isinstance(stage, Stage):
        raise TypeError(f"briefsum_stages returned {stage!r}, which does not implement briefsum.stages.Stage")
    if not isinstance(stage.name, str) or "." not in stage.name.strip("."):
        raise TypeError(f"stage name {stage.name!r} must be namespaced, like 'myplugin.mystage'")


def make_plugin_manager(
    *,
    entrypoints: bool = True,
    builtins: Sequence[tuple[str, str]] = DEFAULT_PLUGINS,
    blocked: Collection[str] = (),
    allowed: Collection[str] | None = None,
    extra: Iterable[tuple[str, object]] = (),
    strict: bool = False,
    safe_mode: bool = False,
) -> BriefsumPlugins:
    """Build a plugin manager with the built-in plugins, entry-point plugins and ``extra`` ones.

    :param entrypoints: load installed plugins from the ``briefsum`` entry-point group.
    :param builtins: ``(name, module)`` pairs of built-in plugins.
    :param blocked: plugin names never to load (built-in or entry point).
    :param allowed: if given, load only entry-point plugins with these names.
    :param extra: ``(name, plugin object)`` pairs registered as entry-point plugins; for tests and
        embedding.
    :param strict: raise :class:`PluginError` on the first plugin failure instead of skipping it.
    :param safe_mode: load the built-in plugins only: entry points and ``extra`` are skipped (and
        reported as such), whatever ``entrypoints`` and ``allowed`` say.

    Installed plugins kept out by ``blocked``, ``allowed`` or ``safe_mode`` are listed in
    :attr:`BriefsumPlugins.skipped` with the setting that did it.
    """
    manager = pluggy.PluginManager(hookspecs.PROJECT_NAME)
    manager.add_hookspecs(hookspecs)
    plugins = BriefsumPlugins(manager=manager, strict=strict, safe_mode=safe_mode)
    for name in blocked:
        manager.set_blocked(name)

    for name, module_name in builtins:
        if name in blocked:
            plugins.skip(name, PluginSource.BUILTIN, DENIED)
            continue
        _register(plugins, name, PluginSource.BUILTIN, lambda m=module_name: importlib.import_module(m), __version__)

    if entrypoints or safe_mode:
        for ep in sorted(metadata.entry_points(group=hookspecs.PROJECT_NAME), key=lambda e: e.name):
            reason = _skip_reason(ep.name, blocked, allowed, safe_mode=safe_mode)
            if reason is not None:
                plugins.skip(ep.name, PluginSource.ENTRY_POINT, reason)
                continue
            version = ep.dist.version if ep.dist is not None else "unknown"
            _register(plugins, ep.name, PluginSource.ENTRY_POINT, ep.load, version)

    if safe_mode:
        for name, _obj in extra:
            plugins.skip(name, PluginSource.ENTRY_POINT, SAFE_MODE)
        extra = ()

    for name, obj in extra:
        _register(plugins, name, PluginSource.ENTRY_POINT, lambda o=obj: o, "unknown")

    _reject_unknown_hooks(plugins)
    return plugins


def _skip_reason(
    name: str, blocked: Collection[str], allowed: Collection[str] | None, *, safe_mode: bool
) -> str | None:
    if safe_mode:
        return SAFE_MODE
    if name in blocked:
        return DENIED
    if allowed is not None and name not in allowed:
        return NOT_ALLOWED
    return None


def _register(plugins: BriefsumPlugins, name: str, source: PluginSource, load: Any, version: str) -> None:
    if plugins.manager.has_plugin(name) or name in plugins.records:
        plugins.fail(name, source, f"another plugin is already registered as {name!r}")
        return
    try:
        obj = load()
        plugins.manager.register(obj, name=name)
    except Exception as exc:  # noqa: BLE001 - import errors of third-party code are reported, not raised
        plugins.fail(name, source, exc)
        return
    version = getattr(obj, "__version__", None) or version
    module = obj.__name__ if isinstance(obj, ModuleType) else type(obj).__module__
    plugins.records[name] = PluginRecord(name, str(version), source, module)


def _reject_unknown_hooks(plugins: BriefsumPlugins) -> None:
    """Like ``pm.check_pending()``, but attributes each unknown hook to its plugin."""
    for hook_name, caller in list(vars(plugins.manager.hook).items()):
        if caller.has_spec():
            continue
        for impl in caller.get_hookimpls():
            if impl.optionalhook:
                continue
            record = plugins.records.get(impl.plugin_name)
            source = record.source if record else PluginSource.ENTRY_POINT
            plugins.fail(impl.plugin_name, source, f"unknown hook {hook_name!r} (no such hookspec; typo?)")
