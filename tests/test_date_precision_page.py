"""The document page (HTML over HTTP, no browser) states a date's precision only when it is coarser than a day."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.build import build
from kg.config import Settings
from server import create_app
from tests.page_support import page

TAIL = ("\n\nAn invented summary.\n\nDocument Information\n\nSource\n\nAPRF, f. 1, op. 2, d. 3, l. 4.\n\n"
        "Rights\n\nReuse of this invented page is free.\n\nRecord ID\n\n{rid}\n")


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory):
    src = tmp_path_factory.mktemp("pages")
    (src / "day.txt").write_text(page("Letter from Ivan Testov to Petar Primerov", date="May 14, 1950",
                                      tail=TAIL.format(rid="91001")), encoding="utf-8")
    (src / "month.txt").write_text(page("Letter from Ivan Testov to Petar Primerov", date="October 1956",
                                        tail=TAIL.format(rid="91002")), encoding="utf-8")
    out = tmp_path_factory.mktemp("var")
    settings = Settings.from_env(out_dir=out)
    result = build([Path(src)], settings=settings, progress=False, workers=1)
    assert result.ok, result.summary()
    return create_app(settings).test_client()


def _page(client, doc_id: str) -> str:
    r = client.get(f"/page/document/{doc_id}")
    assert r.status_code == 200, r.status_code
    return r.get_data(as_text=True)


def test_a_day_precise_date_has_no_precision_statement(client) -> None:
    html = _page(client, "wcda-91001")
    assert "More statements" in html and "1950-05-14" in html
    assert "datePrecision" not in html and "date precision" not in html.lower()


def test_a_month_precise_date_says_so(client) -> None:
    html = _page(client, "wcda-91002")
    assert "date precision" in html.lower() or "datePrecision" in html
    assert ">month<" in html
