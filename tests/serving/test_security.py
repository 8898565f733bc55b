"""TLS, mutual TLS and bearer tokens: who gets in and who does not, through real servers."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import grpc
import pytest
from briefsum.engine import Engine
from briefsum.rpc.client import BriefsumClient, RemoteError, Unreachable
from briefsum.rpc.security import ClientSecurity
from briefsum.settings import Settings, load_settings
from briefsum.testing import RunningService, running_service
from briefsum.v1 import briefsum_pb2 as pb
from briefsum.v1 import briefsum_pb2_grpc as pb_grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc

from tests.serving.certs import Authority, Issued, authority

TOKEN = "s3cret-token-for-tests"
OTHER_TOKEN = "rotated-token"


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Authority]:
    directory = tmp_path_factory.mktemp("pki")
    return {name: authority(name, directory) for name in ("server", "client", "rogue")}


@pytest.fixture(scope="module")
def server_cert(pki: dict[str, Authority]) -> Issued:
    return pki["server"].issue("briefsum", server=True)


def _settings(**security: object) -> Settings:
    return load_settings(server={"workers": 0}, security=security)


@pytest.fixture(scope="module")
def tls_server(engine: Engine, server_cert: Issued) -> Iterator[RunningService]:
    with running_service(_settings(tls_cert=server_cert.cert, tls_key=server_cert.key), engine) as service:
        yield service


@pytest.fixture(scope="module")
def mtls_server(engine: Engine, server_cert: Issued, pki: dict[str, Authority]) -> Iterator[RunningService]:
    settings = _settings(tls_cert=server_cert.cert, tls_key=server_cert.key, tls_client_ca=pki["client"].bundle)
    with running_service(settings, engine) as service:
        yield service


@pytest.fixture(scope="module")
def token_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("tokens") / "tokens"
    path.write_text(f"# accepted tokens\n{OTHER_TOKEN}\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def token_server(engine: Engine, token_file: Path) -> Iterator[RunningService]:
    with running_service(_settings(tokens=[TOKEN], token_file=token_file), engine) as service:
        yield service


def list_plugins(target: str, security: ClientSecurity) -> str:
    """The status code name of a ListPlugins call (OK on success)."""
    with BriefsumClient(target, timeout=5, security=security) as client:
        try:
            client.list_plugins()
        except RemoteError as error:
            return error.code
    return "OK"


def outcome(call: Callable[[], object]) -> tuple[grpc.StatusCode, str]:
    try:
        call()
    except grpc.RpcError as error:
        return error.code(), error.details() or ""
    return grpc.StatusCode.OK, ""


def test_tls_matrix(tls_server: RunningService, pki: dict[str, Authority]) -> None:
    target = tls_server.target
    assert list_plugins(target, ClientSecurity(tls_ca=pki["server"].bundle)) == "OK"
    assert list_plugins(target, ClientSecurity()) == "UNAVAILABLE"  # plaintext to a TLS port
    assert list_plugins(target, ClientSecurity(tls_ca=pki["rogue"].bundle)) == "UNAVAILABLE"  # unknown server CA


def test_mutual_tls_matrix(mtls_server: RunningService, pki: dict[str, Authority]) -> None:
    target, ca = mtls_server.target, pki["server"].bundle
    good, rogue = pki["client"].issue("alice", server=False), pki["rogue"].issue("mallory", server=False)
    assert list_plugins(target, ClientSecurity(tls_ca=ca, tls_cert=good.cert, tls_key=good.key)) == "OK"
    assert list_plugins(target, ClientSecurity(tls_ca=ca)) == "UNAVAILABLE"  # no client certificate
    assert list_plugins(target, ClientSecurity(tls_ca=ca, tls_cert=rogue.cert, tls_key=rogue.key)) == "UNAVAILABLE"
    assert list_plugins(target, ClientSecurity()) == "UNAVAILABLE"


@pytest.mark.parametrize(
    ("metadata", "code"),
    [
        ((), grpc.StatusCode.UNAUTHENTICATED),
        ((("authorization", "Bearer wrong"),), grpc.StatusCode.UNAUTHENTICATED),
        ((("authorization", f"Basic {TOKEN}"),), grpc.StatusCode.UNAUTHENTICATED),
        ((("authorization", f"Bearer {TOKEN}x"),), grpc.StatusCode.UNAUTHENTICATED),
        ((("authorization", f"Bearer {TOKEN}"),), grpc.StatusCode.OK),
        ((("authorization", f"bearer {OTHER_TOKEN}"),), grpc.StatusCode.OK),  # from the token file
    ],
    ids=["none", "wrong", "basic-scheme", "longer", "token", "file-token"],
)
def test_token_matrix(token_server: RunningService, metadata: tuple, code: grpc.StatusCode) -> None:
    with grpc.insecure_channel(token_server.target) as channel:
        stub = pb_grpc.BriefsumStub(channel)
        calls = {
            "unary": lambda: stub.ListPlugins(pb.ListPluginsRequest(), timeout=5, metadata=metadata),
            "stream": lambda: list(
                stub.SummarizeStream(iter([pb.SummarizeRequest(text="")]), timeout=5, metadata=metadata)
            ),
        }
        for name, call in calls.items():
            got, details = outcome(call)
            assert got == code, name
            assert TOKEN not in details
        # Health is exempt: load balancers and kubelets probe without a token.
        reply = health_pb2_grpc.HealthStub(channel).Check(health_pb2.HealthCheckRequest(), timeout=5)
        assert reply.status == health_pb2.HealthCheckResponse.SERVING
    counted = token_server.metrics.registry.get_sample_value(
        "briefsum_requests_total", {"method": "briefsum.v1.Briefsum/ListPlugins", "code": code.name}
    )
    assert counted is not None and counted >= 1


def test_cli_with_mutual_tls_and_token(engine: Engine, server_cert: Issued, pki: dict[str, Authority]) -> None:
    client = pki["client"].issue("cli", server=False)
    settings = _settings(
        tls_cert=server_cert.cert, tls_key=server_cert.key, tls_client_ca=pki["client"].bundle, tokens=[TOKEN]
    )
    tls = ["--tls-ca", str(pki["server"].bundle), "--tls-cert", str(client.cert), "--tls-key", str(client.key)]
    env = {k: v for k, v in os.environ.items() if k != "BRIEFSUM_TOKEN"}
    with running_service(settings, engine) as service:
        command = [sys.executable, "-m", "briefsum", "plugins", "--json", "--target", service.target, *tls]
        denied = subprocess.run(command, capture_output=True, text=True, timeout=60, env=env)
        allowed = subprocess.run(
            command, capture_output=True, text=True, timeout=60, env={**env, "BRIEFSUM_TOKEN": TOKEN}
        )
        plaintext = subprocess.run(command[:7], capture_output=True, text=True, timeout=60, env=env)
    assert denied.returncode == 1
    assert "UNAUTHENTICATED" in denied.stderr and "--token" in denied.stderr
    assert allowed.returncode == 0, allowed.stderr
    assert '"builtin"' in allowed.stdout
    assert plaintext.returncode == 3  # the server only speaks TLS: unreachable without it
    assert "--tls-ca" in plaintext.stderr


def test_client_reports_unreachable_tls_server(tls_server: RunningService, pki: dict[str, Authority]) -> None:
    security = ClientSecurity(tls_ca=pki["rogue"].bundle)
    with BriefsumClient(tls_server.target, security=security) as client, pytest.raises(Unreachable, match="tls"):
        client.connect(timeout=2)
