"""The field app offline, in Chromium: pages a grid worker opened are kept by the service worker and open again with
no network (the worklist, a report form, 今日); a page never opened says it is offline instead of the browser's error;
signing out forgets every kept page.

The network is a small proxy in front of the test server, on an origin of its own, that the test cuts and restores."""

import http.client
import http.server
import threading
import urllib.parse

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from conftest import shot
from test_household_edit import navigate, sign_in

HOP = {"connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade", "proxy-authorization", "proxy-authenticate"}


class Proxy(http.server.ThreadingHTTPServer):
    """Forwards every request to `upstream` as it is (cookies, bodies, redirects unfollowed)."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, upstream, port=0):
        target = urllib.parse.urlsplit(upstream)

        class Handler(http.server.BaseHTTPRequestHandler):
            # One request a connection: once cut, nothing is left open to carry another.
            protocol_version = "HTTP/1.0"

            def forward(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                connection = http.client.HTTPConnection(target.hostname, target.port, timeout=30)
                headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP and k.lower() != "host"}
                connection.request(self.command, self.path, body=body or None, headers=headers)
                response = connection.getresponse()
                data = response.read()
                self.send_response(response.status)
                for name, value in response.getheaders():
                    if name.lower() not in HOP and name.lower() != "content-length":
                        self.send_header(name, value)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(data)
                connection.close()

            do_GET = do_POST = do_HEAD = forward

            def log_message(self, *args):
                pass

        super().__init__(("127.0.0.1", port), Handler)
        threading.Thread(target=self.serve_forever, daemon=True).start()

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server_address[1]}"

    def cut(self):
        self.shutdown()
        self.server_close()


def kept_pages(driver):
    return driver.execute_async_script(
        "var done = arguments[0]; caches.open('grassroots-pages-v1').then(function (c) { return c.keys() })"
        ".then(function (k) { done(k.map(function (r) { return new URL(r.url).pathname })) })")


def test_opened_field_pages_open_again_offline_and_signing_out_forgets_them(driver, base_url):
    proxy = Proxy(base_url)
    port = proxy.server_address[1]
    try:
        site = proxy.url
        sign_in(driver, site, "gege")
        # The worker takes over the page once installed; from then on each field page opened is kept.
        WebDriverWait(driver, 20).until(lambda d: d.execute_async_script(
            "var done = arguments[0]; navigator.serviceWorker.ready.then(function () { done(true) })"))
        driver.get(site + "/today")
        WebDriverWait(driver, 10).until(lambda d: d.execute_script("return !!navigator.serviceWorker.controller"))
        navigate(driver, driver.find_element(By.CSS_SELECTOR, "#today a.button"))
        worklist = driver.current_url
        navigate(driver, driver.find_element(By.CSS_SELECTOR, "ul.work li a"))
        form = driver.current_url
        WebDriverWait(driver, 10).until(lambda d: {"/today", urllib.parse.urlsplit(worklist).path, urllib.parse.urlsplit(form).path} <= set(kept_pages(d)))

        proxy.cut()
        driver.get(worklist)
        assert driver.find_elements(By.CSS_SELECTOR, "ul.work li a"), "the worklist opens with no network"
        shot(driver, "offline-worklist")
        driver.get(form)
        assert driver.find_element(By.ID, "assignment-form").is_displayed()
        driver.get(site + "/today")
        assert driver.find_elements(By.CSS_SELECTOR, "#today li.today")
        driver.get(site + "/directives")
        assert "当前离线" in driver.find_element(By.TAG_NAME, "h1").text, "a page not kept says so"
        shot(driver, "offline-not-kept")

        proxy = Proxy(base_url, port)
        driver.get(site + "/today")
        assert kept_pages(driver), "pages are kept while signed in"
        # Signing out (the menu's form, folded on a phone) goes through the worker, which forgets the pages first.
        driver.execute_script("window.__leaving = true; document.querySelector(\"form[action='/logout']\").submit()")
        WebDriverWait(driver, 10).until(lambda d: d.execute_script("return !window.__leaving && document.readyState === 'complete'"))
        assert "/login" in driver.current_url
        assert kept_pages(driver) == [], "signing out forgets every kept page"
    finally:
        try:
            proxy.cut()
        except Exception:
            pass
