"""The check-up on a phone: the report fits the screen, the tree map labels every community, and each of the
weakest five leads to the records behind it, one tap more to the record itself."""

from selenium.webdriver.common.by import By

from conftest import shot
from test_household_edit import navigate, sign_in


def test_the_weakest_points_lead_to_the_records_behind_them_on_a_phone(driver, base_url):
    sign_in(driver, base_url, "beicheng")
    driver.get(base_url + "/checkup")
    assert driver.find_element(By.ID, "overall").text
    width = driver.execute_script("return window.innerWidth")
    assert driver.execute_script("return document.documentElement.scrollWidth") <= width, "the report fits a phone's width"
    cells = driver.find_elements(By.CSS_SELECTOR, "#treemap a")
    assert cells and all(cell.find_elements(By.TAG_NAME, "text") for cell in cells)
    shot(driver, "checkup-report")

    weakest = driver.find_elements(By.CSS_SELECTOR, "#weakest a")
    assert len(weakest) == 5
    point = next(a for a in weakest if "/checkup/points/" in a.get_attribute("href"))
    label = point.text
    navigate(driver, point)
    assert label in driver.title
    summary = driver.find_element(By.ID, "point-summary").text
    assert "条记录" in summary
    rows = driver.find_elements(By.CSS_SELECTOR, "#point-records tr.short")
    assert rows, "a weak point has records holding it down, listed first"
    assert driver.execute_script("return document.documentElement.scrollWidth") <= width
    shot(driver, "checkup-point-records")
    navigate(driver, rows[0].find_element(By.TAG_NAME, "a"))
    assert not driver.find_elements(By.CSS_SELECTOR, "div.error-box[role=alert]"), driver.current_url
    assert driver.find_element(By.TAG_NAME, "h1").text
    shot(driver, "checkup-record")
