"""Headless Chromium for the browser tests: Debian's ``chromium`` and ``chromium-driver`` driven by selenium, with
nothing downloaded at run time and no background connections.

Skipped where Chromium is not installed, except under ``make test`` (``KG_REQUIRE_BROWSER=1``; ``make test``
installs it first), where a missing browser fails the run instead of hiding the browser tests.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = "/usr/bin/chromedriver"
HAVE_BROWSER = CHROMIUM is not None and Path(DRIVER).exists()
REASON = "needs Debian's chromium and chromium-driver (make system-deps)"

#: flags that keep Chromium quiet on a machine with no network (no component updates, no background fetches)
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run", "--disable-dev-shm-usage")


def require_browser() -> None:
    """Fail (under ``make test``) or skip (elsewhere) when there is no browser to drive."""
    if HAVE_BROWSER:
        return
    if os.environ.get("KG_REQUIRE_BROWSER") == "1":
        pytest.fail(REASON + ": KG_REQUIRE_BROWSER=1 says the browser tests must run")
    pytest.skip(REASON)


def chromium(profile: Path, *extra: str, logs: bool = False, page_load_timeout: float = 30) -> Iterator:
    """A selenium driver of headless Chromium with its own empty profile; quits when the generator is closed."""
    require_browser()
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM  # type: ignore[assignment]
    for arg in (*FLAGS, *extra, f"--user-data-dir={profile}"):
        opts.add_argument(arg)
    if logs:
        opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(DRIVER), options=opts)
    driver.set_page_load_timeout(page_load_timeout)
    try:
        yield driver
    finally:
        driver.quit()
