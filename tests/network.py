"""Addresses of this machine, for tests that a service is reachable on loopback only."""

from __future__ import annotations

import ipaddress
import socket
import subprocess
from contextlib import suppress

import pytest


def non_loopback_address() -> str | None:
    """An IPv4 address of this machine other than 127.0.0.0/8, or None when it has none."""
    candidates: list[str] = []
    with suppress(OSError, subprocess.SubprocessError):
        candidates += subprocess.run(["hostname", "-I"], capture_output=True, text=True, timeout=5).stdout.split()
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe, suppress(OSError):
        probe.connect(("192.0.2.1", 9))  # on UDP this only picks a route; nothing is sent
        candidates.append(probe.getsockname()[0])
    for candidate in candidates:
        try:
            address = ipaddress.ip_address(candidate)
        except ValueError:
            continue
        if address.version == 4 and not address.is_loopback and not address.is_unspecified:
            return candidate
    return None


def assert_loopback_only(port: int) -> None:
    """The service on ``port`` answers on 127.0.0.1 and refuses a connection on this machine's other address."""
    address = non_loopback_address()
    if address is None:
        pytest.skip("this machine has no non-loopback IPv4 address to connect from")
    with socket.create_connection(("127.0.0.1", port), timeout=5):
        pass
    with socket.socket() as control:  # the address is reachable: a listener on all interfaces accepts there
        control.bind(("0.0.0.0", 0))
        control.listen()
        with socket.create_connection((address, control.getsockname()[1]), timeout=5):
            pass
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection((address, port), timeout=5).close()
