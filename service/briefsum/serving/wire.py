"""Length-prefixed pickle frames between the server process and its workers (one socket pair each).

Both ends are our own code, built from the same installed version, so pickle is safe here: no
frame ever comes from the network.
"""

from __future__ import annotations

import asyncio
import pickle
import socket
import struct
from typing import Any

_HEADER = struct.Struct("!I")


def encode(message: tuple[Any, ...]) -> bytes:
    """One frame: a 4-byte big-endian length, then the pickled message."""
    body = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    return _HEADER.pack(len(body)) + body


def send(sock: socket.socket, message: tuple[Any, ...]) -> None:
    """Write one frame to a blocking socket (worker side)."""
    sock.sendall(encode(message))


def _recv_exactly(sock: socket.socket, size: int) -> bytes | None:
    chunks = bytearray()
    while len(chunks) < size:
        chunk = sock.recv(min(size - len(chunks), 1 << 20))
        if not chunk:
            return None
        chunks += chunk
    return bytes(chunks)


def recv(sock: socket.socket) -> tuple[Any, ...] | None:
    """Read one frame from a blocking socket; ``None`` when the other end closed it."""
    header = _recv_exactly(sock, _HEADER.size)
    if header is None:
        return None
    body = _recv_exactly(sock, _HEADER.unpack(header)[0])
    if body is None:
        return None
    message: tuple[Any, ...] = pickle.loads(body)  # noqa: S301 - our own worker process, see the module docstring
    return message


async def read(reader: asyncio.StreamReader) -> tuple[Any, ...] | None:
    """Read one frame from an asyncio stream (server side); ``None`` at end of stream."""
    try:
        header = await reader.readexactly(_HEADER.size)
        body = await reader.readexactly(_HEADER.unpack(header)[0])
    except (asyncio.IncompleteReadError, ConnectionError):
        return None
    message: tuple[Any, ...] = pickle.loads(body)  # noqa: S301 - our own worker process, see the module docstring
    return message
