"""The XSS crawl, in Chromium, on a server of its own: a payload is written into every free-text field there is,
first through the ways in people use (API bodies, forms, a CSV import, an Open311 post, a CAP document, a pasted
GeoJSON file), then straight into every free-text column of the database (the first rows of each table, past the
forms' checks, as an old row or another system could hold it). Then every demo role signs in and walks its pages:
the parameter-free pages of the route table and the links those pages lead to. On no page may the payload become
an element or run (the conftest also fails on any Content-Security-Policy violation Chromium reports)."""

import csv
import html
import re
import sqlite3
import subprocess
import time
from collections import deque
from contextlib import closing
from urllib.parse import urlparse

import pytest
import requests
from conftest import free_port
from test_coordination import sign_out
from test_household_edit import sign_in
from test_xss import PAYLOAD as PROBE, token as bearer, write_free_text

ROLES = ["admin", "beicheng", "datongmen", "gege", "auditor", "minjing", "lianluo", "dangyuan", "jumin"]
PASSWORD = "demo-2026"
# The column names PayloadCrawlTests plants into: what people type.
FREE_TEXT = {
    "name", "display_name", "title", "description", "body", "note", "summary", "instructions", "headline", "comment", "commitment",
    "label", "resolution", "minutes", "goals", "review", "place", "address", "employer", "employer_party_org", "venues", "skills",
    "funds", "activity", "items", "liaison_name", "contact_name", "feedback_comment", "flag_note", "status_note", "public_reply",
    "project", "event", "area_desc", "matter", "posts_note", "room", "opening_hours", "online_matters", "phone", "unit_name", "actor",
}
# Links the crawl does not follow: signing out, switching language, files and feeds (not pages), the API.
NOT_PAGES = re.compile(r"^/(logout|lang/|static/|api/|open311/|cap/|metrics|health|ready)|format=|\.(csv|xml|json|geojson|ics|atom)(\?|$)|/stream|/export")
PER_ROLE = 80


@pytest.fixture(scope="module")
def server(binary, tmp_path_factory):
    """A small demo city served on a port of its own, so the payloads never reach the other browser tests."""
    d = tmp_path_factory.mktemp("xss")
    port = free_port()
    log = open(d / "server.log", "w")
    args = ["--database", str(d / "city.sqlite"), "--key-file", str(d / "city.key")]
    process = subprocess.Popen([binary, "serve", "--demo", "--scale", "1000", "--port", str(port), *args], cwd=d,
                               stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 120
    while True:
        try:
            if requests.get(base + "/health", timeout=2).ok:
                break
        except requests.ConnectionError:
            pass
        assert process.poll() is None and time.time() < deadline, (d / "server.log").read_text()[-2000:]
        time.sleep(0.5)
    try:
        yield {"url": base, "dir": d, "db": d / "city.sqlite", "args": args}
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


def browser_session(base, username):
    """A signed-in cookie session and its CSRF token, to post the forms a person would."""
    session = requests.Session()
    assert session.post(base + "/login", data={"username": username, "password": PASSWORD}).ok
    token = re.search(r'name="_csrf" value="([^"]+)"', session.get(base + "/").text).group(1)
    return session, token


def write_through_the_ways_in(server, binary):
    """Payloads written as people and other systems would; returns how many fields took one."""
    base = server["url"]
    _, fields = write_free_text(base)
    community = requests.get(base + "/api/v1/me", headers=bearer(base, "datongmen")).json()["scope_unit_id"]
    noise = next(c for c in requests.get(base + "/api/v1/request-categories").json() if c.get("service_code") == "noise")

    # An Open311 client's post: the key is issued on the settings page, the description comes from outside.
    admin, csrf = browser_session(base, "admin")
    page = admin.post(base + "/requests/open311-keys", data={"_csrf": csrf, "name": "外部系统" + PROBE[:40], "unit_id": str(community)})
    key = re.search(r'id="new-key">[^<]*<code>([^<]+)</code>', page.text).group(1)
    posted = requests.post(base + "/open311/v2/requests.json", data={
        "api_key": key, "service_code": noise["service_code"], "description": "夜间施工" + PROBE, "address_string": "航天大道" + PROBE[:40],
        "first_name": PROBE[:30]})
    assert posted.status_code == 201, posted.text
    fields += 4

    # A CAP document received from the weather service.
    cap = f"""<?xml version="1.0" encoding="UTF-8"?><alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>xss-1</identifier>
<sender>weather@example.org</sender><sent>2026-12-04T08:00:00+08:00</sent><status>Actual</status><msgType>Alert</msgType><scope>Public</scope>
<info><category>Met</category><event>暴雨{html.escape(PROBE)}</event><urgency>Expected</urgency><severity>Severe</severity><certainty>Likely</certainty>
<headline>暴雨预警{html.escape(PROBE)}</headline><description>说明{html.escape(PROBE)}</description><instruction>避险{html.escape(PROBE)}</instruction>
<area><areaDesc>西昌{html.escape(PROBE)}</areaDesc><geocode><valueName>统计用区划代码</valueName><value>513401001003</value></geocode></area></info></alert>"""
    staff_browser, staff_csrf = browser_session(base, "datongmen")
    received = staff_browser.post(base + "/emergency/alerts/receive", data={"_csrf": staff_csrf, "cap": cap})
    assert received.ok and "<img src=x class=xss-probe" not in received.text, received.text[:300]
    fields += 5

    # A pasted GeoJSON file whose feature names carry the payload (and whose code is wrong, so it is shown again).
    geojson = '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"x' + PROBE.replace('"', '\\"') + '","name":"' \
        + PROBE.replace('"', '\\"') + '"},"geometry":{"type":"Polygon","coordinates":[[[102.2,27.8],[102.3,27.8],[102.3,27.9],[102.2,27.8]]]}}]}'
    street, street_csrf = browser_session(base, "beicheng")
    unit = requests.get(base + "/api/v1/me", headers=bearer(base, "beicheng")).json()["scope_unit_id"]
    shown = street.post(base + "/checkup/boundaries", data={"_csrf": street_csrf, "unit": str(unit), "geojson": geojson})
    assert shown.status_code == 422 and "<img src=x class=xss-probe" not in shown.text, shown.text[:300]
    fields += 2

    # A CSV import of households and residents, as the registry office runs it.
    grid = "513401001003001"
    with open(server["dir"] / "households.csv", "w", newline="", encoding="utf-8-sig") as f:
        csv.writer(f).writerows([["grid_code", "compound", "building", "room", "address", "note"],
                                 [grid, "小区" + PROBE[:40], "楼" + PROBE[:15], "室" + PROBE[:15], "地址" + PROBE, "备注" + PROBE]])
    with open(server["dir"] / "residents.csv", "w", newline="", encoding="utf-8-sig") as f:
        csv.writer(f).writerows([["grid_code", "compound", "building", "room", "name", "sex", "birth_date", "id_number", "phone",
                                  "political_status", "residence_status", "categories", "is_head"],
                                 [grid, "小区" + PROBE[:40], "楼" + PROBE[:15], "室" + PROBE[:15], "张" + PROBE[:40], "F", "1980-01-02",
                                  "", "13800001234", "masses", "registered_living", "", "1"]])
    for kind in ["households", "residents"]:
        result = subprocess.run([binary, "import", kind, str(server["dir"] / f"{kind}.csv"), *server["args"]], capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, result.stderr + result.stdout
    return fields + 9


def plant_every_column(db):
    """The payload into every free-text column of the first rows of every table; returns how many columns took it."""
    planted = 0
    with closing(sqlite3.connect(db, timeout=30, isolation_level=None)) as c:
        tables = [r[0] for r in c.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        for table in tables:
            for _, column, kind, *_ in c.execute(f'SELECT * FROM pragma_table_info("{table}")').fetchall():
                if kind.upper() != "TEXT" or column not in FREE_TEXT:
                    continue
                try:
                    c.execute(f'UPDATE "{table}" SET "{column}" = ? || rowid WHERE rowid IN (SELECT rowid FROM "{table}" ORDER BY rowid LIMIT 40)', (PROBE,))
                    planted += 1
                except sqlite3.IntegrityError:
                    pass  # a CHECK (an enum, a length) refuses it: that column cannot hold it from any source
    return planted


def listed_pages(binary):
    """The parameter-free GET routes of the route table."""
    table = subprocess.run([binary, "routes"], capture_output=True, text=True, check=True).stdout
    return sorted({line.split()[1] for line in table.splitlines() if line.startswith("GET ")
                   and "{" not in line.split()[1] and "*" not in line.split()[1] and not NOT_PAGES.search(line.split()[1])})


def shape(path):
    """A page's kind: its path with every number and code replaced, so the crawl opens a few of each kind."""
    return re.sub(r"\d+", "N", urlparse(path).path)


def crawl(driver, base, username, start):
    """Opens the role's pages breadth first from `start`, following same-site links; returns the pages that answered
    and how many of them showed the payload (as text)."""
    queue, seen, kinds, opened, showing = deque(start), set(start), {}, [], 0
    while queue and len(opened) < PER_ROLE:
        path = queue.popleft()
        if kinds.get(shape(path), 0) >= 2:
            continue
        kinds[shape(path)] = kinds.get(shape(path), 0) + 1
        driver.get(base + path)
        # Script queries, not find_elements: those would wait out the implicit wait on every page where all is well.
        assert driver.execute_script("return document.querySelectorAll('img.xss-probe, script:not([src])').length") == 0, \
            f"{username} {path}: the payload became an element"
        assert driver.execute_script("return window.__xss === undefined"), f"{username} {path}: the payload ran"
        status = driver.execute_script("var n = performance.getEntriesByType('navigation')[0]; return n ? n.responseStatus : 0")
        if status != 200:
            continue
        opened.append(path)
        showing += driver.execute_script("var m = document.querySelector('main'); return !!m && m.innerText.includes('class=xss-probe')")
        for href in driver.execute_script("return Array.from(document.querySelectorAll('a[href]'), a => a.getAttribute('href'))"):
            if not href.startswith("/") or href.startswith("//") or NOT_PAGES.search(href) or href in seen:
                continue
            seen.add(href)
            queue.append(href)
    return opened, showing


def test_a_payload_in_every_free_text_field_stays_text_on_every_page_each_role_reaches(driver, server, binary):
    base = server["url"]
    through_forms = write_through_the_ways_in(server, binary)
    columns = plant_every_column(server["db"])
    assert columns > 40, "free-text columns took the payload"
    pages = listed_pages(binary)
    opened, showing = {}, 0
    for username in ROLES:
        sign_in(driver, base, username)
        opened[username], shown = crawl(driver, base, username, ["/"] + pages)
        assert opened[username], f"{username}: no page opened"
        showing += shown
        sign_out(driver, base)
    total = sum(len(v) for v in opened.values())
    # The payload did reach the pages, as text in the page body (not only the signed-in name in the header).
    assert showing > total / 4, f"only {showing} of {total} pages showed the payload at all"
    print(f"xss crawl in Chromium: {through_forms} fields written through the API, forms, Open311, CAP, GeoJSON and CSV import, "
          f"then {columns} free-text columns; {total} pages opened over {len(ROLES)} roles, {showing} showing the payload as text "
          f"({', '.join(f'{u} {len(p)}' for u, p in opened.items())})")
