"""Which targets name one server (whose advertised capacity caps unary calls)."""

from __future__ import annotations

import pytest
from briefsum.batch.transport import names_one_server


@pytest.mark.parametrize(
    ("target", "one"),
    [
        ("127.0.0.1:50051", True),
        ("localhost:50051", True),
        ("unix:/run/briefsum.sock", True),
        ("dns:///briefsum.internal:50051", False),
        ("ipv4:10.0.0.1:50051,10.0.0.2:50051", False),
        ("10.0.0.1:50051,10.0.0.2:50051", False),
        ("xds:///briefsum", False),
    ],
)
def test_names_one_server(target: str, one: bool) -> None:
    assert names_one_server(target) is one
