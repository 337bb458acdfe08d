"""A full disk and a read-only database file, on SQLite.

Writes are refused with a clear message (507 or 503, in the user's language) and nothing of them is kept; reads go
on; /ready and /metrics say what is wrong. Once space is freed, writes succeed again without a restart; once the
file is writable again, a restarted server writes. No acknowledged write is lost and `grassroots verify` passes.

The faults are real: the database lives on a small tmpfs filled up by a file, or is bind-mounted read-only onto
itself (a read-only mount stops root too, as file permissions would not). Mounting needs CAP_SYS_ADMIN; without it
the tests are skipped with the reason."""

import errno
import json
import os
import shutil
import sqlite3
import subprocess
import time
import urllib.error
import urllib.request
from contextlib import closing

import pytest
from faults import Load, api, login, open_assignments, start_server, stop, verify

DISK_FULL = ("数据库所在磁盘已满，本次操作未保存任何内容；请联系系统管理员释放空间后重试",
             "The database's disk is full; nothing of this operation was saved. Ask the administrator to free space, then try again")
READ_ONLY = ("数据库当前为只读，本次操作未保存任何内容；请联系系统管理员",
             "The database is read-only at the moment; nothing of this operation was saved. Ask the administrator")


def mount(*args):
    done = subprocess.run(["mount", *args], capture_output=True, text=True, timeout=30)
    if done.returncode != 0:
        pytest.skip(f"cannot mount here (needs CAP_SYS_ADMIN): {done.stderr.strip()}")


def umount(path):
    """Unmounts `path`; lazily if something still holds it, so a failed test never leaves a mount behind."""
    if subprocess.run(["umount", str(path)], capture_output=True, timeout=30).returncode != 0:
        subprocess.run(["umount", "-l", str(path)], capture_output=True, timeout=30)


@pytest.fixture(scope="module")
def demo_db(binary, tmp_path_factory):
    """A demo city (1,000 households) on the ordinary disk, copied by each test."""
    tmp = tmp_path_factory.mktemp("disk-demo")
    built = subprocess.run([binary, "demo", "--scale", "1000", "--database", str(tmp / "demo.sqlite"), "--key-file", str(tmp / "faults.key")],
                           cwd=tmp, capture_output=True, text=True, timeout=300)
    assert built.returncode == 0, built.stdout + built.stderr
    return tmp


def ready(base):
    try:
        with urllib.request.urlopen(base + "/ready", timeout=5) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def metric(base, name):
    with urllib.request.urlopen(base + "/metrics", timeout=5) as response:
        line = next(line for line in response.read().decode().splitlines() if line.startswith(name + " "))
    return float(line.split()[1])


def stored_keys(db, prefix):
    # closing(): sqlite3's own `with` only commits, and an open file would keep the tmpfs busy.
    with closing(sqlite3.connect(db)) as connection:
        return dict(connection.execute("SELECT idempotency_key, outcome FROM submissions WHERE idempotency_key LIKE ?", (prefix + "-%",)))


def submit(base, token, assignment_id, key, lang):
    """One submission as someone reading `lang` (the `lang` cookie); returns (status, body)."""
    request = urllib.request.Request(
        base + "/api/v1/submissions", method="POST",
        data=json.dumps({"assignment_id": assignment_id, "outcome": "absent", "key": key}).encode(),
        headers={"Content-Type": "application/json", "Authorization": "Bearer " + token, "Cookie": f"lang={lang}"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def fill(path):
    """Writes `path` until the disk refuses with ENOSPC; returns the bytes written."""
    written, chunk = 0, b"\0" * 65536
    with open(path, "wb", buffering=0) as f:
        while True:
            try:
                written += f.write(chunk)
            except OSError as error:
                assert error.errno == errno.ENOSPC, error
                break
        try:
            while f.write(b"\0"):
                written += 1
        except OSError:
            pass
    return written


def test_full_disk_refuses_writes_clearly_and_recovers_when_space_is_freed(binary, demo_db, tmp_path):
    disk = tmp_path / "disk"
    disk.mkdir()
    size_mb = os.path.getsize(demo_db / "demo.sqlite") // (1 << 20) + 4
    mount("-t", "tmpfs", "-o", f"size={size_mb}m", "tmpfs", str(disk))
    server = load = None
    try:
        shutil.copy(demo_db / "demo.sqlite", disk / "db.sqlite")
        shutil.copy(demo_db / "faults.key", tmp_path / "faults.key")
        db = disk / "db.sqlite"
        server, base = start_server(binary, tmp_path, os.environ, "full", "--database", str(db))
        token = login(base)
        load = Load(base, token, open_assignments(base, token), "full", threads=4)
        load.wait_for(30, timeout=15)

        filled = time.monotonic()
        filler = fill(disk / "filler")
        # SQLite may still reuse room inside its WAL for a while; the disk is full once a commit needs a new page.
        deadline = filled + 60
        while time.monotonic() < deadline and not [r for r in load.records if r[0] >= filled and r[2] == 507]:
            time.sleep(0.1)
        refused_at = time.monotonic()
        assert [r for r in load.records if r[2] == 507], f"no write was refused within 60 s of filling the disk ({filler} bytes)"

        # While full: the operator learns it from /ready and /metrics, staff can still read, and a refusal says what to do.
        status, body = ready(base)
        assert status == 503 and '"status":"disk_full"' in body, body
        assert metric(base, "grassroots_database_writable") == 0
        assert metric(base, "grassroots_database_disk_free_bytes") < 1 << 20
        status, directives = api(base, "/directives", token)
        assert status == 200 and directives
        # One more refusal, for someone who reads English (the disk is still full; a commit may slip into WAL room, so try a few).
        assignment = open_assignments(base, token)[0]
        answers = []
        for i in range(20):
            answers.append(submit(base, token, assignment["id"], f"full-en-{i}", "en"))
            if answers[-1][0] != 201:
                break
        assert answers[-1] == (507, {"error": DISK_FULL[1], "fields": []}), answers

        time.sleep(0.5)
        (disk / "filler").unlink()
        freed = time.monotonic()
        deadline = freed + 10
        while time.monotonic() < deadline and not [r for r in load.acknowledged() if r[0] >= freed]:
            time.sleep(0.05)
        load.stop()
        after = [r for r in load.acknowledged() if r[0] >= freed]
        assert after, "no write succeeded within 10 s after space was freed"
        status, body = ready(base)
        assert status == 200, body
        assert server.poll() is None, "the server died on the full disk"

        records = load.records
        odd = [r[:4] for r in records if r[2] not in (200, 201, 507)]
        assert not odd, f"answers other than 2xx and 507: {odd[:5]}"
        refused = [r for r in records if r[2] == 507]
        for r in refused:
            assert r[3] == {"error": DISK_FULL[0], "fields": []}, r[3]
        stored = stored_keys(db, "full")
        acknowledged = load.acknowledged()
        missing = [r[4] for r in acknowledged if stored.get(r[4]) != r[6]]
        assert not missing, f"{len(missing)} of {len(acknowledged)} acknowledged submissions are missing"
        kept = [r[4] for r in refused if r[4] in stored]
        assert not kept, f"{len(kept)} refused submissions were stored anyway: {kept[:3]}"
        log = (tmp_path / "full.log").read_text()
        assert "database takes no writes" in log and "request failed" not in log, log[-3000:]
        print(f"\nfull disk: {len(records)} submissions, {len(acknowledged)} acknowledged (all present), {len(refused)} refused "
              f"with 507 (none stored); first refusal {refused_at - filled:.2f} s after the disk filled; "
              f"first success {after[0][1] - freed:.2f} s after space was freed")
        stop(server)
        server = None
        verify(binary, tmp_path, os.environ, "--database", str(db))
    finally:
        if load:
            load.stop()
        stop(server)
        umount(disk)


def test_read_only_database_file_serves_reads_refuses_writes_and_recovers(binary, demo_db, tmp_path):
    db = tmp_path / "db.sqlite"
    shutil.copy(demo_db / "demo.sqlite", db)
    shutil.copy(demo_db / "faults.key", tmp_path / "faults.key")
    server = load = None
    mounted = False
    try:
        server, base = start_server(binary, tmp_path, os.environ, "before", "--database", str(db))
        token = login(base)  # sessions and tokens live in the database, so this one still works read-only
        load = Load(base, token, open_assignments(base, token), "ro", threads=2)
        load.wait_for(20, timeout=15)
        load.stop()
        before = load.acknowledged()
        stop(server)

        mount("--bind", str(db), str(db))
        mounted = True
        mount("-o", "remount,ro,bind", str(db))
        server, base = start_server(binary, tmp_path, os.environ, "readonly", "--database", str(db))
        status, body = ready(base)
        assert status == 503 and '"status":"read_only"' in body, body
        assert metric(base, "grassroots_database_writable") == 0
        status, assignments = api(base, "/directives", token)
        assert status == 200 and assignments
        assignment = open_assignments(base, token)[0]
        for lang, message in (("zh", READ_ONLY[0]), ("en", READ_ONLY[1])):
            assert submit(base, token, assignment["id"], f"ro-refused-{lang}", lang) == (503, {"error": message, "fields": []})
        # The page a browser gets names the fault too, and the log says why at start-up.
        request = urllib.request.Request(base + "/login", data=b"username=admin&password=demo-2026", method="POST",
                                         headers={"Content-Type": "application/x-www-form-urlencoded"})
        try:
            urllib.request.urlopen(request, timeout=10)
            pytest.fail("signing in wrote a session on a read-only file")
        except urllib.error.HTTPError as error:
            assert error.code == 503 and READ_ONLY[0] in error.read().decode()
        assert "the database takes no writes" in (tmp_path / "readonly.log").read_text()
        stop(server)
        server = None

        umount(db)
        mounted = False
        server, base = start_server(binary, tmp_path, os.environ, "after", "--database", str(db))
        status, body = ready(base)
        assert status == 200, body
        status, body = api(base, "/submissions", token, {"assignment_id": assignment["id"], "outcome": "absent", "key": "ro-after"})
        assert status == 201, body
        stored = stored_keys(db, "ro")
        assert all(stored.get(r[4]) == r[6] for r in before), "an acknowledged submission is missing"
        assert "ro-refused-zh" not in stored and "ro-refused-en" not in stored
        stop(server)
        server = None
        verify(binary, tmp_path, os.environ, "--database", str(db))
    finally:
        if load:
            load.stop()
        stop(server)
        if mounted:
            umount(db)
