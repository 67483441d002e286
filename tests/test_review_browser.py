"""The review pages in a real browser: Debian's headless Chromium driven by Selenium through /usr/bin/chromedriver,
against a real server on a free loopback port. Open the overview, filter, drill down to a theme and a report,
sign in, correct a theme, see the correction stored and exported. Screenshots of the main pages go to
``docs/screenshots/`` (or ``$REVIEW_SCREENSHOTS``) to be looked at.

Needs ``apt-get install chromium chromium-driver fonts-noto-cjk`` (``.ci/run`` installs them); skipped without
them, except in CI, where that fails."""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

import pytest

from service.api import create_app
from service.labels import load_problems, spec_values
from service.review.labels_export import export_labels
from service.store import open_store
from service.text import SubmittedText

from .conftest import ROOT
from .review_fixtures import TOKENS, scored_store

CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"
SCREENSHOTS = Path(os.environ.get("REVIEW_SCREENSHOTS", ROOT / "docs" / "screenshots"))


def _browser_missing() -> str | None:
    missing = [path for path in (CHROMIUM, CHROMEDRIVER) if not Path(path).exists()]
    return f"{', '.join(missing)} not installed (apt-get install chromium chromium-driver)" if missing else None


@pytest.fixture(scope="module")
def server(pipeline, tmp_path_factory):
    from werkzeug.serving import make_server

    url = scored_store(pipeline, tmp_path_factory.mktemp("review") / "reports.db")
    app = create_app({"REPORTS_DB_URL": url, "REVIEW_TOKENS": TOKENS})
    http = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=http.serve_forever, daemon=True)
    thread.start()
    yield {"base": f"http://127.0.0.1:{http.server_port}", "db": url}
    http.shutdown()
    thread.join(timeout=10)
    if "report_store" in app.extensions:
        app.extensions["report_store"].close()


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    missing = _browser_missing()
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the browser tests: {missing} (.ci/run installs them)")
        pytest.skip(missing)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 f"--user-data-dir={tmp_path_factory.mktemp('chromium')}", "--window-size=1440,1000",
                 "--lang=zh-CN"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.implicitly_wait(5)
    yield driver
    driver.quit()


def _shot(driver, name: str, height: int | None = None) -> Path:
    """A screenshot of the whole page (up to ``height`` pixels tall)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    full = driver.execute_script("return document.documentElement.scrollHeight")
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": 1440, "height": min(full, height or 2400), "deviceScaleFactor": 1, "mobile": False})
    path = SCREENSHOTS / f"{name}.png"
    driver.save_screenshot(str(path))
    driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    return path


def _replaced(element):
    """A wait condition: the page that held ``element`` has been replaced. Chromedriver reports an element of a page
    being unloaded either as stale or, in a race, as an unknown error ("Node with given id does not belong to the
    document"); both mean the old page is gone (``expected_conditions.staleness_of`` lets the second escape)."""
    from selenium.common.exceptions import StaleElementReferenceException, WebDriverException

    def gone(_driver) -> bool:
        try:
            element.is_enabled()
        except StaleElementReferenceException:
            return True
        except WebDriverException as exc:
            if "does not belong to the document" in str(exc):
                return True
            raise
        return False
    return gone


def test_overview_filter_drill_down_correct_and_export(server, browser, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as expected
    from selenium.webdriver.support.ui import Select, WebDriverWait

    base = server["base"]
    browser.get(f"{base}/review/")
    assert "问题主题总览" in browser.find_element(By.TAG_NAME, "h1").text
    rows = browser.find_elements(By.CSS_SELECTOR, "#themes tbody tr")
    assert len(rows) >= 5
    assert browser.find_elements(By.CSS_SELECTOR, "svg.chart rect.bar")
    _shot(browser, "overview")

    # filter by level: fewer statements, the filter kept in the form and in the theme links
    Select(browser.find_element(By.NAME, "level")).select_by_value("county")
    browser.find_element(By.CSS_SELECTOR, "form.filters button").click()
    WebDriverWait(browser, 10).until(expected.url_contains("level=county"))
    filtered = browser.find_elements(By.CSS_SELECTOR, "#themes tbody tr a.theme")
    assert filtered and all("level=county" in a.get_attribute("href") for a in filtered)
    browser.get(f"{base}/review/")

    # drill down to the theme with the most statements
    first = browser.find_element(By.CSS_SELECTOR, "#themes tbody tr a.theme")
    label = first.text
    first.click()
    WebDriverWait(browser, 10).until(expected.url_contains("/review/themes/"))
    assert browser.find_element(By.TAG_NAME, "h1").text.startswith(label)
    statements = browser.find_elements(By.CSS_SELECTOR, "#statements tbody tr[data-finding]")
    assert statements and browser.find_elements(By.CSS_SELECTOR, "#statements td.context mark.hit")
    assert not browser.find_elements(By.CSS_SELECTOR, "form.correct-theme")  # read-only until signed in
    _shot(browser, "theme")
    theme_url = browser.current_url

    # sign in with a reviewer token and come back to the theme
    browser.get(f"{base}/review/login?next=" + theme_url.split(base, 1)[1])
    browser.find_element(By.NAME, "token").send_keys("alice-token-123")
    browser.find_element(By.CSS_SELECTOR, "#login-form button").click()
    WebDriverWait(browser, 10).until(expected.url_to_be(theme_url))
    assert "alice" in browser.find_element(By.CSS_SELECTOR, "header .who").text

    # correct the theme of the first statement
    row = browser.find_element(By.CSS_SELECTOR, "#statements tbody tr[data-finding]")
    finding_id = row.get_attribute("data-finding")
    Select(row.find_element(By.CSS_SELECTOR, "form.correct-theme select")).select_by_value("review_accuracy")
    row.find_element(By.CSS_SELECTOR, "form.correct-theme button").click()
    WebDriverWait(browser, 10).until(_replaced(row))  # the form posted and the page came back
    browser.get(f"{base}/review/themes/review_accuracy")
    corrected = browser.find_element(By.CSS_SELECTOR, f'#statements tr[data-finding="{finding_id}"]')
    assert "已改为「审核与质量把关」" in corrected.text and "alice" in corrected.text

    # the report page: the finding highlighted where it came from, its details on a click
    corrected.find_element(By.CSS_SELECTOR, "td a").click()
    WebDriverWait(browser, 10).until(expected.url_contains("/review/reports/"))
    mark = browser.find_element(By.CSS_SELECTOR, "#text mark.corrected")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", mark)
    mark.click()
    detail = browser.find_element(By.ID, "finding-detail")
    assert detail.is_displayed() and "抽取器 problems" in detail.text
    browser.execute_script("window.scrollTo(0, 0)")
    _shot(browser, "report", height=1400)

    # stored, shown with who and when, and exported as gold labels
    browser.get(f"{base}/review/corrections")
    listed = browser.find_element(By.CSS_SELECTOR, "#corrections tbody tr").text
    assert "alice" in listed and "审核与质量把关" in listed
    _shot(browser, "corrections", height=700)
    store = open_store(server["db"])
    try:
        (correction,) = store.corrections()
        assert (correction["finding_id"], correction["reviewer"], correction["value"]) == (
            finding_id, "alice", {"theme": "review_accuracy"})
        written = export_labels(store, tmp_path)
        report_id = correction["report_id"]
        text = store.report_text(report_id) or store.report(report_id).get("text")
    finally:
        store.close()
    (path,) = [p for p in written if p.parent.name == "problems"]
    assert "# reviewed by alice" in path.read_text(encoding="utf-8")
    labels = load_problems(path, SubmittedText.of(text), spec_values("problem_themes.tsv", "theme"))
    assert "review_accuracy" in {label.theme for label in labels}


def test_a_report_with_failed_checks_marks_its_cells(server, browser):
    from selenium.webdriver.common.by import By

    browser.get(f"{server['base']}/review/reports/?agency=平潭")
    links = browser.find_elements(By.CSS_SELECTOR, "#reports tbody td a")
    for href in [a.get_attribute("href") for a in links]:
        browser.get(href)
        if browser.find_elements(By.CSS_SELECTOR, "table.cells td.fail"):
            break
    else:
        pytest.fail("no stored report shows a failed check (r015 prints two)")
    assert browser.find_elements(By.CSS_SELECTOR, "#text mark.cell-fail")
    table = browser.find_element(By.CSS_SELECTOR, "table.cells td.fail")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", table)
    browser.save_screenshot(str(SCREENSHOTS / "report_tables.png"))


def test_chromium_is_found_where_ci_installs_it():
    if _browser_missing() and not os.environ.get("CI"):
        pytest.skip(_browser_missing())
    assert shutil.which("chromium") and shutil.which("chromedriver")
