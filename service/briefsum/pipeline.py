"""Running stages in order: plans are checked once, runs are traced and fault-contained."""

from __future__ import annotations

import hashlib
import logging
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from briefsum.errors import BriefsumError, StageError
from briefsum.model import Document, StageRun, SummarizeResult
from briefsum.plugins import ProvidedStage
from briefsum.registry import StageRegistry
from briefsum.version import __version__

logger = logging.getLogger(__name__)

#: Called between stages; raises (e.g. :class:`~briefsum.errors.DeadlineExceeded`) to stop the run.
Checkpoint = Callable[[], None]


class PlanError(ValueError):
    """A list of stage names cannot form a pipeline; the message says why and what is available."""


def no_checkpoint() -> None:
    """The default checkpoint: never stops the run."""
    return None


@dataclass(frozen=True, slots=True)
class Pipeline:
    """An ordered, validated sequence of stages."""

    stages: tuple[ProvidedStage, ...]

    @property
    def names(self) -> tuple[str, ...]:
        """The stage names, in run order."""
        return tuple(p.stage.name for p in self.stages)

    @property
    def version(self) -> str:
        """Briefsum's version plus a digest of the stages, their versions and their plugins' versions.

        Two results with the same pipeline version were computed the same way.
        """
        parts = [f"{p.stage.name}={p.stage.version}@{p.plugin.name}={p.plugin.version}" for p in self.stages]
        digest = hashlib.sha256("|".join(parts).encode()).hexdigest()[:12]
        return f"{__version__}+{digest}"

    def run(self, document: Document, checkpoint: Checkpoint = no_checkpoint) -> SummarizeResult:
        """Run every stage on ``document``; ``checkpoint`` is called before each stage.

        A stage that raises anything but a :class:`~briefsum.errors.BriefsumError`, or returns
        something other than a :class:`~briefsum.model.Document`, becomes a
        :class:`~briefsum.errors.StageError` naming the stage and plugin; the traceback is logged
        with the same error id.
        """
        trace: list[StageRun] = []
        for provided in self.stages:
            checkpoint()
            stage, plugin = provided.stage, provided.plugin
            started = time.perf_counter()
            try:
                result = stage.run(document)
            except BriefsumError:
                raise
            except Exception:
                error_id = uuid.uuid4().hex[:12]
                logger.exception("stage %s of plugin %s raised (error id %s)", stage.name, plugin.name, error_id)
                raise StageError(stage.name, plugin.name, error_id) from None
            elapsed_ms = (time.perf_counter() - started) * 1000.0
            if not isinstance(result, Document):
                error_id = uuid.uuid4().hex[:12]
                logger.error(
                    "stage %s of plugin %s returned %s instead of a Document (error id %s)",
                    stage.name,
                    plugin.name,
                    type(result).__name__,
                    error_id,
                )
                raise StageError(stage.name, plugin.name, error_id, "returned an invalid result")
            document = result
            sentences = sum(len(article.sentences) for article in document.articles)
            trace.append(
                StageRun(stage.name, plugin.name, stage.version, elapsed_ms, len(document.articles), sentences)
            )
        return SummarizeResult(document=document, trace=tuple(trace), pipeline_version=self.version)


def plan(registry: StageRegistry, names: Sequence[str]) -> Pipeline:
    """Resolve stage names into a :class:`Pipeline`, checking names and requirements.

    Raises :class:`PlanError` for an empty list, a duplicate or unknown name, or a stage whose
    requirements no earlier stage provides.
    """
    if not names:
        raise PlanError("the pipeline is empty; available stages: " + registry.describe_available())
    seen: set[str] = set()
    stages: list[ProvidedStage] = []
    available: set[str] = set()
    for name in names:
        if name in seen:
            raise PlanError(f"stage {name!r} is listed twice")
        seen.add(name)
        provided = registry.get(name)
        if provided is None:
            raise PlanError(f"unknown stage {name!r}; available stages: {registry.describe_available()}")
        missing = sorted(set(provided.stage.requires) - available)
        if missing:
            providers = sorted(p.stage.name for p in registry if set(missing) & set(p.stage.provides))
            hint = f" (provided by {', '.join(providers)})" if providers else ""
            raise PlanError(f"stage {name!r} needs {', '.join(missing)} from an earlier stage{hint}")
        available |= set(provided.stage.provides)
        stages.append(provided)
    return Pipeline(tuple(stages))
