"""Shared fixtures for the real-browser tests (run them via scripts/e2e).

scripts/e2e starts `grassroots serve --demo` and sets:
  GRASSROOTS_URL          base URL of that server (required)
  GRASSROOTS_SCREENSHOTS  directory for screenshots (optional)

Test files import the helper with `from conftest import shot`.
"""

import os
import re
import subprocess
import urllib.parse
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.remote.webelement import WebElement

from processes import free_port  # noqa: F401 (tests import it from here)

# Debian's chromium + chromium-driver: explicit paths so Selenium Manager never
# tries to download a browser or driver (there is no network for that here).
CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"

# --no-sandbox: we run as root in CI. --disable-dev-shm-usage: small /dev/shm in
# containers. 390x844: a phone-sized viewport. zh-CN: the UI's language.
CHROME_ARGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-dev-shm-usage",
    "--window-size=390,844",
    "--lang=zh-CN",
)


# On a phone the tab bar sits fixed at the bottom of the screen, as in every phone app. A person scrolls what they
# tap into the middle of the screen; Selenium scrolls it only to the bottom edge, under the bar, and the bar gets
# the click. Every click here scrolls its element to the middle first, as a thumb would.
_click = WebElement.click


def _click_in_view(self):
    self.parent.execute_script("arguments[0].scrollIntoView({block: 'center', inline: 'nearest'})", self)
    _click(self)


WebElement.click = _click_in_view


@pytest.fixture(scope="session")
def driver():
    options = Options()
    options.binary_location = CHROMIUM
    for arg in CHROME_ARGS:
        options.add_argument(arg)
    # --lang alone does not always set Accept-Language in headless mode.
    options.add_experimental_option("prefs", {"intl.accept_languages": "zh-CN,zh"})
    # The console log, so that every browser test can fail on a Content-Security-Policy violation.
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    drv = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    # Desktop Chromium clamps the window to >= 500 px wide even headless, so
    # --window-size alone gives a 500 px viewport: force the phone size.
    drv.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": False,
    })
    drv.set_page_load_timeout(30)
    # Clicks that navigate return before the next page is parsed; wait for elements instead of sleeping.
    drv.implicitly_wait(5)
    try:
        yield drv
    finally:
        drv.quit()


@pytest.fixture(autouse=True)
def no_policy_violations(request):
    """After each browser test: no page it opened broke the Content-Security-Policy (an inline script or style,
    a handler, a resource from elsewhere), which Chromium reports on the console."""
    yield
    if "driver" not in request.fixturenames:
        return
    violations = [entry["message"] for entry in request.getfixturevalue("driver").get_log("browser")
                  if "Content Security Policy" in entry["message"] or "Content-Security-Policy" in entry["message"]]
    assert not violations, "CSP violations on the console:\n" + "\n".join(violations)


@pytest.fixture(scope="session")
def binary():
    """The grassroots executable scripts/e2e built, for tests that run it themselves."""
    path = os.environ.get("GRASSROOTS_BIN")
    if not path:
        pytest.fail("GRASSROOTS_BIN is not set (run through scripts/e2e)", pytrace=False)
    return path


@pytest.fixture(scope="session")
def base_url():
    url = os.environ.get("GRASSROOTS_URL")
    if not url:
        # Fail rather than skip: a skipped suite would hide that nothing ran.
        pytest.fail("GRASSROOTS_URL is not set; run the browser tests via scripts/e2e",
                    pytrace=False)
    return url.rstrip("/")


def shot(driver, name):
    """Save a PNG screenshot as GRASSROOTS_SCREENSHOTS/<name>.png if that env var
    is set; return the path written, or None."""
    directory = os.environ.get("GRASSROOTS_SCREENSHOTS")
    if not directory:
        return None
    safe = re.sub(r"[^A-Za-z0-9._-]+", "_", name).strip("_") or "shot"
    path = Path(directory) / f"{safe}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(path))
    return path


def pg_tool(name):
    """A PostgreSQL client program from PATH or Debian's versioned directory; skips the test when there is none."""
    for d in os.environ.get("PATH", "").split(":") + sorted(
            (f"/usr/lib/postgresql/{v}/bin" for v in os.listdir("/usr/lib/postgresql")) if os.path.isdir("/usr/lib/postgresql") else [],
            reverse=True):
        if os.access(os.path.join(d, name), os.X_OK):
            return os.path.join(d, name)
    pytest.skip(f"{name} not installed")


def psql(url, sql):
    """One statement through psql; returns the unaligned output (a single value for a count)."""
    done = subprocess.run([pg_tool("psql"), "-X", "-qtA", "-v", "ON_ERROR_STOP=1", url, "-c", sql], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def with_database(url, name):
    """The same PostgreSQL URL naming another database."""
    parts = urllib.parse.urlsplit(url)
    return urllib.parse.urlunsplit(parts._replace(path="/" + name))
