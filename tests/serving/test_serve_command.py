"""`briefsum serve` with worker processes and metrics, as a user starts it; and the new settings."""

from __future__ import annotations

import re
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from briefsum.errors import ConfigError
from briefsum.settings import load_settings

ROOT = Path(__file__).resolve().parents[2]


def test_serve_runs_workers_and_serves_metrics() -> None:
    command = [sys.executable, "-m", "briefsum", "serve", "--port", "0", "--workers", "2", "--metrics-port", "0"]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) as process:
        try:
            assert process.stdout is not None and process.stderr is not None
            listening = process.stdout.readline()
            assert listening.startswith("briefsum listening on 127.0.0.1:")
            metrics_line = process.stderr.readline()
            found = re.search(r"metrics on (http://127\.0\.0\.1:\d+/metrics)", metrics_line)
            assert found is not None, metrics_line
            deadline = time.monotonic() + 60
            while True:
                with urllib.request.urlopen(found.group(1), timeout=10) as reply:
                    text = reply.read().decode()
                if "briefsum_workers_ready 2.0" in text:
                    break
                assert time.monotonic() < deadline, text
                time.sleep(0.2)
            summarize = subprocess.run(
                [
                    *(sys.executable, "-m", "briefsum", "summarize", "--target", listening.split()[-1]),
                    *("--format", "jsonl", str(ROOT / "examples" / "jilin-daily-2023-03-30.txt")),
                ],
                capture_output=True,
                text=True,
                timeout=60,
            )
            assert summarize.returncode == 0, summarize.stderr
            process.send_signal(signal.SIGINT)  # Ctrl-C: no drain delay
            assert process.wait(timeout=60) == 0
        finally:
            if process.poll() is None:
                process.kill()


@pytest.mark.parametrize(
    ("security", "message"),
    [
        ({"tls_cert": "/x.crt"}, "tls_cert and tls_key"),
        ({"tls_client_ca": "/ca.pem"}, "needs tls_cert"),
    ],
)
def test_incomplete_tls_settings_are_rejected(security: dict[str, str], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        load_settings(security=security)


def test_queue_and_grace_follow_the_other_limits() -> None:
    server = load_settings(server={"workers": 3, "max_request_seconds": 12}).server
    assert (server.concurrency, server.queue, server.grace) == (3, 3, 12)
    threads = load_settings(server={"workers": 0, "max_concurrency": 5, "max_queue": 1, "grace_seconds": 2}).server
    assert (threads.concurrency, threads.queue, threads.grace) == (5, 1, 2)
