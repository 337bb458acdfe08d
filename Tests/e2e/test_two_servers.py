"""Two `grassroots serve` processes on one PostgreSQL database behave as one system: a submission on one
shows on the other's live dashboard within a second (LISTEN/NOTIFY), a session cookie from one works on the
other (sessions live in the database), and escalations are raised and sent to the webhook once, not once per
server (advisory lock for the pass, FOR UPDATE SKIP LOCKED for deliveries).

Runs when GRASSROOTS_TEST_POSTGRES_URL is set (scripts/test starts PostgreSQL and exports it); each run builds
the demo into a database of its own and drops it afterwards."""

import http.cookies
import http.server
import json
import os
import subprocess
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid

import pytest
from conftest import psql, with_database
from faults import DIRECTIVE, api, start_server, stop

POSTGRES_URL = os.environ.get("GRASSROOTS_TEST_POSTGRES_URL", "")
pytestmark = pytest.mark.skipif(not POSTGRES_URL, reason="GRASSROOTS_TEST_POSTGRES_URL is not set")


def token_for(base, username):
    status, body = api(base, "/login", body={"username": username, "password": "demo-2026"})
    assert status == 201, body
    return body["token"]


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def web(base, path, cookie=None, form=None):
    """A page request that does not follow redirects: returns (status, headers, body text)."""
    data = None if form is None else urllib.parse.urlencode(form).encode()
    request = urllib.request.Request(base + path, data=data, method="POST" if data else "GET")
    if cookie:
        request.add_header("Cookie", cookie)
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=10) as response:
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode(errors="replace")


def session_cookie(base, username):
    """Signs in through the login form, as a browser does; returns the Cookie header value."""
    status, headers, _ = web(base, "/login", form={"username": username, "password": "demo-2026"})
    assert status in (302, 303), status
    jar = http.cookies.SimpleCookie()
    for value in headers.get_all("Set-Cookie") or []:
        jar.load(value)
    return f"grassroots_session={jar['grassroots_session'].value}"


class Events:
    """Reads a server-sent event stream in a thread, keeping each data line with the time it arrived."""

    def __init__(self, url, cookie):
        request = urllib.request.Request(url, headers={"Cookie": cookie, "Accept": "text/event-stream"})
        self.response = urllib.request.urlopen(request, timeout=30)
        self.connected, self.received, self.lock = threading.Event(), [], threading.Lock()
        threading.Thread(target=self.read, daemon=True).start()

    def read(self):
        try:
            for raw in self.response:
                line = raw.decode().rstrip("\n")
                if line == ": connected":
                    self.connected.set()
                elif line.startswith("data: "):
                    with self.lock:
                        self.received.append((time.monotonic(), json.loads(line[6:])))
        except (OSError, ValueError, AttributeError):
            pass  # the stream was closed (AttributeError: closed while http.client was reading a chunk)

    def first_after(self, started, predicate, timeout):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.lock:
                for at, changes in self.received:
                    if at >= started and any(predicate(change) for change in changes):
                        return at
            time.sleep(0.005)
        return None

    def close(self):
        self.response.close()


class Gateway(http.server.ThreadingHTTPServer):
    """A slow webhook receiver: each POST takes 0.3 s, so the two servers' delivery passes overlap."""

    def __init__(self):
        self.bodies, self.lock = [], threading.Lock()
        gateway = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                time.sleep(0.3)
                with gateway.lock:
                    gateway.bodies.append(json.loads(body))
                self.send_response(204)
                self.end_headers()

            def log_message(self, *args):
                pass

        super().__init__(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.serve_forever, daemon=True).start()


@pytest.fixture
def shared_database(binary, tmp_path):
    """A fresh PostgreSQL database with the demo city (1,000 households) built into it once."""
    name = "two_" + uuid.uuid4().hex[:12]
    psql(POSTGRES_URL, f"CREATE DATABASE {name}")
    url = with_database(POSTGRES_URL, name)
    env = {**os.environ, "DATABASE_URL": url}
    try:
        built = subprocess.run([binary, "demo", "--scale", "1000", "--key-file", str(tmp_path / "faults.key")],
                               cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
        assert built.returncode == 0, built.stdout + built.stderr
        yield url, env
    finally:
        psql(POSTGRES_URL, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def test_two_servers_share_live_updates_sessions_and_jobs(binary, tmp_path, shared_database):
    url, env = shared_database
    gateway = Gateway()
    secret = tmp_path / "webhook.secret"
    secret.write_text("two-servers-webhook-secret")
    jobs = ["--escalation-interval", "1", "--webhook-url", f"http://127.0.0.1:{gateway.server_address[1]}/hook",
            "--webhook-secret-file", str(secret)]
    servers, events = [], None
    try:
        a, base_a = start_server(binary, tmp_path, env, "a", *jobs)
        servers.append(a)
        b, base_b = start_server(binary, tmp_path, env, "b", *jobs)
        servers.append(b)

        # A session opened on A works on B: sessions are rows in the database, not memory of one process.
        cookie = session_cookie(base_a, "beicheng")
        token = token_for(base_a, "gege")
        status, directives = api(base_a, "/directives", token)
        assert status == 200
        directive = next(d for d in directives if d["title"] == DIRECTIVE)
        status, _, page = web(base_b, f"/directives/{directive['id']}", cookie)
        assert status == 200 and DIRECTIVE in page and 'id="progress"' in page
        assert web(base_b, f"/directives/{directive['id']}")[0] in (302, 303), "B must not show the page without a session"

        # The street's dashboard on B listens; a grid worker submits on A.
        events = Events(f"{base_b}/directives/{directive['id']}/events", cookie)
        assert events.connected.wait(10), "B's event stream did not open"
        status, open_items = api(base_a, f"/directives/{directive['id']}/assignments", token)
        assert status == 200 and open_items
        latencies = []
        for item in open_items[:3]:
            started = time.monotonic()
            status, result = api(base_a, "/submissions", token, {"assignment_id": item["id"], "outcome": "absent", "key": "two-" + uuid.uuid4().hex})
            assert status == 201, result
            # The grid of the household changed: B's stream must carry that grid's new counters.
            grid = {c["unit_id"]: c for c in result["changed"]}
            arrived = events.first_after(started, lambda c: c["unit_id"] in grid and c["counts"] == grid[c["unit_id"]]["counts"], timeout=3)
            assert arrived is not None, "the submission on A never reached B's live stream"
            latencies.append(arrived - started)
        print(f"submission on A to event on B: {', '.join(f'{l * 1000:.0f} ms' for l in latencies)}")
        assert max(latencies) < 1.0, latencies

        # Both servers run an escalation pass every second; the demo's directive has stalled compounds and grids.
        # Wait until the queue has drained, then let both run several more passes and deliver again.
        deadline = time.monotonic() + 60
        raised = 0
        while time.monotonic() < deadline:
            raised = int(psql(url, "SELECT COUNT(*) FROM notifications"))
            pending = int(psql(url, "SELECT COUNT(*) FROM webhook_deliveries WHERE status <> 'sent'"))
            if raised and not pending:
                break
            time.sleep(0.5)
        assert raised > 0, "no escalation was raised"
        time.sleep(4)
        assert int(psql(url, "SELECT COUNT(*) FROM notifications")) == raised
        assert int(psql(url, "SELECT COUNT(*) FROM (SELECT directive_id, subject_unit_id, reason FROM notifications GROUP BY 1, 2, 3) n")) == raised
        assert psql(url, "SELECT COUNT(*), COUNT(DISTINCT notification_id), MAX(attempts) FROM webhook_deliveries WHERE status = 'sent'") == f"{raised}|{raised}|1"
        with gateway.lock:
            keys = [(body["directive_id"], body["unit_id"], body["reason"]) for body in gateway.bodies]
        assert len(keys) == raised and len(set(keys)) == raised, f"gateway got {len(keys)} posts for {raised} escalations"
        for name in ("a", "b"):
            log = (tmp_path / f"{name}.log").read_text()
            assert "listening for progress from other servers" in log, log[-2000:]
            assert "escalation pass failed" not in log, log[-2000:]
    finally:
        if events:
            events.close()
        for process in servers:
            stop(process)
        gateway.shutdown()
