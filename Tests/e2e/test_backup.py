"""grassroots backup / restore: a round trip gives the data back and verify passes; bad targets and
sources are refused with a clear message and leave everything as it was. PostgreSQL too when
GRASSROOTS_TEST_POSTGRES_URL is set (a fresh database is created and dropped)."""

import json
import os
import sqlite3
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from contextlib import closing

import pytest
from conftest import free_port, psql

COUNTED = ("units", "households", "residents", "submissions")


def run(binary, *args, cwd, env=None):
    return subprocess.run([binary, *args], cwd=cwd, capture_output=True, text=True, timeout=300,
                          env={**os.environ, **(env or {})})


def connect(db):
    """A connection that is closed on leaving the block (sqlite3's own `with` only commits), so restore does not
    take it for a running server."""
    return closing(sqlite3.connect(db, isolation_level=None))


def counts(db):
    with connect(db) as c:
        return {t: c.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in COUNTED}


@pytest.fixture(scope="module")
def demo(binary, tmp_path_factory):
    """A small demo city, built once; tests copy it rather than rebuild it."""
    d = tmp_path_factory.mktemp("demo")
    result = run(binary, "demo", "--scale", "1000", "--database", str(d / "city.sqlite"), cwd=d)
    assert result.returncode == 0, result.stderr
    return d / "city.sqlite"


def fresh_copy(binary, demo, tmp_path):
    """A private copy of the demo database (made with backup itself, which is what is under test)."""
    db = tmp_path / "g.sqlite"
    result = run(binary, "backup", "--database", str(demo), "--to", str(db), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    return db


def test_sqlite_round_trip(binary, demo, tmp_path):
    db = fresh_copy(binary, demo, tmp_path)
    original = counts(db)
    assert original["households"] > 0 and original["submissions"] > 0

    result = run(binary, "backup", "--database", str(db), "--to", "b.sqlite", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "households" in result.stdout and ("MB" in result.stdout or "KB" in result.stdout)
    assert "not in the backup" in result.stdout and "g.key" in result.stdout
    assert oct((tmp_path / "b.sqlite").stat().st_mode & 0o777) == "0o600"

    with connect(db) as c:
        c.execute("DELETE FROM submissions")
        c.execute("UPDATE units SET name = 'changed' WHERE depth = 0")
    assert counts(db)["submissions"] == 0

    refused = run(binary, "restore", "--database", str(db), "--from", "b.sqlite", cwd=tmp_path)
    assert refused.returncode != 0 and "--force" in refused.stderr
    assert counts(db)["submissions"] == 0

    restored = run(binary, "restore", "--database", str(db), "--from", "b.sqlite", "--force", cwd=tmp_path)
    assert restored.returncode == 0, restored.stderr
    assert "Before:" in restored.stdout and "After:" in restored.stdout and "not in the backup" in restored.stdout
    assert counts(db) == original
    with connect(db) as c:
        assert c.execute("SELECT COUNT(*) FROM units WHERE name = 'changed'").fetchone()[0] == 0
    # The replaced database is kept, with what it held.
    assert counts(tmp_path / "g.sqlite.before-restore")["submissions"] == 0
    assert not (tmp_path / "g.sqlite.restoring").exists()

    verify = run(binary, "verify", "--database", str(db), cwd=tmp_path)
    assert verify.returncode == 0, verify.stdout + verify.stderr

    # A second forced restore would overwrite the kept file: refused until it is moved away.
    again = run(binary, "restore", "--database", str(db), "--from", "b.sqlite", "--force", cwd=tmp_path)
    assert again.returncode != 0 and "before-restore" in again.stderr


def test_restore_into_a_new_place(binary, demo, tmp_path):
    backup = fresh_copy(binary, demo, tmp_path)
    result = run(binary, "restore", "--database", "new.sqlite", "--from", str(backup), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert counts(tmp_path / "new.sqlite") == counts(demo)
    assert not (tmp_path / "new.sqlite.before-restore").exists()


def test_refusals_leave_everything_as_it_was(binary, demo, tmp_path):
    db = fresh_copy(binary, demo, tmp_path)
    (tmp_path / "exists.sqlite").write_bytes(b"keep me")
    existing = run(binary, "backup", "--database", str(db), "--to", "exists.sqlite", cwd=tmp_path)
    assert existing.returncode != 0 and "already exists" in existing.stderr
    assert (tmp_path / "exists.sqlite").read_bytes() == b"keep me"

    missing = run(binary, "backup", "--database", "nothing.sqlite", "--to", "x.sqlite", cwd=tmp_path)
    assert missing.returncode != 0 and "does not exist" in missing.stderr
    assert not (tmp_path / "nothing.sqlite").exists() and not (tmp_path / "x.sqlite").exists()

    (tmp_path / "notes.txt").write_text("not a database\n")
    with connect(tmp_path / "other.sqlite") as c:
        c.execute("CREATE TABLE t (x)")
    for source, words in [("notes.txt", "not an SQLite file"), ("other.sqlite", "schema_migrations"),
                          ("absent.sqlite", "does not exist")]:
        result = run(binary, "restore", "--database", "fresh.sqlite", "--from", source, cwd=tmp_path)
        assert result.returncode != 0, source
        assert words in result.stderr, result.stderr
        assert not (tmp_path / "fresh.sqlite").exists()
        assert not (tmp_path / "fresh.sqlite.restoring").exists()
    before = counts(db)
    forced = run(binary, "restore", "--database", str(db), "--from", "notes.txt", "--force", cwd=tmp_path)
    assert forced.returncode != 0 and counts(db) == before
    assert not (tmp_path / "g.sqlite.before-restore").exists()




def test_backup_while_serving_and_operations_endpoints(binary, demo, tmp_path):
    """VACUUM INTO reads one snapshot, so a backup taken under a running server is whole; the server also answers
    /ready and /metrics and logs each request by route template only."""
    db = fresh_copy(binary, demo, tmp_path)
    port = free_port()
    log = open(tmp_path / "server.log", "w")
    server = subprocess.Popen([binary, "serve", "--database", str(db), "--port", str(port)], cwd=tmp_path,
                              stdout=log, stderr=subprocess.STDOUT, env={**os.environ, "LOG_LEVEL": "info"})
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + 60
        while True:
            try:
                with urllib.request.urlopen(base + "/ready", timeout=2) as r:
                    ready = json.load(r)
                    break
            except (urllib.error.URLError, ConnectionError):
                assert server.poll() is None and time.time() < deadline, (tmp_path / "server.log").read_text()
                time.sleep(0.3)
        assert ready["status"] == "ready" and ready["engine"] == "sqlite" and ready["migrations"] >= 12

        result = run(binary, "backup", "--database", str(db), "--to", "live.sqlite", cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        assert counts(tmp_path / "live.sqlite") == counts(db)
        busy = run(binary, "restore", "--database", str(db), "--from", "live.sqlite", "--force", cwd=tmp_path)
        assert busy.returncode != 0 and "stop the server" in busy.stderr
        assert not (tmp_path / "g.sqlite.before-restore").exists() and not (tmp_path / "g.sqlite.restoring").exists()

        secret = "13800001111"
        for path in ["/units/1", "/search?q=" + secret]:
            try:
                urllib.request.urlopen(base + path, timeout=5).close()
            except urllib.error.HTTPError:
                pass
        with urllib.request.urlopen(base + "/metrics", timeout=5) as r:
            assert r.headers["Content-Type"].startswith("text/plain; version=0.0.4")
            metrics = r.read().decode()
        assert 'route="/units/{id}"' in metrics and 'route="/ready"' in metrics and secret not in metrics
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
    text = (tmp_path / "server.log").read_text()
    assert "route=/units/{id}" in text and "duration_ms=" in text, text[-2000:]
    assert secret not in text and "/units/1 " not in text


# --- PostgreSQL -----------------------------------------------------------------------------------





@pytest.fixture
def pg_database():
    """A fresh database on the test server, dropped afterwards; its URL."""
    admin = os.environ.get("GRASSROOTS_TEST_POSTGRES_URL")
    if not admin:
        pytest.skip("GRASSROOTS_TEST_POSTGRES_URL is not set")
    name = "grassroots_backup_" + uuid.uuid4().hex[:10]
    psql(admin, f"CREATE DATABASE {name}")
    parts = urllib.parse.urlsplit(admin)
    try:
        yield urllib.parse.urlunsplit(parts._replace(path="/" + name))
    finally:
        psql(admin, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def test_postgres_round_trip(binary, tmp_path, pg_database):
    env = {"DATABASE_URL": pg_database}
    built = run(binary, "demo", "--scale", "1000", "--key-file", "k.key", cwd=tmp_path, env=env)
    assert built.returncode == 0, built.stderr
    pg_counts = lambda: {t: int(psql(pg_database, f"SELECT COUNT(*) FROM {t}")) for t in COUNTED}
    original = pg_counts()

    result = run(binary, "backup", "--to", "pg.dump", "--key-file", "k.key", cwd=tmp_path, env=env)
    assert result.returncode == 0, result.stderr
    assert "pg_dump" in result.stdout and "not in the backup" in result.stdout
    again = run(binary, "backup", "--to", "pg.dump", cwd=tmp_path, env=env)
    assert again.returncode != 0 and "already exists" in again.stderr
    gone = run(binary, "backup", "--to", "gone.dump", cwd=tmp_path,
               env={"DATABASE_URL": pg_database.rsplit("/", 1)[0] + "/grassroots_no_such_db"})
    assert gone.returncode != 0 and "pg_dump failed" in gone.stderr and "does not exist" in gone.stderr
    assert not (tmp_path / "gone.dump").exists()

    psql(pg_database, "DELETE FROM submissions")
    refused = run(binary, "restore", "--from", "pg.dump", cwd=tmp_path, env=env)
    assert refused.returncode != 0 and "--force" in refused.stderr
    (tmp_path / "junk.dump").write_text("junk")
    junk = run(binary, "restore", "--from", "junk.dump", "--force", cwd=tmp_path, env=env)
    assert junk.returncode != 0 and "not a pg_dump" in junk.stderr
    assert pg_counts()["submissions"] == 0

    # A dump from a newer version (a migration this one does not know) is refused before anything is dropped.
    psql(pg_database, "INSERT INTO schema_migrations (name, applied_at) VALUES ('999_from_the_future', '2030-01-01T00:00:00Z')")
    future = run(binary, "backup", "--to", "future.dump", cwd=tmp_path, env=env)
    assert future.returncode == 0, future.stderr
    psql(pg_database, "DELETE FROM schema_migrations WHERE name = '999_from_the_future'")
    newer = run(binary, "restore", "--from", "future.dump", "--force", cwd=tmp_path, env=env)
    assert newer.returncode != 0 and "newer Grassroots" in newer.stderr and "999_from_the_future" in newer.stderr, newer.stderr
    assert pg_counts()["submissions"] == 0
    assert psql(pg_database, "SELECT COUNT(*) FROM schema_migrations WHERE name = '999_from_the_future'") == "0"

    restored = run(binary, "restore", "--from", "pg.dump", "--force", "--key-file", "k.key", cwd=tmp_path, env=env)
    assert restored.returncode == 0, restored.stderr
    assert pg_counts() == original
    verify = run(binary, "verify", "--key-file", "k.key", cwd=tmp_path, env=env)
    assert verify.returncode == 0, verify.stdout + verify.stderr


def test_photos_travel_with_the_backup(binary, demo, tmp_path):
    """Photo files go beside the backup (FILE.photos, owner only) and come back beside the restored database."""
    db = fresh_copy(binary, demo, tmp_path)
    sha = "ab" + "0" * 62
    (tmp_path / "g.photos" / "ab").mkdir(parents=True)
    (tmp_path / "g.photos" / "ab" / sha).write_bytes(b"\xff\xd8\xff\xe0 a photo \xff\xd9")
    with connect(db) as c:
        account = c.execute("SELECT MIN(id) FROM accounts").fetchone()[0]
        c.execute("INSERT INTO photos (sha256, content_type, bytes, uploaded_by, uploaded_at) VALUES (?, 'image/jpeg', 16, ?, '2026-12-07 10:00:00')",
                  (sha, account))
    backup = run(binary, "backup", "--database", str(db), "--to", "b.sqlite", cwd=tmp_path)
    assert backup.returncode == 0, backup.stderr
    assert "Photos backed up: 1 files" in backup.stdout and "photos" in backup.stdout
    assert (tmp_path / "b.sqlite.photos" / "ab" / sha).read_bytes().startswith(b"\xff\xd8")
    assert oct((tmp_path / "b.sqlite.photos" / "ab").stat().st_mode & 0o777) == "0o700"

    restored = run(binary, "restore", "--database", "new.sqlite", "--from", "b.sqlite", cwd=tmp_path)
    assert restored.returncode == 0, restored.stderr
    assert "Photos restored: 1 files" in restored.stdout
    assert (tmp_path / "new.photos" / "ab" / sha).exists()
    verify = run(binary, "verify", "--database", "new.sqlite", cwd=tmp_path)
    assert verify.returncode == 0 and "ok   every photo's file is in the photo folder" in verify.stdout, verify.stdout + verify.stderr
    # A photo whose file is gone is named by verify.
    (tmp_path / "new.photos" / "ab" / sha).unlink()
    missing = run(binary, "verify", "--database", "new.sqlite", cwd=tmp_path)
    assert missing.returncode != 0 and "FAIL every photo's file is in the photo folder" in missing.stdout and ": 1 rows" in missing.stdout
