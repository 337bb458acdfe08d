"""Resident requests end to end on a phone-sized browser: a resident files one (a bad form first), the grid worker
takes it up and answers, the resident rates it; then a published Open311 GeoReport v2 client (georeport, from PyPI),
used unchanged, reads our services and requests in JSON and in XML, and a hotline system posts one by the spec."""

import uuid

import requests
from georeport import GeoReport
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import shot
from test_coordination import sign_out
from test_household_edit import navigate, sign_in


def test_resident_files_worker_answers_resident_rates(driver, base_url):
    words = "路灯不亮 " + uuid.uuid4().hex[:6]
    sign_in(driver, base_url, "jumin")
    driver.get(base_url + "/requests/new")
    driver.execute_script("document.querySelectorAll('[required]').forEach(e => e.removeAttribute('required'))")
    Select(driver.find_element(By.NAME, "category_id")).select_by_visible_text("路灯故障")
    navigate(driver, driver.find_element(By.CSS_SELECTOR, "#request-form button[type=submit]"))
    assert "请描述诉求（5–2000字）" in driver.page_source
    Select(driver.find_element(By.NAME, "category_id")).select_by_visible_text("路灯故障")
    Select(driver.find_element(By.NAME, "kind")).select_by_value("help")
    driver.find_element(By.NAME, "description").send_keys(words + "，晚上回家看不见路。")
    navigate(driver, driver.find_element(By.CSS_SELECTOR, "#request-form button[type=submit]"))
    assert driver.find_element(By.ID, "request-status").text == "待受理"
    url = driver.current_url
    shot(driver, "request-filed")

    sign_out(driver, base_url)
    sign_in(driver, base_url, "gege")
    driver.get(base_url + "/requests")
    assert words in driver.find_element(By.ID, "requests").text
    driver.get(url)
    navigate(driver, driver.find_element(By.CSS_SELECTOR, "#step-form button[value=accept]"))
    driver.find_element(By.CSS_SELECTOR, "#step-form textarea[name=note]").send_keys("已报修，路灯所明天上午更换灯泡。")
    navigate(driver, driver.find_element(By.CSS_SELECTOR, "#step-form button[value=reply]"))
    assert driver.find_element(By.ID, "request-status").text == "已答复待评价"

    sign_out(driver, base_url)
    sign_in(driver, base_url, "jumin")
    driver.get(url)
    assert "路灯所明天上午更换灯泡" in driver.page_source
    form = driver.find_element(By.ID, "feedback-form")
    # Nothing comes chosen: the resident answers both questions.
    assert Select(form.find_element(By.NAME, "solved")).first_selected_option.get_attribute("value") == ""
    assert Select(form.find_element(By.NAME, "satisfaction")).first_selected_option.get_attribute("value") == ""
    Select(form.find_element(By.NAME, "solved")).select_by_value("1")
    Select(form.find_element(By.NAME, "satisfaction")).select_by_value("basically_satisfied")
    navigate(driver, form.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    assert driver.find_element(By.ID, "request-status").text == "已办结"
    timeline = driver.find_element(By.ID, "timeline").text
    for step in ["提交诉求", "受理", "答复", "居民评价"]:
        assert step in timeline


def test_standard_open311_client_reads_json_and_xml_and_a_hotline_posts(base_url):
    for fmt in ["json", "xml"]:
        client = GeoReport(base_url + "/open311/v2", output_format=fmt)
        services = client.get_service_list()
        codes = {s["service_code"] for s in services}
        assert {"road", "noise", "water", "gas"} <= codes, fmt
        definition = client.get_service_definition("noise")
        assert definition["service_code"] == "noise", fmt
        closed = client.get_service_requests(status="closed")
        if fmt == "xml":
            closed = closed if isinstance(closed, list) else [closed]
        assert closed and all(r["status"] == "closed" for r in closed), fmt

    # A key is shown once, when issued: a city admin signs in and issues one on /requests/settings.
    session = requests.Session()
    login = session.get(base_url + "/login")
    session.post(base_url + "/login", data={"username": "admin", "password": "demo-2026"})
    page = session.get(base_url + "/requests/settings").text
    csrf = page.split('name="_csrf" value="')[1].split('"')[0]
    unit = page.split('<select name="unit_id"><option value="')[1].split('"')[0]
    issued = session.post(base_url + "/requests/open311-keys", data={"_csrf": csrf, "name": "e2e-" + uuid.uuid4().hex[:6], "unit_id": unit}).text
    key = issued.split('id="new-key"')[1].split("<code>")[1].split("</code>")[0]
    assert login.status_code == 200 and key.startswith("o311_")

    posted = requests.post(base_url + "/open311/v2/requests.json", data={
        "api_key": key, "service_code": "road", "address_id": "513401001003", "lat": "27.9", "long": "102.26",
        "description": "人行道砖块松动，老人易绊倒", "first_name": "张", "phone": "13900001111"})
    assert posted.status_code == 201, posted.text
    created = posted.json()[0]
    mine = GeoReport(base_url + "/open311/v2").get_service_requests(service_request_id=created["service_request_id"])
    assert mine[0]["service_code"] == "road" and mine[0]["status"] == "open" and mine[0]["address_id"] == "513401001003"
    # Roads are public in the demo: the public reads it coarsened, the hotline that filed it reads it whole.
    assert "lat" not in mine[0] and not mine[0]["description"]
    whole = requests.get(f"{base_url}/open311/v2/requests/{created['service_request_id']}.json", headers={"X-Api-Key": key}).json()[0]
    assert whole["lat"] == 27.9 and whole["description"] == "人行道砖块松动，老人易绊倒"
    assert requests.get(f"{base_url}/open311/v2/requests.json", params={"api_key": "o311_wrong"}).status_code == 403
    token = requests.get(f"{base_url}/open311/v2/tokens/{created['token']}.json").json()
    assert token[0]["service_request_id"] == created["service_request_id"]
    refused = requests.post(base_url + "/open311/v2/requests.xml", data={"service_code": "road", "description": "无密钥提交"})
    assert refused.status_code == 403 and "<errors><error><code>403</code>" in refused.text
