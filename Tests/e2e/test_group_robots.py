"""Work groups' robots: staff add a WeCom and a DingTalk group on their community's page, send each a test message,
and a local receiver standing in for both platforms checks each post against the documented JSON (`msgtype`
markdown; WeCom's `markdown.content`, DingTalk's `markdown.title` and `markdown.text`) and DingTalk's signature
(`timestamp` in milliseconds within an hour, `sign` the Base64 HMAC-SHA256 of "timestamp\\nsecret"). A group whose
secret is wrong is refused by the receiver as DingTalk refuses it, and the page shows the failure with the
platform's words. The server posts only to the endpoints the operator gave (`--wecom-url`, `--dingtalk-url`)."""

import base64
import hashlib
import hmac
import json
import os
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import shot
from faults import api, start_server, stop
from processes import free_port
from test_household_edit import navigate, sign_in
from test_sms import until

WECOM_KEY = "693a91f6-7abc-4bc4-97a0-0ec2f1fa5aaa"
DINGTALK_TOKEN = "ab12" * 16
SECRET = "SEC" + "0123456789abcdef" * 4
WRONG_SECRET = "SEC" + "fedcba9876543210" * 4


class Platforms(BaseHTTPRequestHandler):
    """Answers as WeCom and DingTalk do: HTTP 200 with an errcode. Every post is kept with what was wrong with it."""
    posts = []

    def do_POST(self):
        url = urllib.parse.urlsplit(self.path)
        query = dict(urllib.parse.parse_qsl(url.query))
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        problems = []
        if url.path == "/cgi-bin/webhook/send":
            platform = "wecom"
            if query.get("key") != WECOM_KEY:
                problems.append("key")
            if body.get("msgtype") != "markdown" or not isinstance(body.get("markdown", {}).get("content"), str):
                problems.append("json")
        else:
            platform = "dingtalk"
            if query.get("access_token") != DINGTALK_TOKEN:
                problems.append("token")
            markdown = body.get("markdown", {})
            if body.get("msgtype") != "markdown" or not markdown.get("title") or not markdown.get("text"):
                problems.append("json")
            timestamp = query.get("timestamp", "0")
            expected = base64.b64encode(hmac.new(SECRET.encode(), f"{timestamp}\n{SECRET}".encode(), hashlib.sha256).digest()).decode()
            if query.get("sign") != expected or abs(int(timestamp) - time.time() * 1000) > 3600_000:
                problems.append("sign")
        Platforms.posts.append((platform, body, problems))
        answer = {"errcode": 0, "errmsg": "ok"} if not problems else {"errcode": 310000, "errmsg": "sign not match" if problems == ["sign"] else "invalid"}
        data = json.dumps(answer).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


def test_groups_get_the_documented_json_and_dingtalk_checks_the_signature(binary, tmp_path, driver):
    port = free_port()
    receiver = ThreadingHTTPServer(("127.0.0.1", port), Platforms)
    threading.Thread(target=receiver.serve_forever, daemon=True).start()
    server, base = start_server(binary, tmp_path, dict(os.environ), "robots", "--demo", "--scale", "1000", "--database", str(tmp_path / "r.sqlite"),
                                "--quiet-hours", "none", "--wecom-url", f"http://127.0.0.1:{port}/cgi-bin/webhook/send",
                                "--dingtalk-url", f"http://127.0.0.1:{port}/robot/send")
    try:
        sign_in(driver, base, "datongmen")
        driver.get(base + "/units")
        community = driver.current_url

        def add(platform, name, webhook, secret=""):
            driver.get(community)
            driver.find_element(By.CSS_SELECTOR, "#new-group").find_element(By.XPATH, "..").find_element(By.TAG_NAME, "summary").click()
            form = driver.find_element(By.ID, "new-group")
            Select(form.find_element(By.NAME, "platform")).select_by_value(platform)
            form.find_element(By.NAME, "group_name").send_keys(name)
            form.find_element(By.NAME, "webhook").send_keys(webhook)
            form.find_element(By.NAME, "secret").send_keys(secret)
            navigate(driver, form.find_element(By.CSS_SELECTOR, "button[type=submit]"))

        add("wecom", "大通门社区工作群", f"https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key={WECOM_KEY}")
        add("dingtalk", "社区钉钉群", f"https://oapi.dingtalk.com/robot/send?access_token={DINGTALK_TOKEN}", SECRET)
        add("dingtalk", "密钥填错的群", f"https://oapi.dingtalk.com/robot/send?access_token={DINGTALK_TOKEN}", WRONG_SECRET)
        assert WECOM_KEY not in driver.page_source and SECRET not in driver.page_source, "neither token nor secret is shown back"
        for index in range(3):
            driver.get(community)
            navigate(driver, driver.find_elements(By.CSS_SELECTOR, "#team-groups li")[index].find_element(By.CSS_SELECTOR, "form button"))

        until(lambda: len(Platforms.posts) >= 3, 20, "three posts at the platforms")
        assert [(p, problems) for p, _, problems in Platforms.posts] == [("wecom", []), ("dingtalk", []), ("dingtalk", ["sign"])], Platforms.posts
        assert all("测试消息" in (body["markdown"].get("content") or body["markdown"]["text"]) for _, body, _ in Platforms.posts)
        assert Platforms.posts[1][1]["markdown"]["title"] == "测试消息"

        def states():
            driver.get(community)
            return [" ".join(e.text for e in item.find_elements(By.CSS_SELECTOR, ".message-status, .message-error"))
                    for item in driver.find_elements(By.CSS_SELECTOR, "#team-groups li")]

        until(lambda: states() == ["已发出", "已发出", "发送失败 errcode 310000: sign not match"], 20, "each group's test shown with its fate")
        driver.execute_script("document.getElementById('groups').scrollIntoView()")
        shot(driver, "group-robots")

        # A directive issued in the community reaches each of its groups with the community's own count of targets.
        token = api(base, "/login", body={"username": "datongmen", "password": "demo-2026"})[1]["token"]
        status, directive = api(base, "/directives", token, {"unit_id": int(community.rstrip("/").split("/")[-1]), "title": "入户核查燃气安全",
                                                              "kind": "screening", "target": "households", "deadline": "2030-12-31 18:00", "issue": True})
        assert status == 201, directive
        posts = until(lambda: Platforms.posts[3:] if len(Platforms.posts) >= 6 else None, 20, "the directive at each group")
        expected = f"### 新任务：入户核查燃气安全\n> 截止：2030-12-31 18:00\n> 本单位对象：**{directive['target_count']}** 个\n\n请登录系统，在“今日”中查看。"
        assert [(p, problems) for p, _, problems in posts] == [("wecom", []), ("dingtalk", []), ("dingtalk", ["sign"])], posts
        assert posts[0][1]["markdown"]["content"] == expected and posts[1][1]["markdown"] == {"title": "新任务：入户核查燃气安全", "text": expected}
    finally:
        stop(server)
        receiver.shutdown()
