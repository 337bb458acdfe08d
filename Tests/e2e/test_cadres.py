"""Cadres end to end on a phone-sized browser: a street adds a cadre (a bad form first), records the cadre's move
into a community secretary post, records attendance at a training session, and sees the cadre on the evaluation
page and the one-shoulder (一肩挑) table; a grid worker is refused."""

import uuid

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import shot
from test_coordination import sign_out
from test_household_edit import navigate, sign_in


def test_street_adds_cadre_moves_them_and_records_training(driver, base_url):
    name = "测" + uuid.uuid4().hex[:4]
    sign_in(driver, base_url, "beicheng")
    driver.get(base_url + "/cadres")
    form = driver.find_element(By.ID, "cadre-form")
    # A blank name and a future start date are refused together, past the browser's own checks.
    driver.execute_script("document.querySelectorAll('[required]').forEach(e => e.removeAttribute('required'))")
    Select(form.find_element(By.NAME, "tier")).select_by_value("community")
    Select(form.find_element(By.NAME, "unit_id")).select_by_visible_text("　　大通门社区居民委员会")
    form.find_element(By.NAME, "position").send_keys("两委委员")
    driver.execute_script("document.querySelector('#cadre-form [name=grassroots_since]').value = '2099-01-01'")
    navigate(driver, form.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    assert "姓名为1–50个字" in driver.page_source and "到基层工作的日期不能晚于今天" in driver.page_source
    form = driver.find_element(By.ID, "cadre-form")
    form.find_element(By.NAME, "name").send_keys(name)
    driver.execute_script("document.querySelector('#cadre-form [name=grassroots_since]').value = '2020-09-01'")
    navigate(driver, form.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    assert driver.find_element(By.ID, "profile").text.startswith(name)
    cadre_url = driver.current_url

    # The move: a secretary post in 北门 that ends the current one.
    form = driver.find_element(By.ID, "post-form")
    Select(form.find_element(By.NAME, "role")).select_by_value("party_secretary")
    form.find_element(By.NAME, "title").send_keys("北门社区党委书记")
    Select(form.find_element(By.NAME, "unit_id")).select_by_visible_text("　　北门社区居民委员会")
    driver.execute_script("document.querySelector('#post-form [name=starts_on]').value = '2026-06-01'")
    form.find_element(By.NAME, "ends_current").click()
    navigate(driver, form.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    posts = driver.find_element(By.ID, "posts").text
    assert "北门社区党委书记" in posts and "至今" in posts
    assert "北门社区居民委员会" in driver.find_element(By.ID, "profile").text

    # Attendance at the first session: tick the new cadre for 2 hours.
    driver.get(base_url + "/training")
    navigate(driver, driver.find_element(By.CSS_SELECTOR, "#sessions a"))
    row = driver.find_element(By.XPATH, f"//form[@id='attendance-form']//tr[contains(., '{name}')]")
    row.find_element(By.NAME, "cadre").click()
    hours = row.find_element(By.CSS_SELECTOR, "input[type=number]")
    hours.clear()
    hours.send_keys("2")
    navigate(driver, driver.find_element(By.CSS_SELECTOR, "#attendance-form button[type=submit]"))
    assert name in driver.find_element(By.ID, "attendance").text

    driver.get(cadre_url)
    assert "2 / " in driver.find_element(By.ID, "standings").text
    driver.get(base_url + "/cadres/evaluation?period=2026")
    assert name in driver.find_element(By.ID, "evaluation").text
    shot(driver, "cadre-evaluation")
    driver.get(base_url + "/cadres/leadership")
    assert "一肩挑" in driver.page_source and "北门社区居民委员会" in driver.find_element(By.ID, "leadership").text

    sign_out(driver, base_url)
    sign_in(driver, base_url, "gege")
    driver.get(base_url + "/cadres")
    assert "无权" in driver.page_source or "denied" in driver.page_source.lower()
