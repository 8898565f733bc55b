"""deploy/: Kubernetes manifests validated offline (kubernetes-validate bundles the schemas), compose
and Dockerfile checked for the invariants the service relies on. Docker itself is not run here."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest
import yaml
from briefsum.settings import load_settings

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"
MANIFESTS = sorted((DEPLOY / "k8s").glob("*.yaml"))
#: The Kubernetes version the manifests are written for (native gRPC probes, preStop sleep).
KUBERNETES_VERSION = "1.33.0"


def validate(*paths: Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "kubernetes_validate", "--strict", "-k", KUBERNETES_VERSION, *map(str, paths)]
    return subprocess.run(command, capture_output=True, text=True, timeout=120)


def resources() -> dict[str, dict[str, Any]]:
    loaded = [yaml.safe_load(path.read_text(encoding="utf-8")) for path in MANIFESTS]
    return {item["kind"]: item for item in loaded}


def test_manifests_pass_strict_validation() -> None:
    assert {p.name for p in MANIFESTS} >= {"configmap.yaml", "deployment.yaml", "service.yaml", "hpa.yaml", "pdb.yaml"}
    result = validate(*MANIFESTS)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("pattern", "replacement"),
    [
        (r"readOnlyRootFilesystem: true", "readOnlyRootFileSystem: true"),  # unknown field (typo)
        (r"replicas: 2", "replicas: two"),  # wrong type
        (r"periodSeconds: 5", "periodSeconds: 5\n            grpcPort: 50051"),  # field that does not exist
    ],
    ids=["typo", "wrong-type", "unknown-field"],
)
def test_a_broken_manifest_fails_validation(tmp_path: Path, pattern: str, replacement: str) -> None:
    original = (DEPLOY / "k8s" / "deployment.yaml").read_text(encoding="utf-8")
    broken, count = re.subn(pattern, replacement, original, count=1)
    assert count == 1
    path = tmp_path / "deployment.yaml"
    path.write_text(broken, encoding="utf-8")
    assert validate(path).returncode != 0


def test_deployment_probes_drain_and_filesystem() -> None:
    items = resources()
    pod = items["Deployment"]["spec"]["template"]["spec"]
    (container,) = pod["containers"]
    assert container["readinessProbe"]["grpc"] == {"port": 50051, "service": "briefsum.v1.Briefsum"}
    assert container["livenessProbe"]["grpc"]["service"] == "liveness"
    assert container["securityContext"]["readOnlyRootFilesystem"] is True
    assert pod["securityContext"]["runAsNonRoot"] is True
    tmp = next(m for m in container["volumeMounts"] if m["mountPath"] == "/tmp")
    assert "emptyDir" in next(v for v in pod["volumes"] if v["name"] == tmp["name"])
    assert container["resources"]["limits"]["cpu"] and container["resources"]["requests"]["memory"]
    workers = next(e for e in container["env"] if e["name"] == "BRIEFSUM_SERVER__WORKERS")
    assert workers["valueFrom"]["resourceFieldRef"]["resource"] == "limits.cpu"

    config = tomllib.loads(items["ConfigMap"]["data"]["briefsum.toml"])
    server = config["server"]
    pre_stop = container["lifecycle"]["preStop"]["sleep"]["seconds"]
    needed = pre_stop + server["drain_delay_seconds"] + server["max_request_seconds"]
    assert pod["terminationGracePeriodSeconds"] > needed
    assert items["Service"]["spec"]["clusterIP"] == "None"  # headless: clients balance per call
    assert items["HorizontalPodAutoscaler"]["spec"]["metrics"][0]["resource"]["name"] == "cpu"
    assert items["PodDisruptionBudget"]["spec"]["selector"] == items["Deployment"]["spec"]["selector"]


def test_configmap_is_a_valid_briefsum_config(tmp_path: Path) -> None:
    path = tmp_path / "briefsum.toml"
    path.write_text(resources()["ConfigMap"]["data"]["briefsum.toml"], encoding="utf-8")
    settings = load_settings(path)
    assert settings.metrics.port == 9464
    assert settings.stages["builtin.jieba"]["cache_dir"] == "/opt/briefsum/cache"


def dockerfile_stages() -> list[list[tuple[str, str]]]:
    """The Dockerfile's instructions per stage, continuation lines joined."""
    text = (DEPLOY / "Dockerfile").read_text(encoding="utf-8")
    logical = re.sub(r"\\\n", " ", text)
    stages: list[list[tuple[str, str]]] = []
    for line in logical.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        instruction, _, arguments = line.strip().partition(" ")
        if instruction.upper() == "FROM":
            stages.append([])
        if stages:
            stages[-1].append((instruction.upper(), arguments.strip()))
    return stages


def test_dockerfile_is_multi_stage_slim_non_root_with_healthcheck_and_cache() -> None:
    stages = dockerfile_stages()
    assert len(stages) >= 2
    assert all("-slim" in stage[0][1] for stage in stages)
    runtime = stages[-1]
    users = [args for instruction, args in runtime if instruction == "USER"]
    assert users and users[-1].split(":")[0] not in ("0", "root")
    uid = users[-1].split(":")[0]
    assert any(instruction == "RUN" and f"--uid {uid}" in args for instruction, args in runtime)  # the user exists
    pod = resources()["Deployment"]["spec"]["template"]["spec"]
    assert str(pod["securityContext"]["runAsUser"]) == uid  # Kubernetes runs the image's user
    assert any(instruction == "HEALTHCHECK" and "healthcheck.py" in args for instruction, args in runtime)
    assert any(instruction == "COPY" and args.startswith("--from=build") for instruction, args in runtime)
    # The runtime reads jieba's cache where the build stage wrote it.
    build_env = " ".join(args for instruction, args in stages[0] if instruction == "ENV")
    cache_dir = re.search(r"(?<!\w)CACHE_DIR=(\S+)", build_env)
    assert cache_dir is not None
    runtime_env = " ".join(args for instruction, args in runtime if instruction == "ENV")
    stages_json = re.search(r"BRIEFSUM_STAGES='([^']+)'", runtime_env)
    assert stages_json is not None
    assert json.loads(stages_json.group(1))["builtin.jieba"]["cache_dir"] == cache_dir.group(1)
    assert any("jieba.cache" in args for instruction, args in stages[0] if instruction == "RUN")


def test_compose_runs_read_only_with_optional_prometheus() -> None:
    compose = yaml.safe_load((DEPLOY / "compose.yaml").read_text(encoding="utf-8"))
    service = compose["services"]["briefsum"]
    assert service["read_only"] is True and "/tmp" in service["tmpfs"]
    assert service["build"]["dockerfile"] == "deploy/Dockerfile"
    assert compose["services"]["prometheus"]["profiles"] == ["metrics"]
    scrape = yaml.safe_load((DEPLOY / "prometheus.yml").read_text(encoding="utf-8"))
    assert scrape["scrape_configs"][0]["static_configs"][0]["targets"] == ["briefsum:9464"]


def test_dockerfile_copies_only_what_exists_and_is_not_ignored() -> None:
    root = DEPLOY.parent
    ignored = [line.strip() for line in (root / ".dockerignore").read_text(encoding="utf-8").splitlines() if line]
    for stage in dockerfile_stages():
        for instruction, args in stage:
            if instruction != "COPY" or args.startswith("--from"):
                continue
            *sources, _ = args.split()
            for source in sources:
                assert (root / source).exists(), source
                assert not any(source.startswith(pattern.strip("*/")) for pattern in ignored), source


def healthcheck(target: str, *extra: str) -> int:
    command = [sys.executable, str(DEPLOY / "healthcheck.py"), target, *extra]
    return subprocess.run(command, capture_output=True, timeout=60).returncode


def test_healthcheck_script_against_real_servers(server_port: int, settings: Any) -> None:
    from briefsum.testing import running_server

    assert healthcheck(f"127.0.0.1:{server_port}") == 0
    assert healthcheck(f"127.0.0.1:{server_port}", "--service", "liveness") == 0
    with running_server(settings, None) as warming:
        assert healthcheck(f"127.0.0.1:{warming}") == 1  # NOT_SERVING until warm
        assert healthcheck(f"127.0.0.1:{warming}", "--service", "liveness") == 0
    assert healthcheck(f"127.0.0.1:{warming}") == 1  # nobody answers
