"""Helpers for testing briefsum and briefsum plugins against the real thing.

For plugin authors:

- :func:`plugin_engine` builds a warmed-up engine with the built-in stages and your plugin(s)
  only (installed entry-point plugins are not loaded, so tests do not depend on the machine);
- :func:`check_stage_contract` runs a stage on empty, one-sentence, full-width and wrapped-page
  texts and fails with every rule it breaks (see :mod:`briefsum.contract`)::

      from briefsum.testing import check_stage_contract
      from briefsum_mystage import MyStage

      def test_stage_contract():
          check_stage_contract(MyStage())

- :func:`running_server` starts a real gRPC server on ``127.0.0.1:0`` in a background thread, so a
  test can call it through a real channel; :func:`running_service` does the same with worker
  processes (``engine_factory``) and an optional metrics port, and yields a handle to stop it.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from types import ModuleType
from typing import Any

from briefsum.contract import CONTRACT_TEXTS, Violation, contract_violations
from briefsum.engine import Engine, build_engine
from briefsum.model import Document
from briefsum.options import SummarizeOptions, parse_options
from briefsum.pipeline import plan
from briefsum.plugins import DEFAULT_PLUGINS, make_plugin_manager
from briefsum.rpc.testing import RunningService, running_service
from briefsum.settings import Settings, load_settings
from briefsum.stages import Stage

__all__ = [
    "CONTRACT_TEXTS",
    "RunningService",
    "StageContractError",
    "check_stage_contract",
    "plugin_engine",
    "running_server",
    "running_service",
]


class StageContractError(AssertionError):
    """A stage broke the stage contract; the message lists every violation."""

    def __init__(self, stage: str, violations: Sequence[Violation]) -> None:
        self.violations = tuple(violations)
        lines = "\n".join(f"  - {v}" for v in violations)
        super().__init__(f"stage {stage!r} breaks the stage contract:\n{lines}")


def _named(plugin: object) -> tuple[str, object]:
    if isinstance(plugin, tuple):
        name, obj = plugin
        return str(name), obj
    if isinstance(plugin, ModuleType):
        return plugin.__name__.partition(".")[0].removeprefix("briefsum_"), plugin
    return type(plugin).__name__.lower(), plugin


def plugin_engine(
    *plugins: object,
    pipeline: Sequence[str] | None = None,
    stage_options: Mapping[str, Mapping[str, Any]] | None = None,
    builtins: bool = True,
) -> Engine:
    """A warmed-up engine with the built-in stages and ``plugins``, nothing else installed.

    :param plugins: plugin modules (``import briefsum_mystage``), plugin objects, or
        ``(name, plugin)`` pairs. A module ``briefsum_x`` is registered as plugin ``x``.
    :param pipeline: stage names to run by default; default: every default stage in phase order.
    :param stage_options: per-stage options, as the ``[stages."<name>"]`` tables of a config file.
    :param builtins: also register the built-in stages (page, sentences, tokens, ...).

    Plugins load in strict mode: a plugin that fails to load raises instead of being skipped.
    """
    manager = make_plugin_manager(
        entrypoints=False,
        builtins=DEFAULT_PLUGINS if builtins else (),
        extra=[_named(p) for p in plugins],
        strict=True,
    )
    overrides: dict[str, Any] = {"stages": {k: dict(v) for k, v in (stage_options or {}).items()}}
    if pipeline is not None:
        overrides["pipeline"] = list(pipeline)
    return build_engine(load_settings(**overrides), manager)


def check_stage_contract(
    stage: Stage,
    engine: Engine | None = None,
    *,
    texts: Sequence[tuple[str, str]] = CONTRACT_TEXTS,
    options: SummarizeOptions | None = None,
) -> None:
    """Run ``stage`` on small real documents; raise :class:`StageContractError` listing what it breaks.

    Each text of ``texts`` goes through the stages that come before ``stage`` in the default
    pipeline of ``engine`` (default: :func:`plugin_engine` with the built-ins only), then through
    ``stage``: twice, on two independently built equal inputs. ``stage.setup()`` is called first
    (through the engine's registry when ``stage`` is the engine's own object, so at most once).
    Pass ``engine`` when the stage needs stages of other plugins before it.
    """
    engine = engine if engine is not None else plugin_engine()
    own = engine.registry.get(stage.name)
    if own is not None and own.stage is stage:
        engine.registry.ready(own)  # set up once, as the engine would on first use
    else:
        stage.setup()
    key = (stage.phase, stage.name)
    before = [
        provided
        for provided in (engine.registry.get(name) for name in engine.registry.default_names())
        if provided is not None
        and provided.stage.name != stage.name
        and (provided.stage.phase, provided.stage.name) < key
    ]
    available = {capability for provided in before for capability in provided.stage.provides}
    missing = sorted(set(stage.requires) - available)
    if missing:
        problem = f"needs {', '.join(missing)}, which no stage before it provides; pass engine=plugin_engine(...)"
        raise StageContractError(stage.name, [Violation("setup", problem)])
    prefix = plan(engine.registry, [p.stage.name for p in before]) if before else None
    options = options if options is not None else parse_options({})

    def build(text: str) -> Document:
        document = Document(text=text, options=options)
        return prefix.run(document).document if prefix is not None else document

    inputs = [(label, build(text), build(text)) for label, text in texts]
    violations = contract_violations(stage, inputs)
    if violations:
        raise StageContractError(stage.name, violations)


@contextmanager
def running_server(settings: Settings, engine: Engine | None) -> Iterator[int]:
    """Run a server for ``engine`` on 127.0.0.1 (a free port) and yield the port.

    With ``engine=None`` the server stays in its warming-up state (health NOT_SERVING).
    """
    with running_service(settings, engine, grace=1.0) as service:
        yield service.port
