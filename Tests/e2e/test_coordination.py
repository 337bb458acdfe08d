"""Coordination end to end: a street raises a summons (吹哨) to a department, the department's officer accepts it
and asks for closure, the officer cannot close it alone, and the street verifies and closes it (事不完、人不撤)."""

import uuid

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import shot
from test_household_edit import navigate, sign_in


def sign_out(driver, base_url):
    driver.delete_all_cookies()
    driver.get(base_url + "/login")


def step(driver, action, note=""):
    form = driver.find_element(By.CSS_SELECTOR, "form.target-actions")
    if note:
        form.find_element(By.NAME, "note").send_keys(note)
    navigate(driver, form.find_element(By.CSS_SELECTOR, f"button[value={action}]"))


def test_street_summons_department_which_reports_in_and_street_closes(driver, base_url):
    title = "联合整治 " + uuid.uuid4().hex[:6]
    sign_in(driver, base_url, "beicheng")
    driver.get(base_url + "/summons/new")
    # Bad input first: nothing chosen and no title is refused, field by field (past the browser's own check).
    driver.execute_script("document.querySelectorAll('[required]').forEach(e => e.removeAttribute('required'))")
    navigate(driver, driver.find_element(By.CSS_SELECTOR, "#summons-form button[type=submit]"))
    assert "请至少选择一个部门或派驻机构" in driver.page_source and "标题为1–100个字" in driver.page_source
    Select(driver.find_element(By.NAME, "urgency")).select_by_value("general")
    Select(driver.find_element(By.NAME, "matter")).select_by_index(1)
    driver.find_element(By.NAME, "title").send_keys(title)
    driver.find_element(By.NAME, "description").send_keys("夜市占道经营，需执法中队到场。")
    driver.find_element(By.XPATH, "//label[contains(., '北城执法中队')]/input").click()
    navigate(driver, driver.find_element(By.CSS_SELECTOR, "#summons-form button[type=submit]"))
    assert driver.find_element(By.ID, "summons-status").text == "处置中"
    summons_url = driver.current_url
    assert "待响应" in driver.find_element(By.ID, "targets").text

    sign_out(driver, base_url)
    sign_in(driver, base_url, "minjing")
    driver.get(summons_url)
    step(driver, "accept")
    step(driver, "arrive")
    step(driver, "request_closure", "已清理占道摊点")
    targets = driver.find_element(By.ID, "targets").text
    assert "申请办结" in targets
    # The department cannot close the matter alone: no close button for the officer.
    assert not driver.find_elements(By.CSS_SELECTOR, "button[value=close]")

    sign_out(driver, base_url)
    sign_in(driver, base_url, "beicheng")
    driver.get(summons_url)
    step(driver, "close", "现场核实，已整改")
    assert driver.find_element(By.ID, "summons-status").text == "已办结"
    timeline = driver.find_element(By.ID, "timeline").text
    for words in ["发起吹哨", "响应接单", "到场报到", "申请办结", "核实办结"]:
        assert words in timeline
    shot(driver, "summons-closed")
