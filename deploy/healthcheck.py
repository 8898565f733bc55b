"""Container health check: exit 0 when the briefsum service reports SERVING over grpc.health.v1.

    python healthcheck.py [HOST:PORT] [--tls-ca CA.pem] [--service NAME]

Health needs no token; with TLS on the server, pass the CA bundle that signed its certificate.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc


def check(target: str, service: str, tls_ca: Path | None) -> int:
    """Check ``target`` once; 0 if ``service`` is SERVING, 1 otherwise."""
    if tls_ca is None:
        channel = grpc.insecure_channel(target)
    else:
        channel = grpc.secure_channel(target, grpc.ssl_channel_credentials(root_certificates=tls_ca.read_bytes()))
    with channel:
        try:
            reply = health_pb2_grpc.HealthStub(channel).Check(health_pb2.HealthCheckRequest(service=service), timeout=2)
        except grpc.RpcError:
            return 1
    return 0 if reply.status == health_pb2.HealthCheckResponse.SERVING else 1


def main() -> int:
    """Parse the arguments and check once."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("target", nargs="?", default="127.0.0.1:50051")
    parser.add_argument("--service", default="briefsum.v1.Briefsum")
    parser.add_argument("--tls-ca", type=Path)
    args = parser.parse_args()
    return check(args.target, args.service, args.tls_ca)


if __name__ == "__main__":
    sys.exit(main())
