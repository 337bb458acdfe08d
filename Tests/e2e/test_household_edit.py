"""A community worker signs in, walks the territory down to a household, and edits it."""

from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from conftest import shot


def sign_in(driver, base_url, username, password="demo-2026"):
    driver.get(base_url + "/login")
    # A fresh browser may still be swapping in the page when get() returns; touch the form only once it is complete.
    WebDriverWait(driver, 10).until(lambda d: d.execute_script("return document.readyState") == "complete")
    driver.find_element(By.NAME, "username").send_keys(username)
    driver.find_element(By.NAME, "password").send_keys(password)
    navigate(driver, driver.find_element(By.CSS_SELECTOR, "#login-form button[type=submit]"))


def navigate(driver, element):
    """Clicks a link or button and waits until the next page has replaced this one.

    The old page is marked with a script variable that no new document has; Chrome may answer a query about
    the old page with an inspector error while it swaps documents, so such an error only means "not yet".
    """
    driver.execute_script("window.__leaving = true")
    element.click()

    def arrived(d):
        try:
            return d.execute_script("return !window.__leaving && document.readyState === 'complete'")
        except WebDriverException:
            return False

    WebDriverWait(driver, 10).until(arrived)


def first_link(driver, table_id):
    navigate(driver, driver.find_element(By.CSS_SELECTOR, f"#{table_id} a"))


def test_wrong_password_is_refused_with_a_message(driver, base_url):
    sign_in(driver, base_url, "auditor", "not-the-password")
    assert "用户名或密码错误" in driver.find_element(By.CSS_SELECTOR, ".error-box").text
    assert "/login" in driver.current_url


def test_browse_to_household_and_edit_it(driver, base_url):
    sign_in(driver, base_url, "datongmen")
    assert "工作台" in driver.title
    shot(driver, "dashboard")
    navigate(driver, driver.find_element(By.LINK_TEXT, "浏览辖区"))
    assert "大通门" in driver.find_element(By.TAG_NAME, "h1").text
    # community → grid → compound → building
    for _ in range(3):
        first_link(driver, "children")
    shot(driver, "building")
    first_link(driver, "households")
    shot(driver, "household")
    assert driver.find_element(By.CSS_SELECTOR, ".crumbs").text.count("›") >= 4

    # A blank room number (spaces pass the browser's `required`) is refused by the server
    # with a message beside the field, and nothing changes.
    room = driver.find_element(By.CSS_SELECTOR, "#household-form input[name=room]")
    original_room = room.get_attribute("value")
    room.clear()
    room.send_keys("   ")
    navigate(driver, driver.find_element(By.CSS_SELECTOR, "#household-form button[type=submit]"))
    message = driver.find_element(By.CSS_SELECTOR, "#household-form .invalid .msg").text
    assert "房号不能为空" in message
    shot(driver, "household-error")

    # A valid edit is saved and shown.
    room = driver.find_element(By.CSS_SELECTOR, "#household-form input[name=room]")
    room.clear()
    room.send_keys(original_room)
    address = driver.find_element(By.CSS_SELECTOR, "#household-form input[name=address]")
    address.clear()
    address.send_keys("测试地址 8 号")
    navigate(driver, driver.find_element(By.CSS_SELECTOR, "#household-form button[type=submit]"))
    assert "已保存" in driver.find_element(By.CSS_SELECTOR, ".notice").text
    assert "测试地址 8 号" in driver.find_element(By.CSS_SELECTOR, ".card").text
    assert driver.find_element(By.CSS_SELECTOR, "#household-form input[name=address]").get_attribute("value") == "测试地址 8 号"


def test_coverage_page_draws_bars(driver, base_url):
    sign_in(driver, base_url, "beicheng")
    navigate(driver, driver.find_element(By.LINK_TEXT, "查看覆盖情况与短板"))
    bars = driver.find_elements(By.CSS_SELECTOR, "#coverage-children svg.bar")
    assert len(bars) >= 6  # three bars for each community of the street
    shot(driver, "coverage")
