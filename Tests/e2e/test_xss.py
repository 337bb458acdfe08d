"""Script injection, in Chromium: payloads are written through the API into the free text staff and residents type
(a notice's title and body, a request's description, a council topic, a supply request's items), then the pages
that show them are opened as the staff and the resident. No payload may become an element, and none may run (the
Content-Security-Policy would also stop a handler; the conftest fails the test on any violation it reports)."""

import requests
from test_coordination import sign_out
from test_household_edit import sign_in

PAYLOAD = "\"'><img src=x class=xss-probe onerror=\"window.__xss=1\"><script>window.__xss=1</script>"


def token(base_url, username):
    answer = requests.post(base_url + "/api/v1/login", json={"username": username, "password": "demo-2026"})
    assert answer.ok, answer.text
    return {"Authorization": "Bearer " + answer.json()["token"]}


def write_free_text(base_url):
    """The payload written through the API as community staff and a resident type: a notice's title and body, a
    request, a council topic, a supply request. Returns the four answers (each 201) and the fields written."""
    staff, resident = token(base_url, "datongmen"), token(base_url, "jumin")
    community = requests.get(base_url + "/api/v1/me", headers=staff).json()["scope_unit_id"]
    noise = next(c["id"] for c in requests.get(base_url + "/api/v1/request-categories").json() if c.get("service_code") == "noise")
    bodies = [
        ("/api/v1/notices", staff, {"unit_id": community, "title": "通知" + PAYLOAD[:60], "body": "正文" + PAYLOAD, "ask_ack": True}),
        ("/api/v1/requests", resident, {"kind": "complaint", "category_id": noise, "unit_id": community, "description": "诉求" + PAYLOAD}),
        ("/api/v1/topics", resident, {"unit_id": community, "title": "议题" + PAYLOAD[:60], "description": "说明" + PAYLOAD}),
        ("/api/v1/supply-requests", resident, {"items": "物资" + PAYLOAD[:80], "reason": "vulnerable"}),
    ]
    written = [requests.post(base_url + path, headers=headers, json=body) for path, headers, body in bodies]
    for answer in written:
        assert answer.status_code == 201, answer.text
    return written, sum(1 for _, _, body in bodies for v in body.values() if isinstance(v, str) and "xss-probe" in v)


def test_payloads_typed_into_free_text_stay_text(driver, base_url):
    resident = token(base_url, "jumin")
    written, _ = write_free_text(base_url)
    notice, request, topic = (written[i].json()["id"] for i in range(3))
    pages = {
        "datongmen": ["/", "/notices", f"/notices/{notice}", "/requests", f"/requests/{request}", "/council", f"/council/{topic}", "/supplies",
                      "/community/513401001003"],
        "jumin": ["/", "/notices", f"/notices/{notice}", "/requests", f"/requests/{request}", "/council", f"/council/{topic}", "/supplies"],
    }
    opened = 0
    for username, paths in pages.items():
        sign_in(driver, base_url, username)
        for path in paths:
            driver.get(base_url + path)
            # A script query, not find_elements: that would wait out the implicit wait on every page where all is well.
            assert driver.execute_script("return document.querySelectorAll('img.xss-probe').length") == 0, f"{username} {path}: the payload became an element"
            assert driver.execute_script("return window.__xss === undefined"), f"{username} {path}: the payload ran"
            opened += 1
        sign_out(driver, base_url)
    assert "诉求\"'><img" in requests.get(f"{base_url}/api/v1/requests/{request}", headers=resident).json()["request"]["description"]
    print(f"xss crawl in Chromium: {len(written)} records written with payloads, {opened} pages opened by 2 roles")
