"""bench/bench_parser: scores the page parser on a folder of pages with expectation files, or on synthetic pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.bench_parser import main

PAGE = ("Skip to content\n\nMay 14, 1950\n\nCiphered Telegram No. 77 from Harbin, Vetrov to Kuzmin\n\n"
        "An invented body line.\n\nAn invented summary.\n\nDocument Information\n\nSource\n\n"
        "APRF, f. 3, op. 65, d. 827, l. 103.\n\nRights\n\nReuse of this invented page is free.\n")


def test_folder_scores_each_field_and_lists_the_misses(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.txt").write_text(PAGE, encoding="utf-8")
    (tmp_path / "a.expected.yaml").write_text(
        "title: \"Ciphered Telegram No. 77 from Harbin, Vetrov to Kuzmin\"\ndate: 1950-05-14\n"
        "kind: ciphered telegram\nsenders: [Vetrov]\nrecipients: [Kuzmin]\nsent_from: Harbin\nnumber: \"77\"\n"
        "citations: [{repository: APRF, fond: \"3\", folios: \"103\"}]\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text(PAGE, encoding="utf-8")
    (tmp_path / "b.expected.yaml").write_text("senders: [Somebody Else]\ntranslators: []\n", encoding="utf-8")
    (tmp_path / "c.txt").write_text(PAGE, encoding="utf-8")  # no expectation file: not scored
    assert main([str(tmp_path), "-v"]) == 0
    out = capsys.readouterr().out
    assert "2 pages" in out
    (senders,) = [ln for ln in out.splitlines() if ln.split()[:2] == ["*", "senders"]]
    assert senders.split()[2] == "1/2"  # right on a, wrong on b
    assert "pages with every core field right: 1/2 (50.0 %)" in out
    assert "b.txt: senders: got [('Vetrov', None)], want ['Somebody Else']" in out
    assert "crashes: 0" in out


def test_synthetic_corpus_is_read_back_entirely(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--synth", "60", "--seed", "3"]) == 0
    out = capsys.readouterr().out
    assert "60 pages" in out and "pages with every field right:      60/60 (100.0 %)" in out


def test_not_a_folder(tmp_path: Path) -> None:
    assert main([str(tmp_path / "missing")]) == 2
