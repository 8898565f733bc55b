"""What a worker process does with a request: protobuf bytes in, protobuf bytes out.

The server process sends the serialized ``SummarizeRequest``; the worker replies with a serialized
``SummarizeResponse``, or with the ``google.rpc.Status`` that :func:`~briefsum.rpc.status.to_rpc_status`
made of the error, so error mapping stays in one place whichever process the error happened in.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from briefsum.engine import Engine, build_engine
from briefsum.rpc import convert
from briefsum.rpc.status import to_rpc_status
from briefsum.serving.worker import Job
from briefsum.settings import Settings
from briefsum.v1 import briefsum_pb2 as pb

#: Builds a warmed-up engine in a worker process. Must be picklable (a module-level function or a
#: :func:`functools.partial` of one).
EngineFactory = Callable[[], Engine]


class SummarizeHandler:
    """Runs ``Summarize`` requests on an engine built once per worker."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    @classmethod
    def build(cls, engine_factory: EngineFactory) -> SummarizeHandler:
        """Build the engine (load plugins, warm up stages) and wrap it."""
        return cls(engine_factory())

    def info(self) -> bytes:
        """The serialized ``ListPluginsResponse`` of this worker's engine."""
        return convert.plugins_response(self._engine.report()).SerializeToString()

    def __call__(self, payload: bytes, job: Job) -> tuple[bool, bytes]:
        """Run one serialized request; never raises."""
        try:
            request = pb.SummarizeRequest.FromString(payload)
            options = convert.options_from_request(request)
            stages = iter(self._engine.pipeline_for(options).stages)

            def checkpoint() -> None:
                # The pipeline calls this before each stage, in order: name the stage for the watchdog.
                provided = next(stages)
                job.checkpoint(provided.stage.name, provided.plugin.name)

            result = self._engine.summarize(request.text, options, checkpoint)
            return True, convert.response_from_result(request.id, result).SerializeToString()
        except Exception as exc:  # noqa: BLE001 - every error becomes a status; a bug becomes INTERNAL
            return False, to_rpc_status(exc).SerializeToString()


def handler_factory(engine_factory: EngineFactory) -> Callable[[], SummarizeHandler]:
    """A picklable factory of :class:`SummarizeHandler` for :class:`~briefsum.serving.pool.WorkerPool`."""
    return functools.partial(SummarizeHandler.build, engine_factory)


def default_engine_factory(settings: Settings) -> EngineFactory:
    """Build the engine the configuration describes (installed plugins included)."""
    return functools.partial(build_engine, settings)
