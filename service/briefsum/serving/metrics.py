"""Prometheus metrics of one service, in their own registry, served on a separate HTTP port.

Every metric is recorded in the server process: the worker processes only compute, and what they
measure (each stage's elapsed time) travels back in the response. So the numbers are exact across
any number of workers without prometheus_client's multiprocess mode and its shared files.

=====================================  =========  ==========================================
metric                                 type       labels
=====================================  =========  ==========================================
briefsum_requests_total                counter    method, code
briefsum_request_duration_seconds      histogram  method
briefsum_requests_in_flight            gauge      method
briefsum_stage_duration_seconds        histogram  stage, plugin
briefsum_plugin_failures_total         counter    stage, plugin, reason (error, timeout, crash)
briefsum_admitted_requests             gauge      (running or waiting for a worker)
briefsum_workers_ready                 gauge      (warm worker processes taking jobs)
briefsum_worker_jobs_total             counter    worker
briefsum_worker_restarts_total         counter    reason (timeout, crash)
=====================================  =========  ==========================================
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from wsgiref.simple_server import WSGIServer

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, start_http_server

#: Request latency buckets, seconds: from a cache-hot short article to a page near the limits.
REQUEST_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0)
#: Stage latency buckets, seconds.
STAGE_BUCKETS = (0.0001, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 5.0, 30.0)


@dataclass
class MetricsEndpoint:
    """The running ``/metrics`` HTTP server."""

    host: str
    port: int
    _server: WSGIServer
    _thread: threading.Thread

    def close(self) -> None:
        """Stop serving metrics."""
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()


class Metrics:
    """The service's metrics (a fresh registry per instance, so tests and servers never share)."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        registry = self.registry
        self.requests = Counter(
            "briefsum_requests", "RPCs finished, by method and status code.", ["method", "code"], registry=registry
        )
        self.latency = Histogram(
            "briefsum_request_duration_seconds",
            "RPC latency, from the call arriving to its status.",
            ["method"],
            buckets=REQUEST_BUCKETS,
            registry=registry,
        )
        self.in_flight = Gauge("briefsum_requests_in_flight", "RPCs being handled.", ["method"], registry=registry)
        self.stage_latency = Histogram(
            "briefsum_stage_duration_seconds",
            "Time each stage took, as measured in the process that ran it.",
            ["stage", "plugin"],
            buckets=STAGE_BUCKETS,
            registry=registry,
        )
        self.plugin_failures = Counter(
            "briefsum_plugin_failures",
            "Stages that raised or returned something invalid (error), hung (timeout) or killed their worker (crash).",
            ["stage", "plugin", "reason"],
            registry=registry,
        )
        self.admitted = Gauge(
            "briefsum_admitted_requests", "Requests running or waiting for a worker.", registry=registry
        )
        self.workers_ready = Gauge("briefsum_workers_ready", "Warm worker processes.", registry=registry)
        self.worker_jobs = Counter("briefsum_worker_jobs", "Jobs each worker finished.", ["worker"], registry=registry)
        self.worker_restarts = Counter(
            "briefsum_worker_restarts", "Worker processes replaced, by reason.", ["reason"], registry=registry
        )

    def observe_stages(self, timings: list[tuple[str, str, float]]) -> None:
        """Record ``(stage, plugin, elapsed_ms)`` of one pipeline run."""
        for stage, plugin, elapsed_ms in timings:
            self.stage_latency.labels(stage, plugin).observe(elapsed_ms / 1000.0)

    # PoolObserver
    def worker_ready(self, slot: int) -> None:
        """A worker process warmed up."""
        self.workers_ready.inc()

    def job_done(self, slot: int) -> None:
        """A worker finished a job."""
        self.worker_jobs.labels(str(slot)).inc()

    def worker_lost(self, slot: int, reason: str, stage: str | None, plugin: str | None) -> None:
        """A worker was killed or died (and will be replaced)."""
        self.workers_ready.dec()
        self.worker_restarts.labels(reason).inc()
        if stage is not None:
            self.plugin_failures.labels(stage, plugin or "(none)", reason).inc()

    def serve(self, host: str, port: int) -> MetricsEndpoint:
        """Serve ``/metrics`` on ``host:port`` (port 0 picks a free one) from a daemon thread."""
        server, thread = start_http_server(port, addr=host, registry=self.registry)
        return MetricsEndpoint(host, server.server_port, server, thread)
