"""Two replicas behind one client channel (round-robin); one stops under load; no caller sees an error."""

from __future__ import annotations

import threading
import time

from briefsum.engine import Engine
from briefsum.rpc.client import BriefsumClient, RemoteError
from briefsum.settings import load_settings
from briefsum.testing import running_service
from briefsum.v1 import briefsum_pb2 as pb

from tests.serving.conftest import ARTICLE

CLIENTS = 4
SECONDS = 3.0
STOP_AFTER = 1.0


def served(metrics_registry: object) -> float:
    value = metrics_registry.get_sample_value(  # type: ignore[attr-defined]
        "briefsum_requests_total", {"method": "briefsum.v1.Briefsum/Summarize", "code": "OK"}
    )
    return value or 0.0


def test_one_replica_stops_under_load_without_client_errors(engine: Engine) -> None:
    settings = load_settings(server={"workers": 0, "max_concurrency": 2, "max_queue": 8})
    errors: list[str] = []
    ok = [0]
    lock = threading.Lock()
    with running_service(settings, engine) as first, running_service(settings, engine) as second:
        target = f"ipv4:{first.target},{second.target}"
        end = time.monotonic() + SECONDS

        def client() -> None:
            with BriefsumClient(target, timeout=30) as remote:
                while time.monotonic() < end:
                    try:
                        remote.summarize_raw(pb.SummarizeRequest(text=ARTICLE))
                    except RemoteError as error:
                        with lock:
                            errors.append(str(error))
                    else:
                        with lock:
                            ok[0] += 1

        threads = [threading.Thread(target=client) for _ in range(CLIENTS)]
        for thread in threads:
            thread.start()
        time.sleep(STOP_AFTER)
        before_stop = served(first.metrics.registry)
        first.begin_stop(drain_delay=0.3)
        second_at_stop = served(second.metrics.registry)
        for thread in threads:
            thread.join(SECONDS + 30)
        first_total, second_total = served(first.metrics.registry), served(second.metrics.registry)
    assert errors == []
    assert before_stop > 0  # round-robin: both replicas had traffic
    assert second_total > second_at_stop  # the other replica took over
    assert first_total + second_total == ok[0]
