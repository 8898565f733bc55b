"""Regenerate the protobuf and gRPC Python code from ``proto/`` into ``service/``.

Usage: ``python scripts/gen_proto.py [OUT_DIR]`` (default: ``service``). The test suite runs it into a
temporary directory and fails when the committed code differs, so the generated files can never
drift from the ``.proto`` sources. Pin ``grpcio-tools`` (see ``pyproject.toml``): other versions emit
different code.
"""

from __future__ import annotations

import sys
from importlib import resources
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROTO_DIR = ROOT / "proto"


def _include_dirs() -> list[str]:
    """Where protoc finds the well-known types and google/rpc/status.proto."""
    import google.rpc  # googleapis-common-protos ships the .proto files next to the modules
    import grpc_tools

    well_known = resources.files(grpc_tools) / "_proto"
    googleapis = Path(next(iter(google.rpc.__path__))).parent.parent
    return [str(PROTO_DIR), str(well_known), str(googleapis)]


def generate(out_dir: Path) -> list[Path]:
    """Run protoc on every ``.proto`` under ``proto/``; return the sources it compiled."""
    from grpc_tools import protoc

    sources = sorted(PROTO_DIR.rglob("*.proto"))
    relative = [str(p.relative_to(PROTO_DIR)) for p in sources]
    out_dir.mkdir(parents=True, exist_ok=True)
    args = [
        "grpc_tools.protoc",
        *(f"-I{d}" for d in _include_dirs()),
        f"--python_out={out_dir}",
        f"--pyi_out={out_dir}",
        f"--grpc_python_out={out_dir}",
        *relative,
    ]
    if protoc.main(args) != 0:
        raise SystemExit("protoc failed; see the messages above")
    return sources


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "service"
    for source in generate(target):
        print(f"generated {source.relative_to(ROOT)} -> {target}")
