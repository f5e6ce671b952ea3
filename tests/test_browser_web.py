"""The reader-facing pages in a real browser (Debian's Chromium driven by selenium; nothing downloaded at run time):
the landing page, an example query run in the workbench showing rows, a search, each view drawing the expected
marks, a person page; no console errors; axe-core (from npm, ``node_modules/``) finds no serious or critical
violation on any page type; keyboard and phone width. Screenshots are saved under ``var/test-artifacts/``
(``KG_TEST_ARTIFACTS`` moves them)."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from kg.namespaces import PREFIXES
from tests.browser_support import chromium
from tests.conftest import ROOT, start_server
from tests.fixtures.server.build_fixture import make_out, stop

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = Path(os.environ.get("KG_TEST_ARTIFACTS", ROOT / "var" / "test-artifacts" / "screenshots"))
STALIN_TELEGRAM = "/page/document/wcda-ciphered-telegram-matveyev-zakharov-feng-xi-stalin"

pytestmark = [pytest.mark.browser]

# coordinates for the map (the real collection's places get theirs from `kg enrich`)
COORDS = {"pyongyang": (39.02, 125.75), "moscow": (55.75, 37.62)}
COORD_TRIG = "<https://w3id.org/archive-kg/graph/enrichment> {\n" + "".join(
    f"<https://w3id.org/archive-kg/id/place/{p}> <{PREFIXES['schema']}latitude> \"{lat}\"^^<{PREFIXES['xsd']}double> ;"
    f" <{PREFIXES['schema']}longitude> \"{lon}\"^^<{PREFIXES['xsd']}double> .\n" for p, (lat, lon) in COORDS.items()) + "}\n"


@pytest.fixture(scope="module")
def fixture_server(tmp_path_factory: pytest.TempPathFactory):
    out = make_out(tmp_path_factory.mktemp("browser-web") / "var", extra_trig=COORD_TRIG)
    proc, url = start_server(out)
    try:
        yield url
    finally:
        stop(proc)


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory):
    if not AXE.exists():  # make install runs npm ci; only a checkout without it may skip
        if os.environ.get("KG_REQUIRE_BROWSER") == "1":
            pytest.fail("node_modules/axe-core is missing: make install runs npm ci")
        pytest.skip("needs node_modules/axe-core (make install runs npm ci)")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    drivers = chromium(tmp_path_factory.mktemp("chromium-web"), "--window-size=1280,1000", "--hide-scrollbars",
                       logs=True, page_load_timeout=60)
    for driver in drivers:
        driver.set_script_timeout(60)
        yield driver


def wait_for(browser, script: str, timeout: float = 30.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = browser.execute_script(script)
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for: {script}")


def console_errors(browser) -> list[str]:
    return [e["message"] for e in browser.get_log("browser") if e["level"] == "SEVERE"]


def axe_violations(browser) -> list[str]:
    """axe-core's serious and critical violations on the page as it is now."""
    browser.execute_script(AXE.read_text(encoding="utf-8"))
    result = browser.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations.map("
        "v => ({id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))))"
        ".catch(e => done([{id: 'axe-error', impact: 'critical', nodes: [String(e)]}]));")
    return [f"{v['id']} ({v['impact']}): {v['nodes']}" for v in result if v["impact"] in ("serious", "critical")]


def only_local_requests(browser, server: str) -> list[str]:
    urls = browser.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
    return [u for u in urls if not u.startswith(server) and not u.startswith("data:")]


def shot(browser, name: str, full: bool = True) -> Path:
    if full:
        h = browser.execute_script("return document.documentElement.scrollHeight")
        w = browser.get_window_size()["width"]
        browser.set_window_size(w, min(max(h, 600), 4000))
    path = ARTIFACTS / f"{name}.png"
    browser.save_screenshot(str(path))
    browser.set_window_size(1280, 1000)
    return path


def check_page(browser, server: str, name: str) -> None:
    """What every page type must pass: no console errors, nothing fetched from elsewhere, axe clean; a screenshot."""
    assert console_errors(browser) == [], name
    assert only_local_requests(browser, server) == [], name
    violations = axe_violations(browser)
    assert violations == [], (name, violations)
    assert shot(browser, name).stat().st_size > 10_000


def test_landing_page(live_server: str, browser) -> None:
    from selenium.webdriver.common.by import By

    browser.get(live_server + "/")
    assert browser.find_element(By.TAG_NAME, "h1").text.startswith("Cold War diplomatic correspondence")
    examples = browser.find_elements(By.CSS_SELECTOR, "ol.examples li a")
    assert len(examples) >= 5 and all("/sparql?query=" in a.get_attribute("href") for a in examples)
    check_page(browser, live_server, "landing")


def test_an_example_query_runs_in_the_workbench(live_server: str, browser) -> None:
    from selenium.webdriver.common.by import By

    browser.get(live_server + "/")
    browser.find_elements(By.CSS_SELECTOR, "ol.examples li a")[0].click()  # "runs with one click"
    assert "/sparql?query=" in browser.current_url and browser.title.startswith("SPARQL query workbench")
    rows = wait_for(browser, "return document.querySelectorAll('#yasgui table.dataTable tbody tr').length")
    assert rows >= 2
    # entity IRIs show their labels and link to our pages
    links = browser.find_elements(By.CSS_SELECTOR, "#yasgui table.dataTable a.entity")
    assert any(a.text == "Cable, Gromyko to the Soviet Ambassador, Peking" for a in links)
    assert all(a.get_attribute("href").startswith(live_server + "/page/") for a in links)
    assert "^^" not in browser.find_element(By.CSS_SELECTOR, "#yasgui table.dataTable").text  # no datatype badges
    check_page(browser, live_server, "workbench-table")

    # another example, one click away in the editor; a numeric column gets a chart
    button = next(b for b in browser.find_elements(By.CSS_SELECTOR, "button.example") if b.text == "Documents per sender")
    button.click()
    wait_for(browser, "return [...document.querySelectorAll('#yasgui table.dataTable tbody tr')]"
                      ".some(r => r.textContent.includes('Andrei Gromyko'))")
    chart = next(b for b in browser.find_elements(By.CSS_SELECTOR, ".yasr_btnGroup button") if "Chart" in b.text)
    chart.click()
    bars = wait_for(browser, "return document.querySelectorAll('svg.chart g.bar').length")
    assert bars >= 2
    names = {t.text for t in browser.find_elements(By.CSS_SELECTOR, "svg.chart g.bar a text")}
    assert {"Andrei Gromyko", "Matvei Zakharov"} <= names
    assert console_errors(browser) == [] and only_local_requests(browser, live_server) == []
    shot(browser, "workbench-chart", full=False)
    # a historian's question: who got copies of the telegram (labels, not IRIs, in the table)
    next(b for b in browser.find_elements(By.CSS_SELECTOR, "button.example") if b.text.startswith("Who got copies")).click()
    wait_for(browser, "return [...document.querySelectorAll('#yasgui table.dataTable a.entity')]"
                      ".some(a => a.textContent === 'Lavrentiy Beria')")
    shot(browser, "workbench-copies")


def test_search(live_server: str, browser) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    browser.get(live_server + "/")
    box = browser.find_element(By.ID, "site-q")  # the search box of every page's header
    box.send_keys("Chemulpo", Keys.ENTER)
    wait_for(browser, "return location.pathname === '/search'")
    hits = browser.find_elements(By.CSS_SELECTOR, "li.hit")
    assert len(hits) == 2
    assert "Chemulpo" in [m.text for m in browser.find_elements(By.CSS_SELECTOR, "li.hit mark")]
    facets = {f.find_element(By.TAG_NAME, "h2").text for f in browser.find_elements(By.CSS_SELECTOR, "section.facet")}
    assert {"Kind", "Year", "Sender", "Archive"} <= facets
    check_page(browser, live_server, "search")
    # a facet narrows the results; a cover name in Cyrillic finds its telegram
    browser.find_element(By.LINK_TEXT, "Andrei Gromyko").click()
    assert len(browser.find_elements(By.CSS_SELECTOR, "li.hit")) == 1
    browser.get(live_server + "/search?q=" + "Фын Си")
    assert "Feng Xi" in browser.find_element(By.CSS_SELECTOR, "li.hit").text


def test_network_view(live_server: str, browser) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    browser.get(live_server + "/views/network")
    wait_for(browser, "return document.getElementById('view').dataset.drawn")
    nodes = {a.get_attribute("data-id").rsplit("/", 1)[-1]: a for a in browser.find_elements(By.CSS_SELECTOR, "svg.network a.node")}
    assert {"joseph-stalin", "matvei-zakharov", "andrei-gromyko"} <= set(nodes)
    assert len(browser.find_elements(By.CSS_SELECTOR, "svg.network .links line")) >= 3
    tip = nodes["joseph-stalin"].find_element(By.TAG_NAME, "title").get_attribute("textContent")
    assert "Feng Xi" in tip and "Filippov" in tip  # cover names on hover
    check_page(browser, live_server, "view-network")
    # keyboard: Tab reaches a correspondent, Enter opens its page
    body = browser.find_element(By.TAG_NAME, "body")
    for _ in range(60):
        body.send_keys(Keys.TAB) if _ == 0 else browser.switch_to.active_element.send_keys(Keys.TAB)
        if browser.execute_script("return document.activeElement.closest('svg.network') !== null"):
            break
    else:
        pytest.fail("no node of the network is reachable with the keyboard")
    browser.switch_to.active_element.send_keys(Keys.ENTER)
    wait_for(browser, "return location.pathname.startsWith('/page/')")


def test_timeline_view(live_server: str, browser) -> None:
    from selenium.webdriver.common.by import By

    browser.get(live_server + "/views/timeline")
    wait_for(browser, "return document.getElementById('view').dataset.drawn")
    docs = browser.find_elements(By.CSS_SELECTOR, "svg.timeline a.doc")
    assert len(docs) == 2
    assert browser.find_elements(By.CSS_SELECTOR, "svg.timeline a.doc line.transit")  # sent -> received
    check_page(browser, live_server, "view-timeline")


def test_map_view(fixture_server: str, browser) -> None:
    from selenium.webdriver.common.by import By

    browser.get(fixture_server + "/views/map")
    wait_for(browser, "return document.getElementById('view').dataset.drawn")
    places = {a.get_attribute("data-id").rsplit("/", 1)[-1] for a in browser.find_elements(By.CSS_SELECTOR, "svg.map a.place")}
    assert places == set(COORDS)
    inside = browser.execute_script(
        "const b = document.querySelector('svg.map').viewBox.baseVal;"
        "return [...document.querySelectorAll('svg.map a.place circle')].every(c =>"
        " c.cx.baseVal.value > 0 && c.cx.baseVal.value < b.width && c.cy.baseVal.value > 0 && c.cy.baseVal.value < b.height)")
    assert inside  # every place is on the drawn part of the map
    assert len(browser.find_elements(By.CSS_SELECTOR, "svg.map .land path")) > 100  # the bundled base map
    tip = browser.find_element(By.CSS_SELECTOR, "svg.map a.place[data-id$='pyongyang'] title").get_attribute("textContent")
    assert "평양" in tip  # variant names on hover
    counts = {p["id"].rsplit("/", 1)[-1]: p["documents"] for p in
              __import__("requests").get(fixture_server + "/views/map.json", timeout=30).json()["places"]}
    assert counts["pyongyang"] >= 1 and counts["moscow"] >= 1
    check_page(browser, fixture_server, "view-map")


def test_person_page(live_server: str, browser) -> None:
    from selenium.webdriver.common.by import By

    browser.get(live_server + "/page/person/joseph-stalin")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Joseph Stalin"
    assert browser.find_elements(By.CSS_SELECTOR, "#person-timeline svg circle")
    assert "Feng Xi" in browser.find_element(By.CSS_SELECTOR, "table.covers").text
    assert "Matvei Zakharov" in browser.find_element(By.CSS_SELECTOR, "ul.correspondents").text
    check_page(browser, live_server, "person")


def test_document_page(live_server: str, browser) -> None:
    from selenium.webdriver.common.by import By

    browser.get(live_server + STALIN_TELEGRAM)
    quality = browser.find_element(By.CSS_SELECTOR, "details.quality")
    assert quality.get_attribute("open") is None  # collapsed
    assert not quality.find_element(By.TAG_NAME, "li").is_displayed()
    quality.find_element(By.TAG_NAME, "summary").click()
    assert quality.find_element(By.TAG_NAME, "li").is_displayed()
    check_page(browser, live_server, "document")


@pytest.mark.parametrize("path", ["/", STALIN_TELEGRAM, "/page/person/joseph-stalin", "/search?q=Korea", "/sparql",
                                  "/views/network"])
def test_readable_at_phone_width(live_server: str, browser, path: str) -> None:
    browser.set_window_size(390, 844)
    try:
        browser.get(live_server + path)
        time.sleep(0.3)
        overflow = browser.execute_script(
            "return document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 1, f"{path}: {overflow}px wider than the phone"
        if path == STALIN_TELEGRAM:
            browser.save_screenshot(str(ARTIFACTS / "document-phone.png"))
    finally:
        browser.set_window_size(1280, 1000)


def test_other_page_types_are_accessible(fixture_server: str, live_server: str, browser) -> None:
    for server, path, name in ((live_server, "/page/place/incheon", "place"),
                               (live_server, "/page/alias/joseph-stalin--feng-xi", "alias"),
                               (live_server, "/page/archive/aprf", "archive"),
                               (live_server, "/ontology", "ontology"), (live_server, "/dumps/", "dumps"),
                               (live_server, "/views", "views"), (live_server, "/search", "search-empty")):
        browser.get(server + path)
        check_page(browser, server, name)
