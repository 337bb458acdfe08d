"""Mobilization end to end: a grid worker reports on a phone, bad input is refused field by field,
and a street dashboard open in another browser updates live (server-sent events) without a reload."""

import json
import urllib.request
import uuid

from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from conftest import CHROME_ARGS, CHROMEDRIVER, CHROMIUM, shot
from test_household_edit import navigate, sign_in


def api(base_url, path, token=None, body=None, headers=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(base_url + "/api/v1" + path, data=data, method="POST" if data else "GET")
    request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", "Bearer " + token)
    for name, value in (headers or {}).items():
        request.add_header(name, value)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"null")


def token_for(base_url, username):
    status, body = api(base_url, "/login", body={"username": username, "password": "demo-2026"})
    assert status == 201
    return body["token"]


def demo_directive(base_url, token):
    status, directives = api(base_url, "/directives", token)
    assert status == 200
    return next(d for d in directives if d["title"] == "冬季燃气安全入户排查")


def second_browser():
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service
    options = Options()
    options.binary_location = CHROMIUM
    for arg in CHROME_ARGS:
        options.add_argument(arg)
    options.add_argument("--window-size=1200,900")
    drv = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    drv.set_page_load_timeout(30)
    drv.implicitly_wait(5)
    drv.get("about:blank")
    return drv


def test_worker_reports_on_phone_and_street_dashboard_updates_live(driver, base_url):
    token = token_for(base_url, "gege")
    directive = demo_directive(base_url, token)

    dashboard = second_browser()
    try:
        sign_in(dashboard, base_url, "beicheng")
        dashboard.get(f"{base_url}/directives/{directive['id']}")
        WebDriverWait(dashboard, 10).until(lambda d: "on" in d.find_element(By.ID, "live").get_attribute("class"))
        root = dashboard.find_element(By.CSS_SELECTOR, "#progress tr[data-unit]")
        done_before = int(root.find_element(By.CSS_SELECTOR, "[data-k=done]").text)
        shot(dashboard, "directive-dashboard")

        # The grid worker opens the worklist on a phone and the first open household.
        sign_in(driver, base_url, "gege")
        driver.get(f"{base_url}/directives/{directive['id']}/work")
        shot(driver, "worklist-phone")
        navigate(driver, driver.find_element(By.CSS_SELECTOR, "ul.work li a"))
        driver.find_element(By.CSS_SELECTOR, "input[name=outcome][value=done]").click()
        driver.find_element(By.NAME, "f1").send_keys("3")
        driver.find_element(By.NAME, "f2").send_keys("50")  # not a body temperature
        driver.find_element(By.CSS_SELECTOR, "select[name=f3] option[value=no]").click()
        driver.find_element(By.CSS_SELECTOR, "select[name=f4] option[value='未外出']").click()
        # The browser's own min/max check would stop the form; the server's check is what is under test.
        driver.execute_script("document.querySelector('input[name=f2]').removeAttribute('max')")
        navigate(driver, driver.find_element(By.CSS_SELECTOR, "#assignment-form button[type=submit]"))
        assert "34.0至43.0" in driver.find_element(By.CSS_SELECTOR, ".error-box").text
        shot(driver, "assignment-error")
        temperature = driver.find_element(By.NAME, "f2")
        temperature.clear()
        temperature.send_keys("36.8")
        report_url = driver.current_url
        navigate(driver, driver.find_element(By.CSS_SELECTOR, "#assignment-form button[type=submit]"))
        assert "/work" in driver.current_url
        # The list says what was sent, with a way back to put it right.
        assert "已提交" in driver.find_element(By.ID, "flash").text
        assert driver.find_element(By.ID, "undo").get_attribute("href") == report_url.split("?")[0]
        shot(driver, "report-sent")

        # The street's dashboard shows the new count without a reload.
        WebDriverWait(dashboard, 10).until(
            lambda d: int(d.find_element(By.CSS_SELECTOR, "#progress tr[data-unit] [data-k=done]").text) == done_before + 1)
        shot(dashboard, "directive-dashboard-live")

        # A replay through the API with the same key is applied once.
        status, open_items = api(base_url, f"/directives/{directive['id']}/assignments", token)
        assert status == 200 and open_items
        key = "e2e-" + uuid.uuid4().hex
        body = {"assignment_id": open_items[0]["id"], "outcome": "absent"}
        first = api(base_url, "/submissions", token, body, {"Idempotency-Key": key})
        again = api(base_url, "/submissions", token, body, {"Idempotency-Key": key})
        assert first[0] == 201 and not first[1]["replayed"]
        assert again[0] == 200 and again[1]["replayed"]
        status, tree = api(base_url, f"/directives/{directive['id']}/progress?levels=0", token)
        assert tree[0]["counts"]["absent"] >= 1

        # Outside the worker's grid: refused as not found.
        _, mine = api(base_url, f"/directives/{directive['id']}/assignments?all=1", token)
        _, street = api(base_url, f"/directives/{directive['id']}/assignments?all=1", token_for(base_url, "beicheng"))
        foreign = next(a["id"] for a in street if a["id"] not in {m["id"] for m in mine})
        status, body = api(base_url, "/submissions", token, {"assignment_id": foreign, "outcome": "absent", "key": "e2e-outside-" + uuid.uuid4().hex})
        assert status == 404 and "找不到" in body["error"]
    finally:
        dashboard.quit()


def builder_rows(driver):
    return driver.find_elements(By.CSS_SELECTOR, "#builder-rows > li.builder-row")


def preview_labels(driver):
    return [label.find_element(By.TAG_NAME, "span").text for label in driver.find_elements(By.CSS_SELECTOR, "#preview-fields label")]


def test_street_builds_a_form_field_by_field_edits_the_draft_and_issues_it(driver, base_url):
    """The form is built on the page: each row's type shows only its own parts, the phone preview follows every
    keystroke, rows are added, moved and removed without a reload; a refused form keeps its rows; the draft opens
    again in the builder until it is issued, and its page states the reach and the fields."""
    sign_in(driver, base_url, "beicheng")
    driver.get(base_url + "/directives/new")
    driver.find_element(By.NAME, "title").send_keys("独居老人冬季走访")
    driver.find_element(By.CSS_SELECTOR, "select[name=kind] option[value=visit]").click()
    driver.find_element(By.CSS_SELECTOR, "select[name=target] option[value=households_with_category]").click()

    first = builder_rows(driver)[0]
    assert not first.find_element(By.NAME, "field_options").is_displayed(), "a text field has no options"
    first.find_element(By.NAME, "field_label").send_keys("身体状况")
    first.find_element(By.CSS_SELECTOR, "select[name=field_type] option[value=choice]").click()
    first.find_element(By.CSS_SELECTOR, "select[name=field_required] option[value='1']").click()
    options = first.find_element(By.NAME, "field_options")
    assert options.is_displayed() and not first.find_element(By.NAME, "field_min").is_displayed()
    options.send_keys("良好/一般/较差")
    assert preview_labels(driver) == ["身体状况 *"]
    shown = [o.text for o in driver.find_elements(By.CSS_SELECTOR, "#preview-fields select option")]
    assert shown == ["—", "良好", "一般", "较差"], shown

    url = driver.current_url
    driver.find_element(By.CSS_SELECTOR, "button[name=builder][value=add]").click()
    assert driver.current_url == url and len(builder_rows(driver)) == 2, "a row is added in place"
    second = builder_rows(driver)[1]
    second.find_element(By.NAME, "field_label").send_keys("在家人数")
    second.find_element(By.CSS_SELECTOR, "select[name=field_type] option[value=number]").click()
    second.find_element(By.NAME, "field_min").send_keys("0")
    second.find_element(By.NAME, "field_max").send_keys("9")
    number = driver.find_element(By.CSS_SELECTOR, "#preview-fields input[type=number]")
    assert number.get_attribute("min") == "0" and number.get_attribute("max") == "9"
    second.find_element(By.CSS_SELECTOR, "[data-move=up]").click()
    assert preview_labels(driver) == ["在家人数", "身体状况 *"]
    shot(driver, "form-builder-preview")

    # Category missing: refused with the field named; the rows come back in their order.
    navigate(driver, driver.find_element(By.CSS_SELECTOR, "button[value=issue]"))
    assert "人员类别" in driver.find_element(By.CSS_SELECTOR, "#directive-form").text
    assert [r.find_element(By.NAME, "field_label").get_attribute("value") for r in builder_rows(driver)] == ["在家人数", "身体状况"]
    assert preview_labels(driver) == ["在家人数", "身体状况 *"]
    driver.find_element(By.CSS_SELECTOR, "select[name=category] option[value=elderly_alone]").click()
    navigate(driver, driver.find_element(By.CSS_SELECTOR, "button[value=issue]"))
    # The draft's page is the confirmation step: it says how many the directive reaches and shows its form.
    assert "请核对下发对象的数量" in driver.find_element(By.ID, "flash").text
    reach = int(driver.find_element(By.ID, "reach").text)
    assert reach > 0 and "下发时将到达" in driver.find_element(By.ID, "directive-info").text
    assert "数字：0~9" in driver.find_element(By.ID, "form-fields").text

    # The draft opens again in the builder: one row removed, saved, and the page says so.
    navigate(driver, driver.find_element(By.ID, "edit-draft"))
    assert len(builder_rows(driver)) == 2
    builder_rows(driver)[0].find_element(By.CSS_SELECTOR, "[data-remove]").click()
    assert preview_labels(driver) == ["身体状况 *"]
    navigate(driver, driver.find_element(By.CSS_SELECTOR, "#directive-form > button[type=submit]"))
    assert "草稿已修改" in driver.find_element(By.ID, "flash").text
    fields = driver.find_element(By.ID, "form-fields").text
    assert "身体状况" in fields and "在家人数" not in fields

    button = driver.find_element(By.CSS_SELECTOR, "#issue-form button")
    assert f"确认向 {reach} 个对象下发" == button.text
    shot(driver, "directive-confirm-issue")
    navigate(driver, button)
    assert "已下发" in driver.find_element(By.ID, "directive-info").text
    assert f"已下发，共 {reach} 个对象" in driver.find_element(By.ID, "flash").text
    assert not driver.find_elements(By.ID, "edit-draft")
    assert driver.find_elements(By.CSS_SELECTOR, "#progress svg.bar")
    shot(driver, "directive-issued")


def test_whole_building_entry_with_a_form(driver, base_url):
    """A grid worker marks a building's open households done at once: the form's required answers are asked for
    once (not once per household), the choices survive the refusal, and the answers given once reach every one."""
    directive = demo_directive(base_url, token_for(base_url, "gege"))
    sign_in(driver, base_url, "gege")
    driver.get(f"{base_url}/directives/{directive['id']}/work")
    navigate(driver, driver.find_element(By.PARTIAL_LINK_TEXT, "整栋录入"))
    now = [cell.text for cell in driver.find_elements(By.CSS_SELECTOR, "#bulk td.muted")]
    rows = [text for text in now if text.startswith("未办") or text.startswith("未遇")]
    assert len(rows) >= 2
    # One tap marks every open household done; the ones already done stay unchanged.
    driver.find_element(By.CSS_SELECTOR, "button[data-check]").click()
    assert len(driver.find_elements(By.CSS_SELECTOR, "#bulk input[value=done]:checked")) == len(rows)
    navigate(driver, driver.find_element(By.CSS_SELECTOR, "#bulk-form button[type=submit]"))
    box = driver.find_element(By.CSS_SELECTOR, ".error-box").text
    assert box.count("请填写“最高体温”") == 1, box
    assert f"{len(rows)} 户共用此项" in box
    shot(driver, "bulk-entry-asks-once")
    kept = driver.find_elements(By.CSS_SELECTOR, "#bulk input[value=done]:checked")
    assert len(kept) == len(rows)

    driver.find_element(By.NAME, "f1").send_keys("2")
    driver.find_element(By.NAME, "f2").send_keys("36.6")
    driver.find_element(By.CSS_SELECTOR, "select[name=f3] option[value=no]").click()
    driver.find_element(By.CSS_SELECTOR, "select[name=f4] option[value='未外出']").click()
    navigate(driver, driver.find_element(By.CSS_SELECTOR, "#bulk-form button[type=submit]"))
    assert "/work" in driver.current_url
    assert not driver.find_elements(By.CSS_SELECTOR, ".error-box")


def test_report_counts_answers_and_leads_to_each_follow_up(driver, base_url):
    directive = demo_directive(base_url, token_for(base_url, "beicheng"))
    sign_in(driver, base_url, "beicheng")
    driver.get(f"{base_url}/directives/{directive['id']}/report")
    total = driver.find_elements(By.CSS_SELECTOR, "#answers-f2 tr")[-1]
    counts = [int(td.text) for td in total.find_elements(By.CSS_SELECTOR, "td.num")]
    assert len(counts) == 4 and counts[0] > 0
    follow_ups = driver.find_elements(By.CSS_SELECTOR, "#follow-ups a")
    assert follow_ups, "the demo's refusals are listed"
    shot(driver, "report-answers")
    place = follow_ups[0].text
    navigate(driver, follow_ups[0])
    assert "/assignments/" in driver.current_url
    assert place.split()[-1] in driver.find_element(By.CSS_SELECTOR, ".crumbs").text


def test_phone_has_a_tab_bar_thumb_sized_targets_and_a_worklist_search(driver, base_url):
    directive = demo_directive(base_url, token_for(base_url, "gege"))
    sign_in(driver, base_url, "gege")
    driver.get(f"{base_url}/directives/{directive['id']}/work?all=1")
    tabs = driver.find_element(By.ID, "tabs")
    assert tabs.is_displayed() and not driver.find_element(By.CSS_SELECTOR, "header nav.hide-phone").is_displayed()
    assert [a.text for a in tabs.find_elements(By.TAG_NAME, "a")] == ["今日", "任务", "诉求", "提醒", "查找"]
    for target in tabs.find_elements(By.TAG_NAME, "a") + driver.find_elements(By.CSS_SELECTOR, "ul.work li")[:5]:
        assert target.size["height"] >= 44, target.text
    header = driver.find_element(By.TAG_NAME, "header")
    assert header.size["height"] < 80, "the header stays one line on a phone"
    # The search keeps the households whose compound, building and room hold every word typed.
    first = driver.find_element(By.CSS_SELECTOR, "ul.work li[data-search]")
    words = first.get_attribute("data-search").split()
    driver.find_element(By.ID, "work-search").send_keys(words[0] + " " + words[-1])
    shown = [li for li in driver.find_elements(By.CSS_SELECTOR, "ul.work li[data-search]") if li.is_displayed()]
    assert shown and all(words[0] in li.get_attribute("data-search") and words[-1] in li.get_attribute("data-search") for li in shown)
    assert len(shown) < len(driver.find_elements(By.CSS_SELECTOR, "ul.work li[data-search]"))
    shot(driver, "worklist-phone-search")


def test_a_grid_workers_first_screen_is_todays_work(driver, base_url):
    """Signed in on a phone, a grid worker first sees what is theirs to do (not the coverage counters), and the first
    tab, 今日, leads back there; each item goes straight into its worklist."""
    sign_in(driver, base_url, "gege")
    items = driver.find_elements(By.CSS_SELECTOR, "#today li.today")
    assert items, "the demo's directive is open in the worker's grid"
    today_top = driver.find_element(By.ID, "today").location["y"]
    assert today_top < driver.find_element(By.ID, "coverage-stats").location["y"]
    assert "待办" in items[0].text
    tabs = driver.find_elements(By.CSS_SELECTOR, "#tabs a")
    assert tabs[0].text == "今日" and tabs[0].get_attribute("href").endswith("/today")
    shot(driver, "grid-worker-today")
    navigate(driver, items[0].find_element(By.CSS_SELECTOR, "a.button"))
    assert "/work" in driver.current_url and driver.find_elements(By.CSS_SELECTOR, "ul.work li")
