"""A bracketed note after a name in the text is a mention of its own only when it identifies the name (another
writing of it, the real name of a cover name), not when it is any other editors' remark. Pages and names are
invented."""

from __future__ import annotations

import pytest

from kg.ingest.wilson.body import identifies
from tests.page_support import page, parse


@pytest.mark.parametrize(("text", "kind"), [("Kim Il-sung", "person"), ("Stalin", "person"), ("A. A. Testov", "person"),
                                            ("Beijing", "place"), ("Ivan van der Test", "person")])
def test_a_name_in_brackets_identifies(text: str, kind: str) -> None:
    assert identifies(text, kind)


@pytest.mark.parametrize(("text", "kind"), [("Foreign Minister", "person"), ("the Soviet ambassador", "person"),
                                            ("sic", "person"), ("then in Moscow", "person"), ("Testland Embassy", "person"),
                                            ("Major Testov", "person"), ("illegible", "place"), ("FYN SI; Stalin", "person")])
def test_other_notes_identify_no_one(text: str, kind: str) -> None:
    assert not identifies(text, kind)


def test_the_text_mentions_a_glossed_name_twice_and_other_notes_not_at_all() -> None:
    rec = parse(page("Telegram from Ivan Testov to Petar Primerov",
                     "We met KIM TESTSON [Kim Test-son], TESTOWSKI [the invented ambassador] and PRIMEROV [Foreign "
                     "Minister] in Hanoi [then the capital] yesterday."))
    mentions = {m.text: m.kind for m in rec.mentions}
    assert mentions["Kim Test-son"] == "person" and mentions["TESTOWSKI"] == "person" and mentions["Hanoi"] == "place"
    assert not {"the invented ambassador", "Foreign Minister", "then the capital"} & set(mentions)
    assert all(rec.quote(m.span) == m.text for m in rec.mentions)
