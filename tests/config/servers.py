"""Spawning real server processes (gunicorn, moto's S3 emulator) on free local ports."""

import os
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

BIN = Path(sys.executable).parent


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port, process, timeout=90):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{process.args[0]} exited with {process.returncode}")
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise TimeoutError(f"nothing listens on 127.0.0.1:{port}")


@contextmanager
def running(*commands, env=None, cwd=None, log_dir):
    """Start the commands, yield their Popen objects, and stop every one of them at the end."""
    processes = []
    try:
        for n, command in enumerate(commands):
            log = open(Path(log_dir) / f"process-{n}.log", "wb")  # noqa: SIM115 - closed below
            processes.append(
                subprocess.Popen(
                    command,
                    env={**os.environ, **(env or {})},
                    cwd=cwd,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                )
            )
            log.close()
        yield processes
    finally:
        for process in processes:
            if process.poll() is None:
                process.terminate()
        for process in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
