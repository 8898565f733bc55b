"""The composition root: settings -> plugins -> registry -> pipeline, and the request entry point.

Both the gRPC service and ``briefsum summarize --local`` call :meth:`Engine.summarize`, so a
request is validated and processed the same way whichever door it came through.
"""

from __future__ import annotations

import logging
import uuid
from collections import OrderedDict
from dataclasses import dataclass
from threading import Lock

from briefsum.errors import ConfigError, InvalidRequest, StageError
from briefsum.model import Document, SummarizeResult
from briefsum.options import SummarizeOptions
from briefsum.pipeline import Checkpoint, Pipeline, PlanError, no_checkpoint, plan
from briefsum.plugins import (
    BriefsumPlugins,
    PluginFailure,
    PluginRecord,
    PluginSkip,
    ProvidedStage,
    make_plugin_manager,
)
from briefsum.registry import StageRegistry, StageSetupFailed, build_registry
from briefsum.settings import Settings

logger = logging.getLogger(__name__)

#: Distinct per-request stage lists whose validated plans are kept.
_PLAN_CACHE_SIZE = 64


@dataclass(frozen=True, slots=True)
class PluginReport:
    """What loaded, what failed, and the default pipeline: the answer to ``ListPlugins``."""

    plugins: tuple[PluginRecord, ...]
    stages: tuple[ProvidedStage, ...]
    failures: tuple[PluginFailure, ...]
    pipeline: tuple[str, ...]
    #: Installed plugins the configuration kept out (deny, allow, safe mode).
    skipped: tuple[PluginSkip, ...] = ()
    safe_mode: bool = False


class Engine:
    """A ready-to-run pipeline with its registry and limits. Thread-safe; build one per process."""

    def __init__(self, settings: Settings, plugins: BriefsumPlugins, registry: StageRegistry) -> None:
        """Plan the configured pipeline and set its stages up.

        Raises :class:`ConfigError` for an invalid pipeline and
        :class:`~briefsum.registry.StageSetupFailed` when one of its stages cannot be set up.
        """
        self.settings = settings
        self.registry = registry
        self._plugins = plugins
        names = settings.pipeline if settings.pipeline is not None else registry.default_names()
        try:
            self.pipeline: Pipeline = plan(registry, names)
        except PlanError as exc:
            failed = "; ".join(f"plugin {f.name!r} failed: {f.reason}" for f in plugins.failures)
            raise ConfigError(f"invalid pipeline: {exc}" + (f" ({failed})" if failed else "")) from None
        for provided in self.pipeline.stages:
            registry.ready(provided)
        self._plans: OrderedDict[tuple[str, ...], Pipeline] = OrderedDict()
        self._plans_lock = Lock()

    @property
    def max_text_bytes(self) -> int:
        """The largest accepted text, in UTF-8 bytes."""
        return self.settings.server.max_text_bytes

    def report(self) -> PluginReport:
        """Plugins, their stages, failures and the default pipeline."""
        return PluginReport(
            plugins=tuple(self._plugins.records.values()),
            stages=tuple(self.registry),
            failures=tuple(self._plugins.failures),
            pipeline=self.pipeline.names,
            skipped=tuple(self._plugins.skipped),
            safe_mode=self._plugins.safe_mode,
        )

    def validate_text(self, text: str) -> None:
        """Raise :class:`InvalidRequest` (field ``text``) when ``text`` is over the size limit."""
        limit = self.max_text_bytes
        # Cheap bound first: a code point is at most 4 UTF-8 bytes, so short texts need no encoding.
        if len(text) * 4 > limit and len(text.encode("utf-8", errors="surrogatepass")) > limit:
            raise InvalidRequest.single(
                "text", f"text is larger than the limit of {limit} bytes (UTF-8); split it into smaller requests"
            )

    def pipeline_for(self, options: SummarizeOptions) -> Pipeline:
        """The default pipeline, or the validated per-request one (``options.stages``)."""
        if not options.stages:
            return self.pipeline
        key = tuple(options.stages)
        with self._plans_lock:
            cached = self._plans.get(key)
            if cached is not None:
                self._plans.move_to_end(key)
                return cached
        try:
            pipeline = plan(self.registry, key)
        except PlanError as exc:
            raise InvalidRequest.single("stages", str(exc)) from None
        for provided in pipeline.stages:
            try:
                self.registry.ready(provided)
            except StageSetupFailed as failure:
                error_id = uuid.uuid4().hex[:12]
                logger.error("%s (error id %s)", failure, error_id)
                raise StageError(provided.stage.name, provided.plugin.name, error_id, "could not be set up") from None
        with self._plans_lock:
            self._plans[key] = pipeline
            while len(self._plans) > _PLAN_CACHE_SIZE:
                self._plans.popitem(last=False)
        return pipeline

    def summarize(
        self, text: str, options: SummarizeOptions, checkpoint: Checkpoint = no_checkpoint
    ) -> SummarizeResult:
        """Validate and run one request. Empty or whitespace-only text yields no articles."""
        self.validate_text(text)
        pipeline = self.pipeline_for(options)
        document = Document(text=text, options=options)
        if not text.strip():
            return SummarizeResult(document=document, trace=(), pipeline_version=pipeline.version)
        return pipeline.run(document, checkpoint)


def build_engine(settings: Settings, plugins: BriefsumPlugins | None = None) -> Engine:
    """Load plugins (unless given), validate the pipeline and warm up its stages.

    Raises :class:`~briefsum.errors.StartupError` (or its subclasses) when the service cannot start.
    """
    if plugins is None:
        plugins = make_plugin_manager(
            entrypoints=settings.plugins.entrypoints,
            blocked=settings.plugins.deny,
            allowed=settings.plugins.allow,
            strict=settings.plugins.strict,
            safe_mode=settings.plugins.safe_mode,
        )
    registry = build_registry(plugins, settings.stages)
    while True:
        try:
            engine = Engine(settings, plugins, registry)
        except StageSetupFailed as failure:
            # A plugin's stage cannot start: report the plugin as failed (strict mode raises
            # here) and plan again without it.
            plugin = failure.provided.plugin
            plugins.fail(plugin.name, plugin.source, str(failure))
            registry = registry.without_plugin(plugin.name)
            continue
        break
    logger.info("pipeline ready: %s (version %s)", " -> ".join(engine.pipeline.names), engine.pipeline.version)
    return engine
