"""A kill -9 of the server while submissions arrive loses no acknowledged submission,
and the roll-ups it leaves still equal a recount (verify passes)."""

import itertools
import os
import signal
import sqlite3
import subprocess
import threading
import time
import uuid

from faults import DIRECTIVE, api, login, start_server, stop


def test_kill_9_under_load_loses_no_acknowledged_submission(binary, tmp_path):
    db, key = tmp_path / "crash.sqlite", tmp_path / "faults.key"
    server = restarted = None
    try:
        server, base = start_server(binary, tmp_path, os.environ, "first", "--demo", "--scale", "1000", "--database", str(db))
        token = login(base)
        status, directives = api(base, "/directives", token)
        assert status == 200
        directive = next(d for d in directives if d["title"] == DIRECTIVE)
        assert directive["status"] == "issued"
        status, assignments = api(base, f"/directives/{directive['id']}/assignments?all=1", token)
        assert status == 200 and assignments

        # Eight writers cycle over the assignments, each request with a fresh idempotency key.
        acknowledged, lock, halt = [], threading.Lock(), threading.Event()
        work = itertools.cycle((a["id"], outcome) for a in assignments for outcome in ("absent", "refused"))

        def writer():
            while not halt.is_set():
                with lock:
                    assignment_id, outcome = next(work)
                key_ = f"crash-{uuid.uuid4()}"
                try:
                    status, body = api(base, "/submissions", token,
                                       {"assignment_id": assignment_id, "outcome": outcome, "key": key_})
                except (OSError, ValueError):
                    continue  # the connection died with the server: not acknowledged
                if status in (200, 201):
                    with lock:
                        acknowledged.append((key_, assignment_id, outcome))

        threads = [threading.Thread(target=writer, daemon=True) for _ in range(8)]
        for thread in threads:
            thread.start()
        deadline = time.monotonic() + 10
        time.sleep(1.2)
        while len(acknowledged) < 50 and time.monotonic() < deadline:
            time.sleep(0.1)
        os.kill(server.pid, signal.SIGKILL)
        server.wait(timeout=10)
        halt.set()
        for thread in threads:
            thread.join(timeout=15)
        assert len(acknowledged) >= 50, f"only {len(acknowledged)} submissions acknowledged before the kill"
        print(f"acknowledged before kill -9: {len(acknowledged)}")

        verify = subprocess.run([binary, "verify", "--database", str(db), "--key-file", str(key)],
                                cwd=tmp_path, capture_output=True, text=True, timeout=120)
        assert verify.returncode == 0, f"verify failed after kill -9:\n{verify.stdout}\n{verify.stderr}"
        assert "directive roll-up = recount of its assignments" in verify.stdout

        with sqlite3.connect(db) as connection:
            stored = connection.execute(
                "SELECT COUNT(*) FROM submissions WHERE idempotency_key LIKE 'crash-%'").fetchone()[0]
        assert stored >= len(acknowledged), f"{stored} stored < {len(acknowledged)} acknowledged"

        # Every acknowledged submission survived: re-sending its key replays the recorded outcome.
        restarted, base = start_server(binary, tmp_path, os.environ, "second", "--database", str(db))
        token = login(base)
        for key_, assignment_id, outcome in acknowledged:
            status, body = api(base, "/submissions", token,
                               {"assignment_id": assignment_id, "outcome": outcome, "key": key_})
            assert (status, body.get("replayed"), body.get("outcome")) == (200, True, outcome), (key_, status, body)
    finally:
        stop(server)
        stop(restarted)
