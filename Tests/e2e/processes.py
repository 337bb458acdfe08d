"""Processes a test or benchmark starts itself: a free port for each, and a stop that waits for it (no selenium
or pytest here, so the benchmarks can use it too)."""

import socket
import subprocess


def free_port():
    """A port nobody listens on now, for a server a test starts itself."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def stop(process):
    if process is None or process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)
