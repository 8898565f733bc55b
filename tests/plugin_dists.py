"""Installed plugin distributions made on the fly: a dist-info with an entry point on a sys.path entry."""

from __future__ import annotations

from pathlib import Path


def fake_distribution(root: Path, name: str, module_source: str) -> Path:
    """Write module ``name`` and an installed distribution ``briefsum-<name>`` naming it as a plugin.

    Put ``root`` on ``sys.path`` (or ``PYTHONPATH`` of a subprocess) to install it.
    """
    (root / f"{name}.py").write_text(module_source, encoding="utf-8")
    info = root / f"briefsum_{name}-0.0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: briefsum-{name}\nVersion: 0.0.1\n", encoding="utf-8")
    (info / "entry_points.txt").write_text(f"[briefsum]\n{name} = {name}\n", encoding="utf-8")
    return root
