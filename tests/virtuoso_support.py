"""A managed Virtuoso for the tests: started once per session in a temporary folder, stopped at the end.

Skipped when the Debian package is not installed, except under ``make test`` (``KG_REQUIRE_VIRTUOSO=1``), which
installs it first (``make virtuoso-deps``): there a missing engine is a failure, not a skip.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest


def require_virtuoso() -> None:
    if shutil.which("virtuoso-t") and shutil.which("isql-vt"):
        return
    if os.environ.get("KG_REQUIRE_VIRTUOSO") == "1":
        pytest.fail("virtuoso-opensource is not installed: `make virtuoso-deps` should have installed it")
    pytest.skip("virtuoso-opensource is not installed (make virtuoso-deps)")


def virtuoso_env(home: Path) -> dict[str, str]:
    """The environment that points `kg build|load|serve|query` at the managed engine in ``home``."""
    return {"KG_ENGINE": "virtuoso", "KG_VIRTUOSO_HOME": str(home)}


@pytest.fixture(scope="session")
def virtuoso_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    require_virtuoso()
    from kg.engines.managed import ManagedVirtuoso

    home = tmp_path_factory.mktemp("virtuoso")
    engine = ManagedVirtuoso(home)
    engine.start()
    try:
        yield home
    finally:
        engine.stop()


@pytest.fixture
def use_virtuoso(virtuoso_home: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """This process's `kg` library calls use the managed engine (subprocesses get :func:`virtuoso_env`)."""
    for k, v in virtuoso_env(virtuoso_home).items():
        monkeypatch.setenv(k, v)
    return virtuoso_home
