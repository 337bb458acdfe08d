"""An emergency's notice texted to every household of the demo city through a real Kannel (bearerbox, smsbox and
Kannel's fake SMSC), timed from the activation; beside it, Kannel itself fed by a bare client at the same
concurrency (eight requests in flight), the gateway's own rate on this machine.

    python3 scripts/bench_sms.py BINARY DATABASE KEY_FILE WORK_DIR

DATABASE is a copy of a demo city (it gains the plan, the incident and the texts). Prints one JSON object: texts,
with_phone, queued_s (the activation's answer: every text is written in its transaction), handed_s (the last text
taken by Kannel), delivered_s (the last delivery report back), ours_per_s, kannel_per_s (the bare client's rate).
"""

import json
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "Tests" / "e2e"))
from kannel import Kannel  # noqa: E402
from processes import free_port, stop  # noqa: E402

BASELINE = 2000  # texts the bare client sends


def call(url, body=None, token=None):
    request = urllib.request.Request(url, data=None if body is None else json.dumps(body).encode(), method="POST" if body is not None else "GET")
    request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", "Bearer " + token)
    with urllib.request.urlopen(request, timeout=600) as response:
        return json.loads(response.read() or b"null")


def kannel_rate(kannel, report):
    """A bare client: eight threads posting the same UCS-2 text to sendsms, as the server does."""
    text = "【基层治理】西昌市通知：紧急转移通知。详见社区通知栏，或咨询网格员。"
    numbers = iter(range(BASELINE))
    lock = threading.Lock()

    def worker():
        while True:
            with lock:
                n = next(numbers, None)
            if n is None:
                return
            query = urllib.parse.urlencode({"username": "grassroots", "password": "kannel-test-pw", "to": f"139{n:08d}", "text": text,
                                            "charset": "UTF-8", "coding": "2", "dlr-mask": "31", "dlr-url": report})
            urllib.request.urlopen(f"http://127.0.0.1:{kannel.sendsms}/cgi-bin/sendsms?{query}", timeout=30).read()

    start = time.monotonic()
    threads = [threading.Thread(target=worker) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return BASELINE / (time.monotonic() - start)


def main(binary, database, key, work):
    work = Path(work)
    (work / "sms-password").write_text("kannel-test-pw\n")
    kannel = Kannel(work)
    server = None
    try:
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        server = subprocess.Popen([binary, "serve", "--database", database, "--key-file", key, "--port", str(port), "--sms-gateway",
                                   f"http://grassroots@127.0.0.1:{kannel.sendsms}/cgi-bin/sendsms", "--sms-password-file", str(work / "sms-password"),
                                   "--sms-per-second", "1000", "--quiet-hours", "none"], stdout=(work / "sms-server.log").open("w"), stderr=subprocess.STDOUT)
        for _ in range(300):
            try:
                urllib.request.urlopen(base + "/health", timeout=1).read()
                break
            except OSError:
                time.sleep(0.1)
        baseline = kannel_rate(kannel, base + "/health?status=%d")
        token = call(base + "/api/v1/login", {"username": "admin", "password": "demo-2026"})["token"]
        plan = call(base + "/api/v1/plans", {"unit_id": 1, "title": "全市紧急转移", "event_kind": "flood",
                                             "actions": {"I": [{"kind": "notice", "title": "紧急转移通知", "body": "请按网格员告知的路线转移。"}]}}, token)
        start = time.monotonic()
        call(base + "/api/v1/incidents", {"plan_id": plan["id"], "level": "I", "drill": False}, token)
        queued = time.monotonic() - start
        with sqlite3.connect(database) as db:
            texts, with_phone = db.execute("SELECT COUNT(*), COUNT(address_enc) FROM messages WHERE event = 'notice.published'").fetchone()
        handed = delivered = None
        deadline = time.monotonic() + 1200
        while time.monotonic() < deadline and delivered is None:
            time.sleep(0.2)
            with sqlite3.connect(database, timeout=30) as db:
                waiting, undelivered = db.execute("""SELECT COUNT(*) FILTER (WHERE status = 'queued'),
                                                            COUNT(*) FILTER (WHERE status IN ('queued', 'sent'))
                                                     FROM messages WHERE event = 'notice.published'""").fetchone()
            if waiting == 0 and handed is None:
                handed = time.monotonic() - start
            if undelivered == 0:
                delivered = time.monotonic() - start
        print(json.dumps({"texts": texts, "with_phone": with_phone, "queued_s": round(queued, 3), "handed_s": handed and round(handed, 3),
                          "delivered_s": delivered and round(delivered, 3), "ours_per_s": handed and round(with_phone / handed, 1),
                          "kannel_per_s": round(baseline, 1)}))
    finally:
        stop(server)
        kannel.close()


if __name__ == "__main__":
    main(*sys.argv[1:5])
