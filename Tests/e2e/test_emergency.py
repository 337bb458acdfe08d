"""Emergency end to end: a CAP exercise alert pasted in, a matching plan activated from it in one step as a drill,
a grid worker reporting on a phone, the incident page rolling up, stand-down, and the drill review with its
comparison; a broken CAP document refused with what to fix; our own alerts as an Atom feed."""

import urllib.request
import uuid
import xml.etree.ElementTree as ET

from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from conftest import shot
from test_coordination import sign_out
from test_household_edit import navigate, sign_in

CAP = """<?xml version="1.0" encoding="UTF-8"?>
<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
  <identifier>E2E-{ident}</identifier><sender>xichang.weather@sc.cma.gov.cn</sender>
  <sent>{sent}</sent><status>Exercise</status><msgType>Alert</msgType><scope>Public</scope>
  <info><language>zh-CN</language><category>Met</category><event>暴雨</event><urgency>Immediate</urgency>
    <severity>Severe</severity><certainty>Likely</certainty><headline>暴雨橙色预警（端到端演练）</headline>
    <area><areaDesc>大通门社区</areaDesc><geocode><valueName>统计用区划代码</valueName><value>513401001003</value></geocode></area>
  </info>
</alert>"""


def paste_cap(driver, base_url, document):
    driver.get(base_url + "/emergency/alerts")
    driver.execute_script("document.querySelector('#receive-form textarea[name=cap]').value = arguments[0]", document)
    navigate(driver, driver.find_element(By.CSS_SELECTOR, "#receive-form button[type=submit]"))


def test_exercise_alert_starts_a_drill_which_is_reported_stood_down_and_reviewed(driver, base_url):
    sign_in(driver, base_url, "beicheng")
    paste_cap(driver, base_url, CAP.format(ident=uuid.uuid4().hex[:12], sent="2026-11-29T08:00:00+08:00"))
    assert "大通门" in driver.find_element(By.ID, "alert-units").text
    shot(driver, "alert-received")
    plans = driver.find_element(By.ID, "alert-plans")
    flood = next(li for li in plans.find_elements(By.TAG_NAME, "li") if "防汛" in li.text)
    assert "匹配" in flood.text and "演练" in flood.text
    navigate(driver, flood.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    assert "/emergency/incidents/" in driver.current_url
    incident_url = driver.current_url
    head = driver.find_element(By.ID, "incident-head").text
    assert "演练" in head and "Ⅱ级" in head
    rows = driver.find_elements(By.CSS_SELECTOR, "#incident-items tr[id^=item-]")
    assert len(rows) == 3
    directive_row = driver.find_element(By.CSS_SELECTOR, "#incident-items tr[id^=item-directive-]")
    directive_id = directive_row.get_attribute("id").rsplit("-", 1)[1]
    assert directive_row.find_element(By.CSS_SELECTOR, ".reached").text.startswith("0/")
    assert "预计全部到户" in driver.find_element(By.ID, "estimate").text
    shot(driver, "incident-activated")

    # The grid worker reports one household from the phone worklist.
    sign_out(driver, base_url)
    sign_in(driver, base_url, "gege")
    driver.get(f"{base_url}/directives/{directive_id}/work")
    navigate(driver, driver.find_element(By.CSS_SELECTOR, "ul.work li a"))
    driver.find_element(By.CSS_SELECTOR, "input[name=outcome][value=done]").click()
    navigate(driver, driver.find_element(By.CSS_SELECTOR, "#assignment-form button[type=submit]"))

    sign_out(driver, base_url)
    sign_in(driver, base_url, "beicheng")
    driver.get(incident_url)
    assert driver.find_element(By.CSS_SELECTOR, f"#item-directive-{directive_id} .reached").text.startswith("1/")
    driver.find_element(By.CSS_SELECTOR, "#stand-down-form textarea[name=summary]").send_keys("端到端演练结束")
    navigate(driver, driver.find_element(By.CSS_SELECTOR, "#stand-down-form button[type=submit]"))
    assert driver.current_url.endswith("/review")
    overall = driver.find_element(By.ID, "overall").text
    assert "1/" in overall and "未达到" in overall
    history = driver.find_elements(By.CSS_SELECTOR, "#history tr")
    assert len(history) >= 3  # header, this drill and the demo's drill three weeks ago
    shot(driver, "drill-review")
    # The demo's drill has times and a chart.
    navigate(driver, history[-1].find_element(By.TAG_NAME, "a"))
    assert driver.find_element(By.ID, "reach-chart")
    assert "小时" in driver.find_element(By.ID, "overall").text or "分钟" in driver.find_element(By.ID, "overall").text
    shot(driver, "drill-review-demo")


def test_a_broken_cap_document_is_refused_with_what_to_fix(driver, base_url):
    sign_out(driver, base_url)
    sign_in(driver, base_url, "beicheng")
    driver.get(base_url + "/emergency/alerts")
    before = len(driver.find_elements(By.CSS_SELECTOR, "#alerts tr"))
    paste_cap(driver, base_url, CAP.format(ident="BROKEN", sent="2026-11-29 08:00"))
    assert "sent" in driver.find_element(By.CSS_SELECTOR, ".error-box").text
    shot(driver, "alert-refused")
    driver.get(base_url + "/emergency/alerts")
    assert len(driver.find_elements(By.CSS_SELECTOR, "#alerts tr")) == before


def test_our_alerts_are_published_as_atom_and_cap(driver, base_url):
    sign_out(driver, base_url)
    sign_in(driver, base_url, "beicheng")
    driver.get(base_url + "/emergency/alerts")
    form = driver.find_element(By.ID, "issue-form")
    form.find_element(By.NAME, "event").send_keys("大风")
    form.find_element(By.CSS_SELECTOR, "select[name=event_kind] option[value=weather]").click()
    form.find_element(By.CSS_SELECTOR, "select[name=severity] option[value=Moderate]").click()
    # Urgency and certainty come unchosen (no answer nobody gave): the sender picks them.
    form.find_element(By.CSS_SELECTOR, "select[name=urgency] option[value=Expected]").click()
    form.find_element(By.CSS_SELECTOR, "select[name=certainty] option[value=Likely]").click()
    form.find_element(By.NAME, "headline").send_keys("北城街道大风蓝色预警")
    form.find_element(By.NAME, "description").send_keys("阵风8级，请收好阳台物品。")
    community = next(label for label in form.find_elements(By.CSS_SELECTOR, "fieldset label") if "社区" in label.text)
    community.find_element(By.CSS_SELECTOR, "input[name=unit_ids]").click()
    navigate(driver, form.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    assert "/emergency/alerts/" in driver.current_url
    with urllib.request.urlopen(base_url + "/cap/alerts.atom", timeout=10) as response:
        assert response.headers["Content-Type"].startswith("application/atom+xml")
        feed = ET.fromstring(response.read())
    ns = {"a": "http://www.w3.org/2005/Atom"}
    entry = feed.find("a:entry", ns)
    assert entry is not None and "大风" in entry.find("a:title", ns).text
    link = entry.find("a:link", ns).get("href")
    with urllib.request.urlopen(base_url + link, timeout=10) as response:
        alert = ET.fromstring(response.read())
    cap = "{urn:oasis:names:tc:emergency:cap:1.2}"
    assert alert.find(cap + "status").text == "Actual"
    assert alert.find(f"{cap}info/{cap}headline").text == "北城街道大风蓝色预警"


def test_plan_page_defaults_to_a_drill_asks_twice_for_real_and_estimates_the_units_chosen(driver, base_url):
    sign_in(driver, base_url, "beicheng")
    driver.get(base_url + "/emergency")
    navigate(driver, driver.find_element(By.PARTIAL_LINK_TEXT, "防汛应急预案"))
    assert driver.find_element(By.CSS_SELECTOR, "#mode input[value=drill]").is_selected()
    form = driver.find_element(By.ID, "activate-form")
    before = driver.find_element(By.ID, "estimate").text
    # Ticking one community re-estimates for it alone, without a reload.
    community = next(label for label in form.find_elements(By.CSS_SELECTOR, "fieldset label") if "社区" in label.text)
    community.find_element(By.CSS_SELECTOR, "input[name=unit_ids]").click()
    def estimate_changed(d):
        try:
            return d.find_element(By.ID, "estimate").text != before
        except StaleElementReferenceException:  # replaced while being read
            return False

    WebDriverWait(driver, 10).until(estimate_changed)
    assert "能力预估（1 个单元）" in driver.find_element(By.ID, "estimate").text
    shot(driver, "activation-estimate")
    # Real without the second confirmation: refused, nothing started.
    driver.find_element(By.CSS_SELECTOR, "#mode input[value=real]").click()
    navigate(driver, driver.find_element(By.CSS_SELECTOR, "#activate-form button[type=submit]"))
    assert "真实启动须勾选确认" in driver.find_element(By.CSS_SELECTOR, ".error-box").text
    assert "/emergency/plans/" in driver.current_url or "/activate" in driver.current_url


def test_a_plan_action_gets_its_form_from_the_builder(driver, base_url):
    """A plan's directive action takes its form from the same builder: the screening form filled in (a round trip
    that saves nothing), one field more added in place, and the action listed with its fields counted."""
    sign_in(driver, base_url, "beicheng")
    driver.get(base_url + "/emergency")
    navigate(driver, driver.find_element(By.PARTIAL_LINK_TEXT, "防汛应急预案"))
    form = driver.find_element(By.ID, "action-form")
    form.find_element(By.CSS_SELECTOR, "select[name=action] option[value=directive]").click()
    form.find_element(By.NAME, "action_title").send_keys("转移前入户确认")
    navigate(driver, form.find_element(By.CSS_SELECTOR, "button[name=builder][value=screening]"))
    rows = driver.find_elements(By.CSS_SELECTOR, "#builder-rows > li.builder-row")
    assert len(rows) == 6 and rows[0].find_element(By.NAME, "field_label").get_attribute("value").startswith("体温")
    assert driver.find_element(By.NAME, "action_title").get_attribute("value") == "转移前入户确认"
    driver.find_element(By.CSS_SELECTOR, "#action-form button[name=builder][value=add]").click()
    last = driver.find_elements(By.CSS_SELECTOR, "#builder-rows > li.builder-row")[-1]
    last.find_element(By.NAME, "field_label").send_keys("撤离人数")
    last.find_element(By.CSS_SELECTOR, "select[name=field_type] option[value=number]").click()
    last.find_element(By.NAME, "field_max").send_keys("20")
    assert "撤离人数" in driver.find_element(By.ID, "preview-fields").text
    navigate(driver, driver.find_element(By.CSS_SELECTOR, "#action-form > button[type=submit]"))
    assert "表单 7 项" in driver.find_element(By.TAG_NAME, "main").text
