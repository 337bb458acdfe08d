"""Faults on PostgreSQL: a kill -9 of the server under load, and a restart of PostgreSQL under load.

Either way no acknowledged (2xx) submission is lost, re-sending an acknowledged key answers `replayed`, and
`grassroots verify` passes afterwards. While PostgreSQL is down the server answers 503 with a plain message (no
500, no stack trace, no hang past the client's timeout), stays up, and serves writes again by itself shortly
after PostgreSQL is back.

Runs when GRASSROOTS_TEST_POSTGRES_URL is set (scripts/test starts PostgreSQL and exports it). The demo is built
into a database of this module's own, dropped at the end. The restart test needs the private cluster that
scripts/postgres-start runs (data dir under GRASSROOTS_PG_DIR, default /tmp/grassroots-pg) and is skipped when
the URL points at some other server; it keeps the outage short, since other tests may share the cluster."""

import itertools
import json
import os
import shlex
import signal
import subprocess
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

import pytest
from conftest import free_port, pg_tool, psql, with_database

POSTGRES_URL = os.environ.get("GRASSROOTS_TEST_POSTGRES_URL", "")
pytestmark = pytest.mark.skipif(not POSTGRES_URL, reason="GRASSROOTS_TEST_POSTGRES_URL is not set")

DIRECTIVE = "冬季燃气安全入户排查"
PG_DIR = Path(os.environ.get("GRASSROOTS_PG_DIR", "/tmp/grassroots-pg"))
CLIENT_TIMEOUT = 10  # seconds; a phone gives up about then
UNAVAILABLE = ("数据库暂时不可用，请稍后重试", "The database is unavailable; try again shortly")








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


def start_server(binary, tmp_path, env, name):
    """Start `serve` on a free port; return (process, base URL) once /health answers 200."""
    port = free_port()
    log = tmp_path / f"{name}.log"
    process = subprocess.Popen([binary, "serve", "--port", str(port), "--hostname", "127.0.0.1", "--key-file", str(tmp_path / "faults.key")],
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


def stop(process):
    if process is None or process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


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


def check_all_present(url, base, token, acknowledged, prefix):
    """Every acknowledged key is stored with its outcome, and re-sending it answers `replayed` with that outcome."""
    stored = dict(line.split("|") for line in psql(url, f"SELECT idempotency_key, outcome FROM submissions WHERE idempotency_key LIKE '{prefix}-%'").splitlines())
    missing = [r[4] for r in acknowledged if stored.get(r[4]) != r[6]]
    assert not missing, f"{len(missing)} of {len(acknowledged)} acknowledged submissions are missing: {missing[:5]}"
    for _, _, _, _, key, assignment_id, outcome in acknowledged:
        status, body = api(base, "/submissions", token, {"assignment_id": assignment_id, "outcome": outcome, "key": key})
        assert (status, body.get("replayed"), body.get("outcome")) == (200, True, outcome), (key, status, body)
    return len(stored)


def verify(binary, tmp_path, env):
    done = subprocess.run([binary, "verify", "--key-file", str(tmp_path / "faults.key")], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, f"verify failed:\n{done.stdout}\n{done.stderr}"
    assert "directive roll-up = recount of its assignments" in done.stdout


@pytest.fixture(scope="module")
def city(binary, tmp_path_factory):
    """A fresh PostgreSQL database with the demo city (1,000 households); yields (url, env, tmp dir, assignments)."""
    tmp_path = tmp_path_factory.mktemp("faults")
    name = "faults_" + uuid.uuid4().hex[:12]
    psql(POSTGRES_URL, f"CREATE DATABASE {name}")
    url = with_database(POSTGRES_URL, name)
    env = {**os.environ, "DATABASE_URL": url}
    try:
        built = subprocess.run([binary, "demo", "--scale", "1000", "--key-file", str(tmp_path / "faults.key")],
                               cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
        assert built.returncode == 0, built.stdout + built.stderr
        yield url, env, tmp_path
    finally:
        psql(POSTGRES_URL, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def open_assignments(base, token):
    status, directives = api(base, "/directives", token)
    assert status == 200, directives
    directive = next(d for d in directives if d["title"] == DIRECTIVE)
    status, assignments = api(base, f"/directives/{directive['id']}/assignments?all=1", token)
    assert status == 200 and assignments, assignments
    return assignments


def test_kill_9_of_the_server_on_postgres_loses_no_acknowledged_submission(binary, city):
    url, env, tmp_path = city
    server = restarted = load = None
    try:
        server, base = start_server(binary, tmp_path, env, "kill-first")
        token = login(base)
        load = Load(base, token, open_assignments(base, token), "pgkill")
        time.sleep(1.0)
        load.wait_for(50, timeout=10)
        os.kill(server.pid, signal.SIGKILL)
        server.wait(timeout=10)
        load.stop()
        acknowledged = load.acknowledged()
        assert len(acknowledged) >= 50, f"only {len(acknowledged)} submissions acknowledged before the kill"

        restarted, base = start_server(binary, tmp_path, env, "kill-second")
        token = login(base)
        stored = check_all_present(url, base, token, acknowledged, "pgkill")
        print(f"\nkill -9 of the server on PostgreSQL: {len(load.records)} submissions, {len(acknowledged)} acknowledged, all present; "
              f"{stored} stored")
        stop(restarted)
        restarted = None
        verify(binary, tmp_path, env)
    finally:
        if load:
            load.stop()
        stop(server)
        stop(restarted)


def private_cluster():
    """The data dir of the private cluster (scripts/postgres-start) behind POSTGRES_URL, or None when the URL
    points at another server, which this test must not restart."""
    data = PG_DIR / "data"
    try:
        port = int((data / "postmaster.pid").read_text().splitlines()[3])
    except (OSError, IndexError, ValueError):
        return None
    return data if port == (urllib.parse.urlsplit(POSTGRES_URL).port or 5432) else None


def pg_ctl(data, *args):
    """pg_ctl on the private cluster, as `postgres` when we are root (the server refuses to run as root)."""
    command = [pg_tool("pg_ctl"), "-D", str(data), *args]
    if os.geteuid() == 0:
        command = ["su", "-s", "/bin/sh", "postgres", "-c", f"cd {shlex.quote(str(PG_DIR))} && {shlex.join(command)}"]
    return subprocess.run(command, capture_output=True, text=True, timeout=60)


def test_postgres_restart_under_load_answers_503_and_recovers(binary, city):
    data = private_cluster()
    if data is None:
        pytest.skip(f"no private cluster under {PG_DIR} serves {POSTGRES_URL}; not restarting someone else's PostgreSQL")
    url, env, tmp_path = city
    server = load = None
    restarted = False
    try:
        server, base = start_server(binary, tmp_path, env, "restart")
        token = login(base)
        load = Load(base, token, open_assignments(base, token), "pgrestart")
        time.sleep(1.0)
        load.wait_for(30, timeout=10)

        # -l keeps the postmaster's output in the cluster's log (and off our pipes); -w returns once it accepts connections.
        down = time.monotonic()
        done = pg_ctl(data, "-l", str(PG_DIR / "log"), "restart", "-m", "fast", "-w", "-t", "30")
        up = time.monotonic()
        restarted = done.returncode == 0
        assert restarted, f"pg_ctl restart failed:\n{done.stdout}\n{done.stderr}"

        # Keep the load on until a submission sent after PostgreSQL came back is acknowledged, then a little longer.
        deadline = up + 15
        while time.monotonic() < deadline and not [r for r in load.acknowledged() if r[0] >= up]:
            time.sleep(0.05)
        time.sleep(1.0)
        load.stop()
        assert server.poll() is None, f"the server died when PostgreSQL restarted:\n{(tmp_path / 'restart.log').read_text()[-3000:]}"

        records = sorted(load.records)
        acknowledged = [r for r in records if r[2] in (200, 201)]
        failed = [r for r in records if r[2] not in (200, 201)]
        odd = [r[:4] for r in failed if r[2] != 503]
        assert not odd, f"answers other than 503 during the outage (or none within {CLIENT_TIMEOUT} s): {odd[:5]}"
        for _, _, _, body, *_ in failed:
            # The message and nothing else: no SQLSTATE, statement or address.
            assert body in ({"error": UNAVAILABLE[0], "fields": []}, {"error": UNAVAILABLE[1], "fields": []}), body
        after = [r for r in acknowledged if r[0] >= up]
        assert after, "no submission succeeded within 15 s after PostgreSQL was back"
        recovery = after[0][1] - up
        slowest = max(r[1] - r[0] for r in records)
        print(f"\nPostgreSQL restart (pg_ctl restart -m fast): {up - down:.2f} s; {len(records)} submissions, "
              f"{len(acknowledged)} acknowledged, {len(failed)} answered 503"
              + (f" (between {failed[0][0] - down:.2f} s and {failed[-1][1] - down:.2f} s after the stop began)" if failed else "")
              + f"; first success sent after PostgreSQL was back: {recovery:.2f} s after; slowest answer {slowest:.2f} s")
        assert failed, "no request saw the outage: the load was not flowing during the restart"
        assert recovery < 5, f"the server took {recovery:.1f} s after PostgreSQL was back to accept writes again"

        # The fault is in the log as a warning with the driver's code, not as a 500 with the statement.
        log = (tmp_path / "restart.log").read_text()
        assert "database unavailable" in log, log[-3000:]
        assert "request failed" not in log, log[-3000:]
        stored = check_all_present(url, base, token, acknowledged, "pgrestart")
        # Stored may exceed acknowledged: a write can commit just before its answer is lost.
        print(f"acknowledged {len(acknowledged)}, all present; stored {stored}")
        stop(server)
        server = None
        verify(binary, tmp_path, env)
    finally:
        if load:
            load.stop()
        stop(server)
        # Never leave the shared cluster down: start it again if the restart stopped it but did not bring it back.
        if not restarted and pg_ctl(data, "status").returncode != 0:
            port = urllib.parse.urlsplit(POSTGRES_URL).port or 5432
            pg_ctl(data, "-l", str(PG_DIR / "log"), "start", "-w", "-t", "30",
                   "-o", f"-p {port} -k {PG_DIR} -c listen_addresses=127.0.0.1 -c fsync=off")  # as scripts/postgres-start
