"""The field outbox in Chromium: reports made with no network are kept on the phone (IndexedDB, per account), survive a
reload and a browser restart, and arrive exactly once when the network returns; one the server refuses says why and
is corrected and sent; another account signed in on the same phone sends nothing of the first one's queue.

The test runs its own server (so it can count the database's rows and run `verify`) behind the proxy of
test_offline.py, which it cuts and restores: Chromium's network emulation does not reach the service worker."""

import base64
import os
import sqlite3
import subprocess

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from conftest import CHROME_ARGS, CHROMEDRIVER, CHROMIUM, shot
from faults import start_server, stop
from test_household_edit import navigate, sign_in
from test_offline import Proxy


def browser(profile):
    """A phone-sized Chromium on a profile of its own, so that a restart keeps the service worker and IndexedDB."""
    options = Options()
    options.binary_location = CHROMIUM
    for arg in CHROME_ARGS:
        options.add_argument(arg)
    options.add_argument(f"--user-data-dir={profile}")
    options.add_experimental_option("prefs", {"intl.accept_languages": "zh-CN,zh"})
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": False})
    driver.set_page_load_timeout(30)
    driver.implicitly_wait(2)
    return driver


def controlled(driver, url):
    """Opens `url` once the service worker is installed and controls it."""
    WebDriverWait(driver, 20).until(lambda d: d.execute_async_script(
        "var done = arguments[0]; navigator.serviceWorker.ready.then(function () { done(true) })"))
    driver.get(url)
    WebDriverWait(driver, 10).until(lambda d: d.execute_script("return !!navigator.serviceWorker.controller"))


def report(driver, outcome, temperature=None):
    """Fills the open report form and submits it; `temperature` as typed, past the page's own range check."""
    driver.find_element(By.CSS_SELECTOR, f"input[name=outcome][value={outcome}]").click()
    if temperature is not None:
        driver.find_element(By.NAME, "f1").clear()
        driver.find_element(By.NAME, "f1").send_keys("2")
        driver.execute_script("document.querySelector('input[name=f2]').removeAttribute('max')")
        driver.find_element(By.NAME, "f2").clear()
        driver.find_element(By.NAME, "f2").send_keys(temperature)
        Select(driver.find_element(By.NAME, "f3")).select_by_value("no")
        Select(driver.find_element(By.NAME, "f4")).select_by_value("未外出")
    navigate(driver, driver.find_element(By.CSS_SELECTOR, "#assignment-form button[type=submit]"))


def photo_with_gps(driver, path, width=1200, height=900):
    """A real JPEG (drawn and encoded by the browser) with an EXIF block holding a GPS position put in after its JFIF
    header, as a phone's camera writes one; saved at `path`."""
    data = driver.execute_async_script("""
        var done = arguments[2], c = document.createElement('canvas'); c.width = arguments[0]; c.height = arguments[1];
        var g = c.getContext('2d'), image = g.createImageData(c.width, c.height);
        for (var i = 0; i < image.data.length; i++) image.data[i] = (i * 2654435761 >>> 24) & 255;  // noise compresses like a photo
        g.putImageData(image, 0, 0); g.fillStyle = '#b71c1c'; g.fillRect(0, 0, c.width / 2, c.height / 2);
        c.toBlob(function (b) { var r = new FileReader(); r.onload = function () { done(r.result.split(',')[1]) }; r.readAsDataURL(b) }, 'image/jpeg', 0.92)
        """, width, height)
    jpeg = base64.b64decode(data)
    exif = b"Exif\0\0MM\0*GPSLatitude 27.8944N GPSLongitude 102.2637E"
    segment = b"\xff\xe1" + (len(exif) + 2).to_bytes(2, "big") + exif
    start = 2 + 2 + int.from_bytes(jpeg[4:6], "big") if jpeg[2:4] == b"\xff\xe0" else 2
    path.write_bytes(jpeg[:start] + segment + jpeg[start:])
    return path


def rows(driver):
    """The outbox page's rows as (assignment label, state text)."""
    # Read in one go: the page redraws the list whenever the outbox changes.
    return [tuple(row) for row in driver.execute_script(
        "return Array.from(document.querySelectorAll('#outbox-items tbody tr'), function (r) { return [r.cells[0].textContent, r.cells[2].textContent] })")]


def sent(database, ids):
    """Reports that arrived for the assignments `ids` (the demo's own rows left out), per assignment."""
    with sqlite3.connect(database) as db:
        marks = ",".join("?" * len(ids))
        found = db.execute(f"SELECT assignment_id, outcome FROM submissions WHERE assignment_id IN ({marks}) AND idempotency_key NOT LIKE 'demo-%'",
                           ids).fetchall()
    return sorted(found)


def reached(database):
    """The grid's reached counter of the demo's directive, as the roll-up keeps it (done, refused, not applicable)."""
    with sqlite3.connect(database) as db:
        return db.execute("""SELECT p.done + p.refused + p.not_applicable FROM directive_progress p JOIN units u ON u.id = p.unit_id
                             WHERE u.code = '513401001003001'""").fetchone()[0]


def test_reports_made_offline_arrive_once_refusals_are_corrected_and_accounts_stay_apart(binary, tmp_path):
    env = dict(os.environ)
    database = tmp_path / "outbox.sqlite"
    server, base = start_server(binary, tmp_path, env, "outbox", "--demo", "--scale", "1000", "--database", str(database))
    proxy = Proxy(base)
    port, site, profile = proxy.server_address[1], proxy.url, tmp_path / "profile"
    driver = browser(profile)
    try:
        sign_in(driver, site, "gege")
        controlled(driver, site + "/today")
        navigate(driver, driver.find_element(By.CSS_SELECTOR, "#today a.button"))
        worklist = driver.current_url
        groups = driver.find_elements(By.CSS_SELECTOR, "section.work-group")
        assert len(groups) >= 2, "the worklist has two buildings"
        first = [li.get_attribute("id") for li in groups[0].find_elements(By.CSS_SELECTOR, "ul.work li")[:2]]
        second = [li.get_attribute("id") for li in groups[1].find_elements(By.CSS_SELECTOR, "ul.work li")[:2]]
        spare = [li.get_attribute("id") for li in driver.find_elements(By.CSS_SELECTOR, "ul.work li") if li.get_attribute("id") not in first + second]
        targets = first + second + spare[:1]  # households in two buildings, and one for the second account's part
        assert len(targets) == 5
        ids = [int(t[1:]) for t in targets]
        # Each form is opened once from the worklist, as a worker goes door to door; each is kept.
        for target in targets:
            navigate(driver, driver.find_element(By.CSS_SELECTOR, f"#{target} a"))
            driver.back()
            WebDriverWait(driver, 10).until(lambda d: d.current_url == worklist)

        driver.get(site + "/outbox")  # kept too, to be read offline
        photo = photo_with_gps(driver, tmp_path / "IMG_0001.jpg")
        proxy.cut()

        def offline_report(target, outcome, temperature=None, photo=None):
            driver.get(worklist)
            navigate(driver, driver.find_element(By.CSS_SELECTOR, f"#{target} a"))
            if photo:
                driver.find_element(By.CSS_SELECTOR, "#assignment-form .photo-input").send_keys(str(photo))
                WebDriverWait(driver, 10).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#assignment-form .photo-previews img[src^='data:']"))
                shot(driver, "outbox-photo-chosen-offline")
            report(driver, outcome, temperature)
            # The kept worklist comes back, the household marked as waiting.
            WebDriverWait(driver, 10).until(lambda d: d.find_elements(By.CSS_SELECTOR, f"#{target} .outbox-tag"))

        offline_report(targets[0], "done", "36.6", photo=photo)
        offline_report(targets[1], "not_applicable")
        offline_report(targets[2], "refused")
        offline_report(targets[3], "done", "50")  # no body is at 50 ℃: the server will refuse it
        status = driver.find_element(By.ID, "outbox-status")
        assert "4 条反馈待发送" in status.text
        shot(driver, "outbox-worklist-offline")
        driver.refresh()
        WebDriverWait(driver, 10).until(lambda d: "4 条反馈待发送" in d.find_element(By.ID, "outbox-status").text)
        assert sent(str(database), ids) == [], "nothing arrived while the network was cut"

        # A browser restart: the queue is in IndexedDB and the outbox page is kept.
        driver.quit()
        driver = browser(profile)
        driver.get(site + "/outbox")
        WebDriverWait(driver, 10).until(lambda d: len(rows(d)) == 4)
        assert all(state.startswith("待发送") for _, state in rows(driver))
        shot(driver, "outbox-queued-after-restart")

        before = reached(str(database))
        proxy = Proxy(base, port)
        driver.get(site + "/outbox")
        WebDriverWait(driver, 30).until(lambda d: sum(state.startswith("已送达") for _, state in rows(d)) == 3)
        refused = [state for _, state in rows(driver) if state.startswith("被退回")]
        assert len(refused) == 1 and "体温" in refused[0], refused
        shot(driver, "outbox-sent-and-refused")
        # Loading again sends nothing twice.
        driver.get(site + "/outbox")
        WebDriverWait(driver, 10).until(lambda d: len(rows(d)) == 4)
        assert sent(str(database), ids) == sorted([(ids[0], "done"), (ids[1], "not_applicable"), (ids[2], "refused")])
        assert reached(str(database)) == before + 3, "the roll-up moved by the three reports, once each"
        # The photo went up with its report, resized and without its GPS position (checked on the stored file).
        with sqlite3.connect(database) as db:
            stored = db.execute("SELECT sha256, bytes FROM photos WHERE record_kind = 'assignment' AND record_id = ?", (ids[0],)).fetchall()
        assert len(stored) == 1, stored
        sha, size = stored[0]
        kept = (tmp_path / "outbox.photos" / sha[:2] / sha).read_bytes()
        assert kept[:2] == b"\xff\xd8" and b"GPS" not in kept and len(kept) == size
        assert b"GPS" in photo.read_bytes()
        driver.get(site + f"/assignments/{ids[0]}")
        driver.execute_script("document.querySelector('ul.gallery img').scrollIntoView()")
        WebDriverWait(driver, 10).until(lambda d: d.execute_script("var i = document.querySelector('ul.gallery img'); return i.complete && i.naturalWidth") == 1200)
        shot(driver, "outbox-report-photo")
        driver.get(site + "/outbox")

        # The refused one is corrected from the outbox and sent: the form opens with what was typed and the reason.
        navigate(driver, driver.find_element(By.CSS_SELECTOR, "#outbox-items tr.refused a"))
        WebDriverWait(driver, 10).until(lambda d: d.find_element(By.ID, "outbox-fixing").is_displayed())
        assert "体温" in driver.find_element(By.ID, "outbox-fixing").text
        temperature = driver.find_element(By.NAME, "f2")
        assert temperature.get_attribute("value") == "50"
        temperature.clear()
        temperature.send_keys("36.8")
        navigate(driver, driver.find_element(By.CSS_SELECTOR, "#assignment-form button[type=submit]"))
        assert "已提交" in driver.find_element(By.ID, "flash").text
        assert sent(str(database), ids) == sorted([(ids[0], "done"), (ids[1], "not_applicable"), (ids[2], "refused"), (ids[3], "done")])
        driver.get(site + "/outbox")
        WebDriverWait(driver, 10).until(lambda d: rows(d) and not any(s.startswith("被退回") for _, s in rows(d)))

        # Another account on the same phone sends nothing of gege's queue; gege's next sign-in sends it.
        proxy.cut()
        offline_report(targets[4], "absent")
        proxy = Proxy(base, port)
        driver.execute_script("window.__leaving = true; document.querySelector(\"form[action='/logout']\").submit()")
        WebDriverWait(driver, 10).until(lambda d: d.execute_script("return !window.__leaving && document.readyState === 'complete'"))
        sign_in(driver, site, "datongmen")
        driver.get(site + "/outbox")
        note = driver.find_element(By.ID, "outbox-others")
        WebDriverWait(driver, 10).until(lambda d: note.is_displayed())
        assert "其他账号的 1 条反馈" in note.text and rows(driver) == []
        # A send run to its end under this account, as the page starts one: gege's report stays on the phone.
        driver.execute_async_script("var done = arguments[0]; Outbox.flush().then(function () { done(true) }, function () { done(false) })")
        assert (ids[4], "absent") not in sent(str(database), ids), "never sent under another account"
        driver.execute_script("window.__leaving = true; document.querySelector(\"form[action='/logout']\").submit()")
        WebDriverWait(driver, 10).until(lambda d: d.execute_script("return !window.__leaving && document.readyState === 'complete'"))
        sign_in(driver, site, "gege")
        WebDriverWait(driver, 30).until(lambda d: (ids[4], "absent") in sent(str(database), ids))
        assert len(sent(str(database), ids)) == 5, "each report arrived exactly once"

        violations = [e["message"] for e in driver.get_log("browser") if "Content Security Policy" in e["message"]]
        assert not violations, violations
    finally:
        driver.quit()
        try:
            proxy.cut()
        except Exception:
            pass
        stop(server)
    verify = subprocess.run([binary, "verify", "--database", str(database), "--key-file", str(tmp_path / "faults.key")],
                            cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert verify.returncode == 0, verify.stdout + verify.stderr
