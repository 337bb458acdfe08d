"""Helpers for the fault tests (test_faults_postgres.py, test_faults_disk.py): the API over plain HTTP, a server
started and stopped by the test, writers submitting under load, and `grassroots verify`."""

import itertools
import json
import subprocess
import threading
import time
import urllib.error
import urllib.request
import uuid

import pytest
from conftest import free_port
from processes import stop  # noqa: F401 (tests import it from here)

DIRECTIVE = "冬季燃气安全入户排查"
CLIENT_TIMEOUT = 10  # seconds; a phone gives up about then


def api(base, path, token=None, body=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(base + "/api/v1" + path, data=data, method="POST" if data else "GET")
    request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", "Bearer " + token)
    try:
        with urllib.request.urlopen(request, timeout=CLIENT_TIMEOUT) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        raw = error.read()
        try:
            return error.code, json.loads(raw or b"null")
        except ValueError:
            return error.code, {"raw": raw.decode(errors="replace")}


def start_server(binary, tmp_path, env, name, *args):
    """Start `serve` (with `args`, e.g. --database) on a free port; return (process, base URL) once /health answers 200."""
    port = free_port()
    log = tmp_path / f"{name}.log"
    process = subprocess.Popen([binary, "serve", "--port", str(port), "--hostname", "127.0.0.1", "--key-file", str(tmp_path / "faults.key"), *args],
                               cwd=tmp_path, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"server {name} exited with {process.returncode}:\n{log.read_text()[-2000:]}")
        try:
            with urllib.request.urlopen(base + "/health", timeout=2) as response:
                if response.status == 200:
                    return process, base
        except OSError:
            pass
        time.sleep(0.2)
    process.kill()
    pytest.fail(f"server {name} not healthy after 60 s:\n{log.read_text()[-2000:]}")


def login(base):
    status, body = api(base, "/login", body={"username": "beicheng", "password": "demo-2026"})
    assert status == 201, body
    return body["token"]


class Load:
    """Writers submitting in a loop, each request with a fresh idempotency key; every attempt is recorded as
    (started, finished, status or exception name, body, key, assignment id, outcome)."""

    def __init__(self, base, token, assignments, prefix, threads=8):
        self.base, self.token, self.prefix = base, token, prefix
        self.work = itertools.cycle((a["id"], outcome) for a in assignments for outcome in ("absent", "refused"))
        self.records, self.lock, self.halt = [], threading.Lock(), threading.Event()
        self.threads = [threading.Thread(target=self.writer, daemon=True) for _ in range(threads)]
        for thread in self.threads:
            thread.start()

    def writer(self):
        while not self.halt.is_set():
            with self.lock:
                assignment_id, outcome = next(self.work)
            key = f"{self.prefix}-{uuid.uuid4()}"
            started = time.monotonic()
            try:
                status, body = api(self.base, "/submissions", self.token, {"assignment_id": assignment_id, "outcome": outcome, "key": key})
            except (OSError, ValueError) as error:  # refused, reset or timed out: not acknowledged
                status, body = type(error).__name__, str(error)
                time.sleep(0.05)
            with self.lock:
                self.records.append((started, time.monotonic(), status, body, key, assignment_id, outcome))

    def acknowledged(self):
        with self.lock:
            return [r for r in self.records if r[2] in (200, 201)]

    def wait_for(self, count, timeout):
        deadline = time.monotonic() + timeout
        while len(self.acknowledged()) < count and time.monotonic() < deadline:
            time.sleep(0.05)

    def stop(self):
        self.halt.set()
        for thread in self.threads:
            thread.join(timeout=CLIENT_TIMEOUT + 5)



def verify(binary, tmp_path, env, *args):
    done = subprocess.run([binary, "verify", "--key-file", str(tmp_path / "faults.key"), *args], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, f"verify failed:\n{done.stdout}\n{done.stderr}"
    assert "directive roll-up = recount of its assignments" in done.stdout



def open_assignments(base, token):
    status, directives = api(base, "/directives", token)
    assert status == 200, directives
    directive = next(d for d in directives if d["title"] == DIRECTIVE)
    status, assignments = api(base, f"/directives/{directive['id']}/assignments?all=1", token)
    assert status == 200 and assignments, assignments
    return assignments
