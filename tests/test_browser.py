"""The HTML pages in a real browser (headless Chromium driven by selenium): a document's text with its mentions
linked, a click through to a person, and data that tries to run script stays text."""

from __future__ import annotations

import pytest

from tests.browser_support import chromium
from tests.conftest import start_server
from tests.fixtures.server.build_fixture import make_out, stop

pytestmark = [pytest.mark.browser]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory):
    out = make_out(tmp_path_factory.mktemp("browser") / "var")
    proc, url = start_server(out)
    try:
        yield url
    finally:
        stop(proc)


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory):
    yield from chromium(tmp_path_factory.mktemp("chromium-profile"))


def test_document_text_links_mentions_and_a_click_reaches_the_person(server: str, browser) -> None:
    from selenium.webdriver.common.by import By

    browser.get(server + "/id/document/d-telegram")  # the IRI path: the browser follows the 303 to the page
    assert browser.current_url == server + "/page/document/d-telegram"
    assert browser.find_element(By.TAG_NAME, "h1").text == "Ciphered Telegram from Matveyev (Zakharov) to Feng Xi (Stalin)"
    text = browser.find_element(By.ID, "text")
    assert "the situation in Pyongyang is severe" in text.text
    mentions = {a.text: a.get_attribute("href") for a in text.find_elements(By.CSS_SELECTOR, "a.mention")}
    assert mentions["Pyongyang"] == server + "/id/place/pyongyang"
    assert mentions["KPA"] == server + "/id/organization/kpa"
    assert mentions["Feng Xi"] == server + "/id/person/joseph-stalin"
    # the stylesheet (served by us, no outside resource) is applied
    assert text.value_of_css_property("white-space") == "pre-wrap"

    link = next(a for a in text.find_elements(By.CSS_SELECTOR, "a.mention") if a.text == "Feng Xi")
    link.click()
    assert browser.current_url == server + "/page/person/joseph-stalin"
    assert browser.find_element(By.TAG_NAME, "h1").text == "Joseph Stalin"
    covers = browser.find_element(By.CSS_SELECTOR, "ul.aliases").text
    assert "Feng Xi" in covers and "Ciphered Telegram" in covers

    # and back from the person to a document through the cover name's attestation
    browser.find_element(By.LINK_TEXT, "Feng Xi").click()
    assert browser.current_url == server + "/page/alias/joseph-stalin--feng-xi"
    assert "Cover name of Joseph Stalin" in browser.find_element(By.CSS_SELECTOR, "p.alias-of").text


def test_script_in_the_data_stays_text(server: str, browser) -> None:
    from selenium.webdriver.common.by import By

    browser.get(server + "/page/document/d-cable")
    title = browser.find_element(By.TAG_NAME, "h1").text
    assert title.endswith("<script>alert('x')</script>")
    assert "<script>document.title='pwned'</script> <b>bold</b> & more." in browser.find_element(By.ID, "text").text
    assert browser.title != "pwned" and "pwned" not in browser.title
    assert browser.find_elements(By.CSS_SELECTOR, "#text b") == []
    # no alert was raised (an open alert makes this call fail)
    assert browser.execute_script("return document.querySelectorAll('script:not([type=\"application/ld+json\"])').length") == 0
