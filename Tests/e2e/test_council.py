"""The council hall and the fund end to end on a phone-sized browser: a resident raises a topic, staff put it to a
household vote, the resident votes once (a second ballot is refused with a clear message), and anyone — signed in or
not — reads the community fund's public account."""

import uuid

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import shot
from test_coordination import sign_out
from test_household_edit import navigate, sign_in


def test_resident_raises_staff_open_vote_resident_votes_once(driver, base_url):
    title = "小区停车管理 " + uuid.uuid4().hex[:4]
    sign_in(driver, base_url, "jumin")
    driver.get(base_url + "/council")
    form = driver.find_element(By.ID, "topic-form")
    Select(form.find_element(By.NAME, "unit_id")).select_by_index(1)
    form.find_element(By.NAME, "title").send_keys(title)
    form.find_element(By.NAME, "description").send_keys("外来车辆占用消防通道，建议实行业主车辆登记。")
    navigate(driver, form.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    assert driver.find_element(By.ID, "topic-status").text == "议事中"
    topic_url = driver.current_url

    sign_out(driver, base_url)
    sign_in(driver, base_url, "datongmen")
    driver.get(topic_url)
    form = driver.find_element(By.ID, "vote-form")
    Select(form.find_element(By.NAME, "rule")).select_by_value("households")
    quorum = form.find_element(By.NAME, "quorum_percent")
    quorum.clear()
    quorum.send_keys("5")
    navigate(driver, form.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    assert driver.find_element(By.ID, "topic-status").text == "表决中"

    sign_out(driver, base_url)
    sign_in(driver, base_url, "jumin")
    driver.get(topic_url)
    navigate(driver, driver.find_element(By.CSS_SELECTOR, "#ballot-form button[value=yes]"))
    assert "同意 1" in driver.find_element(By.ID, "vote").text
    navigate(driver, driver.find_element(By.CSS_SELECTOR, "#ballot-form button[value=no]"))
    assert "该户已经投过票" in driver.page_source
    assert "同意 1 · 反对 0" in driver.find_element(By.ID, "vote").text
    shot(driver, "council-vote")

    # Staff record a ballot given at a meeting by the household's building and room, never by an internal number.
    sign_out(driver, base_url)
    sign_in(driver, base_url, "datongmen")
    driver.get(topic_url)
    form = driver.find_element(By.ID, "ballot-form")
    buildings = Select(form.find_element(By.NAME, "building_id"))
    assert not form.find_elements(By.NAME, "household_id")
    if len(buildings.options) > 2:
        form.find_element(By.NAME, "room").send_keys("1-101")
        navigate(driver, form.find_element(By.CSS_SELECTOR, "button[value=no]"))
        assert "在多个楼栋都有" in driver.find_element(By.CSS_SELECTOR, ".error-box").text
        form = driver.find_element(By.ID, "ballot-form")
        buildings = Select(form.find_element(By.NAME, "building_id"))
    buildings.select_by_index(len(buildings.options) - 1)
    form.find_element(By.NAME, "room").send_keys("1-101")
    navigate(driver, form.find_element(By.CSS_SELECTOR, "button[value=no]"))
    assert "同意 1 · 反对 1" in driver.find_element(By.ID, "vote").text
    shot(driver, "council-ballot-by-room")
    # Closing before the deadline explains when it can be closed.
    navigate(driver, driver.find_element(By.CSS_SELECTOR, "form[action$='/close'] button"))
    assert "都投票后也可提前计票" in driver.find_element(By.CSS_SELECTOR, ".error-box").text


def test_fund_account_is_public(driver, base_url):
    driver.delete_all_cookies()
    driver.get(base_url + "/community/513401001003")
    assert "入户燃气安全检查通知" in driver.page_source
    navigate(driver, driver.find_element(By.LINK_TEXT, "社区发展基金公开账目"))
    balance = driver.find_element(By.ID, "fund-balance").text
    assert balance.replace(",", "").replace(".", "").isdigit()
    entries = driver.find_element(By.ID, "fund-entries").text
    assert "冲销" in entries and "支出" in entries
    assert not driver.find_elements(By.ID, "fund-form")
