"""``python -m tests.serving.serve_faulty``: the real serve() entry point, with the faulty test stages.

Settings come from the environment (``BRIEFSUM_*``), like ``briefsum serve``; used by tests that need a
separate server process (signals).
"""

from __future__ import annotations

import asyncio
import functools
import sys

from briefsum.rpc.server import serve
from briefsum.serving.logs import setup_logging
from briefsum.settings import load_settings

from tests.serving.faulty import faulty_engine


def main() -> None:
    settings = load_settings()
    setup_logging(settings.log_level, settings.log_format)

    def listening(host: str, port: int) -> None:
        sys.stdout.write(f"briefsum listening on {host}:{port}\n")
        sys.stdout.flush()

    asyncio.run(serve(settings, listening, engine_factory=functools.partial(faulty_engine, settings)))


if __name__ == "__main__":
    main()
