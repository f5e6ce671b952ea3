"""Citations with a file's call number and a place after the archive, and the quoted-citation layout's title line.

Every page and citation here is invented, in the archive's layouts; each test states what a careful reader of
the page would read (docs/page-fields.md: title, citations).
"""

from __future__ import annotations

import pytest

from kg.ingest.wilson.citation import parse_citation_part
from tests.page_support import parse


@pytest.mark.parametrize(("text", "repository", "identifier", "folios", "collection"), [
    # the archive, the state it belongs to, the file's call number, its page
    ("Archive of the Ministry of Foreign Affairs, Republic of Testland, T-I-R-0-1234-5/67, 24",
     "Archive of the Ministry of Foreign Affairs", "T-I-R-0-1234-5/67", "24", None),
    # the archive and its town, a call number, then the file's own title with its years
    ("National Archives, Exampleton, XY12/345, Technical matters with Testland, 1950-54",
     "National Archives", "XY12/345", None, "Technical matters with Testland, 1950-54"),
    # the file's title first, then its call number, then the archive and its town
    ("Ciphergrams from Testville 1961, 6/77 w-82 t-1264, Example Foreign Ministry Archive (EFMA), Exampleton",
     "Example Foreign Ministry Archive (EFMA)", "6/77 w-82 t-1264", None, "Ciphergrams from Testville 1961"),
])
def test_a_call_number_and_a_place_after_the_archive(text: str, repository: str, identifier: str,
                                                      folios: str | None, collection: str | None) -> None:
    c = parse_citation_part(text)
    assert (c.repository, c.identifier, c.folios, c.collection) == (repository, identifier, folios, collection)


def test_a_division_after_the_archive_is_no_place() -> None:
    c = parse_citation_part("Library of Testing, Manuscript Division, Example papers, 1900-1990, mm12345678")
    assert (c.repository, c.division, c.identifier) == ("Library of Testing", "Manuscript Division", "mm12345678")


CAPS = ("Search in\nADD SEARCH FILTER CANCEL SEARCH FILTER\n\nDigital Archive International History Declassified\n\n"
        "March 3, 1961\n\nCABLE FROM THE TESTLAND FOREIGN MINISTRY TO IVAN TESTOV, 'ON INVENTED MATTERS'\n\n"
        "CITATION SHARE DOWNLOAD\n  • Citation\n\n    get citation\n\n    An invented summary.\n"
        "    \"Cable from the Testland Foreign Ministry to Ivan Testov, 'On Invented Matters',\" March 3, 1961, "
        "History and Public Policy Program Digital Archive, EXA 111-00022-33, 4-5. Translated by Anna Sample.\n"
        "  • share document\n\nVIEW DOCUMENT IN\n\nEnglish HTML\n\nAn invented cable.\n")


def test_the_title_line_in_capitals_is_the_title_and_its_names_are_read_from_it() -> None:
    rec = parse(CAPS)
    assert rec.title == "CABLE FROM THE TESTLAND FOREIGN MINISTRY TO IVAN TESTOV, 'ON INVENTED MATTERS'"
    assert rec.quote(rec.title_span) == rec.title
    assert rec.kind == "cable"
    assert [s.name for s in rec.senders] == ["THE TESTLAND FOREIGN MINISTRY"]
    assert [r.name for r in rec.recipients] == ["IVAN TESTOV"]
    assert all(rec.quote(r.span) == r.written for r in rec.senders + rec.recipients)
    (c,) = rec.citations
    assert (c.repository, c.identifier, c.folios) == ("EXA", "111-00022-33", "4-5")


def test_without_a_title_line_the_quote_gives_the_title() -> None:
    rec = parse(CAPS.replace("CABLE FROM THE TESTLAND FOREIGN MINISTRY TO IVAN TESTOV, 'ON INVENTED MATTERS'\n\n", ""))
    assert rec.title == "Cable from the Testland Foreign Ministry to Ivan Testov, 'On Invented Matters'"
    assert [r.name for r in rec.recipients] == ["Ivan Testov"]


@pytest.mark.parametrize(("text", "want"), [
    # a comma inside the archive's brackets stays in its name
    ("Example National Archives (Arkhiv Primera, ANP), XIX-J-1-j Testland, 12. doboz, 004413/2/1983",
     {"repository": "Example National Archives (Arkhiv Primera, ANP)", "box": "12", "identifier": "004413/2/1983"}),
    # "Record" is the opis and "Document" the file of a Bulgarian-style citation
    ("Archive of the Example Party, Fond 15, Record 58, Document 66",
     {"repository": "Archive of the Example Party", "fond": "15", "opis": "58", "delo": "66"}),
    # number signs before the values
    ("TsGA, Fond Nº 2, opis’ Nº 1, delo № 45", {"repository": "TsGA", "fond": "2", "opis": "1", "delo": "45"}),
    # "and" inside an archive's name is no second archive's start
    ("Nehru Memorial Example Museum and Library, Papers of A. Sample",
     {"repository": "Nehru Memorial Example Museum and Library"}),
])
def test_citation_parts_written_in_other_ways(text: str, want: dict[str, str]) -> None:
    c = parse_citation_part(text)
    assert {k: getattr(c, k) for k in want} == want


def test_a_disclosure_number_first_and_a_copy_also_available_elsewhere() -> None:
    tail = ("\n\nAn invented summary.\n\nDocument Information\n\nSource\n\n2004-567, Act on Access to Invented "
            "Information. Also available at the Diplomatic Archives of the Example Ministry.\n\nRights\n\n"
            "Reuse is free.\n\nRecord ID\n\n4242\n")
    from tests.page_support import page
    rec = parse(page("Letter from Ivan Testov to Petar Examplov", tail=tail))
    assert [(c.identifier, c.repository) for c in rec.citations] == [
        ("2004-567", None), (None, "Diplomatic Archives of the Example Ministry")]
    assert rec.quote(rec.citations[1].span) == "Diplomatic Archives of the Example Ministry"


@pytest.mark.parametrize(("credit", "note", "translators"), [
    ("Obtained and Translated by Anna Sample.", None, ["Anna Sample"]),
    ("Obtained by Ivan Testov and translated by Anna Sample.", "Obtained by Ivan Testov", ["Anna Sample"]),
    ("Obtained by the Example Research Group, Testland, and translated for CWIHP by Anna Sample.",
     "Obtained by the Example Research Group, Testland", ["Anna Sample"]),
])
def test_provenance_before_a_translation_credit(credit: str, note: str | None, translators: list[str]) -> None:
    tail = (f"\n\nAn invented summary.\n\nDocument Information\n\nSource\n\nEXA, f. 1, op. 2, d. 3, l. 4. {credit}"
            "\n\nRights\n\nReuse is free.\n\nRecord ID\n\n4242\n")
    from tests.page_support import page
    rec = parse(page("Letter from Ivan Testov to Petar Examplov", tail=tail))
    (c,) = rec.citations
    assert (c.repository, c.note) == ("EXA", note)
    assert [t.name for t in rec.translators] == translators


def test_a_party_collections_initials_after_the_archive_are_no_place() -> None:
    c = parse_citation_part("Example Central Archives of Modern Records (ECA), KC XPZ, XIA/615")
    assert (c.repository, c.collection, c.identifier) == ("Example Central Archives of Modern Records (ECA)", "KC XPZ",
                                                          "XIA/615")
