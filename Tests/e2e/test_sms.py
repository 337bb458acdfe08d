"""Texts to residents through a real Kannel: the server hands each message to Kannel's smsbox (`sendsms`), Kannel's own
fake SMSC (kannel-extras) receives it, UCS-2 intact, and the SMSC's delivery report comes back through the `dlr-url`
and shows on the request's page. A landline and a missing phone are reported per message. With the smsbox down a
message waits (the reason shown), survives a server restart, and goes when the gateway is back.

The test starts bearerbox, fakesmsc and smsbox on free ports, and its own server (`--quiet-hours none`, so the time
of day the test runs at does not hold the texts until morning)."""

import os
import re
import time

import pytest
from selenium.webdriver.common.by import By

from conftest import shot
from faults import api, start_server, stop
from kannel import BEARERBOX, FAKESMSC, SMSBOX, Kannel
from test_household_edit import navigate, sign_in

def until(check, seconds, what):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.3)
    pytest.fail(f"waited {seconds} s for {what}")


def statuses(driver, base, request_id):
    """The request page's text messages as (state code, state text)."""
    driver.get(f"{base}/requests/{request_id}")
    return [(item.find_element(By.CSS_SELECTOR, ".message-status").get_attribute("data-status"),
             " ".join(e.text for e in item.find_elements(By.CSS_SELECTOR, ".message-status, .message-error")))
            for item in driver.find_elements(By.CSS_SELECTOR, "#messages li")]


@pytest.fixture
def kannel(tmp_path):
    if not all(os.access(path, os.X_OK) for path in (BEARERBOX, SMSBOX, FAKESMSC)):
        pytest.fail("Kannel is not installed (scripts/e2e installs kannel and kannel-extras)")
    gateway = Kannel(tmp_path)
    yield gateway
    gateway.close()


def test_texts_reach_the_fake_smsc_in_ucs2_and_delivery_reports_come_back(binary, tmp_path, kannel, driver):
    (tmp_path / "sms-password").write_text("kannel-test-pw\n")
    database = tmp_path / "sms.sqlite"
    arguments = ["--database", str(database), "--sms-gateway", f"http://grassroots@127.0.0.1:{kannel.sendsms}/cgi-bin/sendsms",
                 "--sms-password-file", str(tmp_path / "sms-password"), "--quiet-hours", "none"]
    server, base = start_server(binary, tmp_path, dict(os.environ), "sms", "--demo", "--scale", "1000", *arguments)
    try:
        token = api(base, "/login", body={"username": "datongmen", "password": "demo-2026"})[1]["token"]

        def request(phone):
            body = {"kind": "help", "category_id": 111, "unit_id": 201, "description": "楼道路灯坏了三天", "contact_name": "李女士"}
            status, created = api(base, "/requests", token, dict(body, contact_phone=phone) if phone else body)
            assert status == 201, created
            return created["id"]

        def step(request_id, action, note=None):
            status, said = api(base, f"/requests/{request_id}/steps", token, {"action": action, **({"note": note} if note else {})})
            assert status == 200, said

        answered, landline, none = request("13912345678"), request("0834-3220000"), request(None)
        step(answered, "accept")
        step(answered, "reply", "已更换灯泡")
        for other in (landline, none):
            step(other, "accept")

        # The demo's own directive, issued a moment ago, texts its grid workers too: the residents' texts are told apart.
        def to_residents():
            return [m for m in kannel.messages() if m[1].startswith("【基层治理】您的诉求")]

        texts = until(lambda: to_residents() if len(to_residents()) >= 2 else None, 20, "two texts at the fake SMSC")
        assert texts == [("13912345678", f"【基层治理】您的诉求（编号{answered}）已受理，将按时限办理，可登录或致电社区查询。"),
                         ("13912345678", f"【基层治理】您的诉求（编号{answered}）已答复，请查看并评价，可登录或致电社区查询。")]
        assert len(to_residents()) == 2, "the landline and the request without a phone sent nothing"
        # A directive issued now texts its grid workers, whole: curly quotes, a space, each worker's count. (Not the
        # demo's own directive: it was issued 30 hours before the demo was built, so its texts are a day stale and fail.)
        status, directive = api(base, "/directives", token, {"unit_id": 201, "title": "楼道杂物清理", "kind": "inspection", "target": "households",
                                                              "deadline": "2030-12-31 18:00", "issue": True})
        assert status == 201, directive
        staff = until(lambda: [text for _, text in kannel.messages() if text.startswith("【基层治理】新任务“楼道杂物清理”")], 20, "the workers' texts")
        assert all(re.fullmatch(r"【基层治理】新任务“楼道杂物清理”：您负责\d+户，截止2030-12-31 18:00。请打开“今日”查看。", t) for t in staff), staff

        sign_in(driver, base, "datongmen")
        # The fake SMSC reports each message delivered; the report reaches the server through Kannel's dlr-url.
        until(lambda: statuses(driver, base, answered) == [("delivered", "已送达")] * 2, 20, "both texts delivered")
        page = driver.find_element(By.ID, "messages").text
        assert "139****5678" in page and "13912345678" not in page, "the phone is shown masked"
        shot(driver, "sms-delivered")
        until(lambda: statuses(driver, base, landline) == [("failed", "发送失败 不是手机号码，无法发送短信")], 20, "the landline refused")
        assert statuses(driver, base, none) == [("no_address", "无手机号")]

        # The gateway goes down: the text waits, with the reason, and survives a restart of the server.
        kannel.stop_smsbox()
        waiting = request("13700001111")
        step(waiting, "accept")
        reason = until(lambda: [s for s in statuses(driver, base, waiting) if s[0] == "queued" and "Kannel" in s[1]], 20, "the send to fail")
        assert reason, reason
        stop(server)
        kannel.start_smsbox()
        server, base = start_server(binary, tmp_path, dict(os.environ), "sms-again", *arguments)
        sign_in(driver, base, "datongmen")
        # The next try comes 30 s after the failed one.
        until(lambda: statuses(driver, base, waiting) == [("delivered", "已送达")], 60, "the waiting text delivered after the restart")
        assert [m for m in to_residents() if m[0] == "13700001111"] == [("13700001111", f"【基层治理】您的诉求（编号{waiting}）已受理，将按时限办理，可登录或致电社区查询。")]
        shot(driver, "sms-after-restart")
    finally:
        stop(server)


def test_a_notice_texts_every_household_and_its_page_counts_the_deliveries(binary, tmp_path, kannel, driver):
    (tmp_path / "sms-password").write_text("kannel-test-pw\n")
    server, base = start_server(binary, tmp_path, dict(os.environ), "sms-notice", "--demo", "--scale", "1000", "--database", str(tmp_path / "n.sqlite"),
                                "--sms-gateway", f"http://grassroots@127.0.0.1:{kannel.sendsms}/cgi-bin/sendsms",
                                "--sms-password-file", str(tmp_path / "sms-password"), "--quiet-hours", "none")
    try:
        sign_in(driver, base, "gege")
        driver.get(base + "/notices")
        form = driver.find_element(By.ID, "notice-form")
        form.find_element(By.NAME, "title").send_keys("本周四停水")
        form.find_element(By.NAME, "body").send_keys("周四9:00–15:00管网维修停水，请提前储水。")
        form.find_element(By.NAME, "text_households").click()
        navigate(driver, form.find_element(By.CSS_SELECTOR, "button[type=submit]"))
        navigate(driver, driver.find_element(By.CSS_SELECTOR, "#notices li a"))

        def counts():
            driver.refresh()
            return {cell.get_attribute("data-status"): int(cell.find_element(By.TAG_NAME, "b").text)
                    for cell in driver.find_elements(By.CSS_SELECTOR, "#message-counts .message-status")}

        final = until(lambda: (lambda c: c if c and c["queued"] == 0 and c["sent"] == 0 else None)(counts()), 30, "every text delivered")
        phones = [m for m in kannel.messages() if m[1] == "【基层治理】第1网格通知：本周四停水。详见社区通知栏，或咨询网格员。"]
        assert final["delivered"] == len(phones) > 0 and final["failed"] == 0, final
        assert len({number for number, _ in phones}) == len(phones), "one text per household"
        shot(driver, "sms-notice-counts")
    finally:
        stop(server)
