"""The committed generated code must be exactly what protoc makes from proto/ today."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT


def test_generated_code_is_up_to_date(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "gen_proto.py"), str(tmp_path)], check=True, capture_output=True
    )
    generated = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*.py*"))
    assert generated, "protoc generated nothing"
    stale = [str(p) for p in generated if (tmp_path / p).read_bytes() != (ROOT / "service" / p).read_bytes()]
    assert not stale, f"generated code differs from proto/: {stale}; run `python scripts/gen_proto.py` and commit"
