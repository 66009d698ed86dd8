"""`make serve`: the production process model on one machine, in the foreground.

Starts gunicorn (WEB_WORKERS workers, default 3), the task worker (`manage.py db_worker`) and
the scheduler (`manage.py run_scheduler`) together, prefixes their output with their name, and
stops all of them on Ctrl-C, on SIGTERM, or as soon as one of them exits. The same three
commands, each under a process supervisor (systemd, a container per process), are the
production deployment (README, "Production").
"""

import os
import signal
import subprocess
import sys
import threading
import time

PYTHON = sys.executable
BIN = os.path.dirname(PYTHON)
ACCESS_LOG_FORMAT = '%(t)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms'


def processes(port: str, workers: str) -> dict[str, list[str]]:
    return {
        "web": [
            os.path.join(BIN, "gunicorn"),
            "config.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            workers,
            # Threads (gunicorn's gthread worker) keep a worker alive while it streams a long
            # export: a sync worker is killed after 30 s however busy it is.
            "--threads",
            os.environ.get("WEB_THREADS", "4"),
            "--access-logfile",
            "-",
            # The path without its query string or referrer: searches carry names.
            "--access-logformat",
            ACCESS_LOG_FORMAT,
        ],
        "worker": [PYTHON, "manage.py", "db_worker"],
        "scheduler": [PYTHON, "manage.py", "run_scheduler"],
    }


def _relay(name: str, stream) -> None:
    for line in iter(stream.readline, b""):
        sys.stdout.write(f"{name:>9} | {line.decode(errors='replace')}")
        sys.stdout.flush()


def main() -> int:
    port = os.environ.get("PORT", "8000")
    workers = os.environ.get("WEB_WORKERS", "3")
    running: dict[str, subprocess.Popen] = {}
    for name, command in processes(port, workers).items():
        proc = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True
        )
        running[name] = proc
        threading.Thread(target=_relay, args=(name, proc.stdout), daemon=True).start()
    print(f"Serving on http://127.0.0.1:{port}/ (Ctrl-C stops everything)", flush=True)

    stopping = False

    def stop(signum=None, frame=None):
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    code = 0
    while not stopping:
        for name, proc in running.items():
            if proc.poll() is not None:
                print(f"{name} exited with {proc.returncode}; stopping the others", flush=True)
                code = proc.returncode or 1
                stopping = True
                break
        time.sleep(0.5)
    for proc in running.values():
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
    deadline = time.monotonic() + 15
    for proc in running.values():
        try:
            proc.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            proc.kill()
    return code


if __name__ == "__main__":
    sys.exit(main())
