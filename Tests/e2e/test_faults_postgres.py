"""Faults on PostgreSQL: a kill -9 of the server under load, and a restart of PostgreSQL under load.

Either way no acknowledged (2xx) submission is lost, re-sending an acknowledged key answers `replayed`, and
`grassroots verify` passes afterwards. While PostgreSQL is down the server answers 503 with a plain message (no
500, no stack trace, no hang past the client's timeout), stays up, and serves writes again by itself shortly
after PostgreSQL is back.

Runs when GRASSROOTS_TEST_POSTGRES_URL is set (scripts/test starts PostgreSQL and exports it). The demo is built
into a database of this module's own, dropped at the end. The restart test needs the private cluster that
scripts/postgres-start runs (data dir under GRASSROOTS_PG_DIR, default /tmp/grassroots-pg) and is skipped when
the URL points at some other server; it keeps the outage short, since other tests may share the cluster."""

import os
import shlex
import signal
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

import pytest
from conftest import pg_tool, psql, with_database
from faults import CLIENT_TIMEOUT, Load, api, login, open_assignments, start_server, stop, verify

POSTGRES_URL = os.environ.get("GRASSROOTS_TEST_POSTGRES_URL", "")
pytestmark = pytest.mark.skipif(not POSTGRES_URL, reason="GRASSROOTS_TEST_POSTGRES_URL is not set")

PG_DIR = Path(os.environ.get("GRASSROOTS_PG_DIR", "/tmp/grassroots-pg"))
UNAVAILABLE = ("数据库暂时不可用，请稍后重试", "The database is unavailable; try again shortly")


def check_all_present(url, base, token, acknowledged, prefix):
    """Every acknowledged key is stored with its outcome, and re-sending it answers `replayed` with that outcome."""
    stored = dict(line.split("|") for line in psql(url, f"SELECT idempotency_key, outcome FROM submissions WHERE idempotency_key LIKE '{prefix}-%'").splitlines())
    missing = [r[4] for r in acknowledged if stored.get(r[4]) != r[6]]
    assert not missing, f"{len(missing)} of {len(acknowledged)} acknowledged submissions are missing: {missing[:5]}"
    for _, _, _, _, key, assignment_id, outcome in acknowledged:
        status, body = api(base, "/submissions", token, {"assignment_id": assignment_id, "outcome": outcome, "key": key})
        assert (status, body.get("replayed"), body.get("outcome")) == (200, True, outcome), (key, status, body)
    return len(stored)


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


READ_ONLY = ("数据库当前为只读，本次操作未保存任何内容；请联系系统管理员",
             "The database is read-only at the moment; nothing of this operation was saved. Ask the administrator")


def test_read_only_postgres_refuses_writes_clearly_and_recovers(binary, city):
    """The database turned read-only under load (as a failover to a standby would leave it): writes get 503 saying
    so and store nothing, reads go on, /ready says `read_only`; once writable again, writes resume without a restart."""
    url, env, tmp_path = city
    name = urllib.parse.urlsplit(url).path.lstrip("/")
    # Existing sessions keep their settings: end them, so the pool reconnects under the new default.
    kick = f"SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = '{name}' AND pid <> pg_backend_pid()"
    server = load = None
    try:
        server, base = start_server(binary, tmp_path, env, "readonly")
        token = login(base)
        load = Load(base, token, open_assignments(base, token), "pgro", threads=4)
        load.wait_for(30, timeout=10)

        psql(POSTGRES_URL, f"ALTER DATABASE {name} SET default_transaction_read_only = on")
        psql(POSTGRES_URL, kick)
        switched = time.monotonic()
        deadline = switched + 15
        while time.monotonic() < deadline and not [r for r in load.records if r[0] >= switched and r[3] == {"error": READ_ONLY[0], "fields": []}]:
            time.sleep(0.05)
        assert [r for r in load.records if r[3] == {"error": READ_ONLY[0], "fields": []}], "no write was refused as read-only within 15 s"
        with urllib.request.urlopen(base + "/health", timeout=5) as response:
            assert response.status == 200
        try:
            urllib.request.urlopen(base + "/ready", timeout=5)
            pytest.fail("/ready answered 200 on a read-only database")
        except urllib.error.HTTPError as error:
            assert error.code == 503 and '"status":"read_only"' in error.read().decode()
        status, directives = api(base, "/directives", token)
        assert status == 200 and directives

        psql(POSTGRES_URL, f"ALTER DATABASE {name} RESET default_transaction_read_only")
        psql(POSTGRES_URL, kick)
        writable = time.monotonic()
        deadline = writable + 15
        while time.monotonic() < deadline and not [r for r in load.acknowledged() if r[0] >= writable + 0.5]:
            time.sleep(0.05)
        load.stop()
        assert [r for r in load.acknowledged() if r[0] >= writable + 0.5], "no write succeeded within 15 s of the database being writable"
        assert server.poll() is None

        records = load.records
        refused = [r for r in records if r[3] == {"error": READ_ONLY[0], "fields": []}]
        odd = [r[:4] for r in records if r[2] not in (200, 201) and r[3] not in ({"error": READ_ONLY[0], "fields": []}, {"error": UNAVAILABLE[0], "fields": []})]
        assert not odd, f"answers other than 2xx, read-only or (while the sessions were ended) unavailable: {odd[:5]}"
        stored = check_all_present(url, base, token, load.acknowledged(), "pgro")
        kept = psql(url, "SELECT COUNT(*) FROM submissions WHERE idempotency_key IN (" + ",".join(f"'{r[4]}'" for r in refused) + ")")
        assert kept == "0", f"{kept} refused submissions were stored"
        print(f"\nread-only PostgreSQL: {len(records)} submissions, {len(load.acknowledged())} acknowledged (all present, {stored} stored), "
              f"{len(refused)} refused as read-only (none stored)")
        stop(server)
        server = None
        verify(binary, tmp_path, env)
    finally:
        if load:
            load.stop()
        stop(server)
        psql(POSTGRES_URL, f"ALTER DATABASE {name} RESET default_transaction_read_only")
