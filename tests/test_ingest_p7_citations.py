"""Citations in the archives' own labels (one table: kg.ingest.wilson.citation_labels), an archive's siglum glued to
its collection's (the sigla of the authorities' archives file: kg.ingest.wilson.sigla), quotation marks in a
citation (a file's own title with full stops and commas inside), a document's number in a published collection.

Every citation here is invented, in the shapes the archive's pages use (real archive sigla only as archives); each
test states what a careful reader reads from it (docs/page-fields.md, citations), the negative tests what not.
"""

from __future__ import annotations

import re

import pytest

from kg.ingest.wilson.citation import parse_citation_part
from kg.ingest.wilson.citation_labels import LABELS, PARTS, alternation, label_pattern, part_after
from kg.ingest.wilson.sigla import KNOWN_SIGLA, split_known_siglum
from kg.records import ArchivalCitation
from tests.page_support import page, parse


def cited(source: str) -> list[ArchivalCitation]:
    tail = (f"\n\nAn invented summary.\n\nDocument Information\n\nSource\n\n{source}\n\nRights\n\nReuse is free.\n\n"
            "Record ID\n\n4242\n")
    return parse(page("Letter from Ivan Testov to Petar Examplov", tail=tail)).citations


def parts(c: ArchivalCitation) -> dict[str, str]:
    return {k: v for k, v in vars(c).items() if v and k not in ("verbatim", "span", "heading", "kind")}


# -- the table of labels -------------------------------------------------------------------------------------------

def test_every_row_of_the_table_reads_its_own_label_and_nothing_longer() -> None:
    for row in LABELS:
        if row.order == "rest":
            continue
        rx = re.compile(r"(?:" + label_pattern(row.label, row.order) + r")", re.IGNORECASE)
        assert rx.fullmatch(row.label), row
        assert rx.fullmatch(row.label.upper()), row
        assert row.part in PARTS
    # a word label is not the start of a longer word: "Fondation", "Filed", "Listed" label nothing
    before = re.compile(r"(?<![\w.])(?:" + "|".join(alternation(p) for p in PARTS) + r")(?=[\s:]|\d)", re.IGNORECASE)
    for word in ("Fondation", "Filed", "Listed", "Boxer", "Dosage", "Inventor"):
        assert not before.match(word + " 12"), word


def test_dotted_abbreviations_with_or_without_inner_stops_and_hungarian_labels_after_the_number() -> None:
    for written in ("a.e. 12", "a. e. 12", "ae. 12", "A.E. 12"):
        assert parts(parse_citation_part(f"TsDEX, f. 3, op. 4, {written}")) == {
            "repository": "TsDEX", "fond": "3", "opis": "4", "delo": "12"}, written
    assert part_after("o. e.") == "delo" and part_after("doboz") == "box" and part_after("tétel") == "item"
    assert part_after("op.") is None


@pytest.mark.parametrize(("text", "want"), [
    # Albanian: the word, the archive's abbreviation in brackets, the value; a year and a file title in between
    ("Central Example Archive (Arkivi Shembull, ASH), Tesgrad, Testland, Fondi (F.) 14/AP, Relations with the "
     "Example Party, Viti (V.) 1961, Dosja (Dos.) 7",
     {"repository": "Central Example Archive (Arkivi Shembull, ASH)", "fond": "14/AP", "delo": "7"}),
    # Romanian: "fond." with a full stop, "inv." the inventory (opis), "dosar" the file, "fila" its leaf
    ("AEXM, fond. 51, inv. 56, dosar 7, fila 8",
     {"repository": "AEXM", "fond": "51", "opis": "56", "delo": "7", "folios": "8"}),
    # Czech / Slovak: "sv." a volume (not a bench key), "a.j." the archival unit (the file)
    ("NAEX, f. 1261, sv. 3, a. j. 44", {"repository": "NAEX", "fond": "1261", "volume": "3", "delo": "44"}),
    # German: "Bl." the leaves of a file known by its call number
    ("EXBArch, DY 30/812, Bl. 57-58", {"repository": "EXBArch", "identifier": "DY 30/812", "folios": "57-58"}),
    # Russian folder abbreviated "pap."
    ("AVPEX, f. 0100, op. 42, por. 19, pap. 288, ll. 28-31",
     {"repository": "AVPEX", "fond": "0100", "opis": "42", "item": "19", "papka": "288", "folios": "28-31"}),
    # a run of labels interrupted ("f. 1 468." a number with a space) still reads the run that closes the part
    ("TsDEX, f. 1 468. op. 4", {"repository": "TsDEX", "collection": "f. 1 468.", "opis": "4"}),
    # Hungarian: the fond's series letters before its number, the file "o. e." without its accents
    ("Example National Archives, Tesgrad (ENA), M-EX 288. f. 5/515. o. e",
     {"repository": "Example National Archives", "collection": "Tesgrad (ENA)", "fond": "M-EX 288",
      "delo": "5/515"}),
])
def test_labels_of_other_languages(text: str, want: dict[str, str]) -> None:
    got = parts(parse_citation_part(text))
    assert {k: got.get(k) for k in want} == want
    assert not {k for k in got if k in PARTS} - set(want)  # no part read from anything else


def test_a_file_is_not_a_leaf_and_a_document_number_alone_is_still_a_file() -> None:
    assert parts(parse_citation_part("EXA, fond 3, file 12")) == {"repository": "EXA", "fond": "3", "delo": "12"}
    assert parts(parse_citation_part("EXA, fond 3, dosar 9, fila 12")) == {
        "repository": "EXA", "fond": "3", "delo": "9", "folios": "12"}
    (c,) = cited("TsDEX, f. 3, op. 1, Document No. 81.")
    assert (c.kind, c.delo) == ("archive", "81")


# -- an archive's siglum glued to its collection's -------------------------------------------------------------------

def test_the_sigla_come_from_the_authorities_archives_file() -> None:
    assert {"PA AA", "AVP RF", "MNL OL", "SAPMO-BArch"} <= KNOWN_SIGLA
    assert not any(" " in s and len(s.split()) > 3 for s in KNOWN_SIGLA)


def test_a_known_siglum_then_a_collections_siglum_are_two_things() -> None:
    (c,) = cited("PA AA MfEX, ZR 1234/77. Translated by Anna Sample.")
    assert parts(c) == {"repository": "PA AA", "collection": "MfEX", "identifier": "ZR 1234/77"}


def test_a_known_siglum_alone_or_before_a_name_or_number_is_not_split() -> None:
    assert split_known_siglum("PA AA") is None
    assert split_known_siglum("AVP RF") is None  # a two-word siglum of its own, not "AVP" then "RF"
    assert split_known_siglum("MNL OL Budapest") is None  # a place, not a collection's siglum
    assert split_known_siglum("PA AA 12") is None
    assert split_known_siglum("EXQ ZZ") is None  # no known archive opens it
    (c,) = cited("AVP RF, f. 07, op. 1, d. 22.")
    assert parts(c) == {"repository": "AVP RF", "fond": "07", "opis": "1", "delo": "22"}


# -- quotation marks -------------------------------------------------------------------------------------------------

def test_a_files_title_in_quotes_with_full_stops_inside_is_no_sentence_of_its_own() -> None:
    cs = cited("Example National Archives (ENA), Office of the Invented Party, File No. 512, “Notes on a Visit. "
               "Part 2.” Obtained by Anna Sample.")
    assert [parts(c) for c in cs] == [{"repository": "Example National Archives (ENA)",
                                       "collection": "Office of the Invented Party", "delo": "512",
                                       "note": "Obtained by Anna Sample"}]


def test_a_files_title_in_quotes_before_the_archive_is_neither_archive_nor_collection() -> None:
    (c,) = cited("“Ciphergrams, Part 3. Tesgrad, 1962,” Example Ministry Archives, Tesgrad, Testland.")
    assert c.repository == "Example Ministry Archives" and "Ciphergrams" not in (c.collection or "")


def test_parts_at_the_end_of_a_quoted_title_are_read() -> None:
    (c,) = cited("Example National Archives (ENA), „Meeting of the Leaders in Tesgrad 1989. december. 4. Papers of "
                 "A. Sample. Notes. ENA 288. f. 66. d. 28. ő. e.” Obtained by Anna Sample.")
    assert (c.repository, c.fond, c.box, c.delo, c.note) == (
        "Example National Archives (ENA)", "288", "66", "28", "Obtained by Anna Sample")


def test_a_lower_case_label_ends_a_sentence_but_an_initial_does_not() -> None:
    (c,) = cited("Example National Archives, M-EX 12. f. 3/4. o. e. Obtained by Anna Sample.")
    assert (c.fond, c.delo, c.note) == ("M-EX 12", "3/4", "Obtained by Anna Sample")
    (c,) = cited("EXA, f. 3, d. 4. Obtained by A. B. Sample.")
    assert c.note == "Obtained by A. B. Sample"


def test_an_unclosed_quotation_mark_does_not_swallow_the_rest() -> None:
    cs = cited("EXA, f. 3, d. 4, “Notes. Obtained by Anna Sample.")
    assert len(cs) == 1 and cs[0].repository == "EXA" and cs[0].delo == "4"


# -- a document's number in a published collection -------------------------------------------------------------------

def test_a_document_number_in_a_published_collection_is_part_of_the_reference() -> None:
    ref = "A. Example and B. Sample, “Invented Papers, 1960-1970,” Example Review, vol. 4, no. 5-6 (2010), p. 254"
    cs = cited(f"EXAM, fond 51, inv. 56, dosar 7; Document No. 81 in {ref}.")
    assert [parts(c) for c in cs] == [{"repository": "EXAM", "fond": "51", "opis": "56", "delo": "7"},
                                      {"collection": f"Document No. 81 in {ref}"}]
    assert cs[1].kind == "publication"


# -- brackets, leads, research centres, items of a collection, translators -------------------------------------------

def test_a_semicolon_inside_the_archives_nested_brackets_divides_nothing() -> None:
    (c,) = cited("Example Foundation Archive (Archive of the Example Parties (Foundation); EXF-Arch), Tesgrad, "
                 "DY 12/IV A 2/3/45, 57-58.")
    assert parts(c) == {"repository": "Example Foundation Archive (Archive of the Example Parties (Foundation); "
                                      "EXF-Arch)", "identifier": "DY 12/IV A 2/3/45", "folios": "57-58"}


def test_see_also_a_book_whose_title_has_full_stops_then_a_series_of_its_own() -> None:
    ref = ("Testland. The Withdrawal. 1958 [Testland, The Withdrawal. 1958], Example Press, Tesgrad, 1996 (editor: "
           "Prof. A. Sample, Ph.D.), pp. 273-274")
    cs = cited(f"EXAM, fond 3, dosar 9. See also {ref}.] Published in Invented Briefing Book No. 22. Translated by "
               "Anna Sample.")
    assert [(c.kind, c.repository, c.collection) for c in cs] == [
        ("archive", "EXAM", None), ("publication", None, ref), ("publication", None, "Invented Briefing Book No. 22")]


def test_a_reference_after_its_lead_stops_at_an_archive_or_a_provenance_note() -> None:
    cs = cited("Reprinted in Invented Papers, Tesgrad 1999. EXA, f. 1, d. 2. Obtained by Anna Sample.")
    assert [(c.kind, c.collection, c.repository, c.note) for c in cs] == [
        ("publication", "Invented Papers, Tesgrad 1999", None, None),
        ("archive", None, "EXA", "Obtained by Anna Sample")]


def test_a_research_centre_is_the_archive_and_a_family_archive_its_collection() -> None:
    (c,) = cited("Centro de Exemplo (CEX), Example Family Archive, EXF1974.08.15 ab/cd [1/661].")
    assert parts(c) == {"repository": "Centro de Exemplo (CEX)", "collection": "Example Family Archive",
                        "identifier": "EXF1974.08.15 ab/cd [1/661]"}


def test_an_item_of_a_collection_after_a_colon() -> None:
    (c,) = cited("Example Institution Archive, Ivan Testov Papers: Notepad 15.05.1989.")
    assert (c.collection, c.identifier) == ("Ivan Testov Papers", "Notepad 15.05.1989")
    (c,) = cited("Example Institution Archive, Ivan Testov Papers: 1950-1960.")
    assert (c.collection, c.identifier) == ("Ivan Testov Papers: 1950-1960", None)  # the years it spans, no item


def test_translation_and_editing_credit_translators_after_provenance_notes() -> None:
    tail = ("\n\nAn invented summary.\n\nDocument Information\n\nSource\n\nEXA, f. 1, d. 2. Obtained by Anna Sample; "
            "transcribed by Lena Vzorova; translation and editing by Petar Primerov and Kim Example.\n\nRights\n\n"
            "Reuse is free.\n\nRecord ID\n\n4242\n")
    rec = parse(page("Letter from Ivan Testov to Petar Examplov", tail=tail))
    assert [t.name for t in rec.translators] == ["Petar Primerov", "Kim Example"]
    assert rec.citations[0].note == "Obtained by Anna Sample; transcribed by Lena Vzorova"


# -- a citation without its block --------------------------------------------------------------------------------------

HEADLESS = ("Skip to content\n\nMay 14, 1950\n\nRecord of a Meeting between the Testland and Example Delegations\n\n"
            "An invented summary of what was said at the meeting and what was decided about it.\n\n{line}\n")


def test_a_citation_line_after_the_summary_of_a_page_without_a_citation_block() -> None:
    rec = parse(HEADLESS.format(line="EXGA, Fond 54, Opis 98c, Delo 718, Listy 39-46."))
    assert [parts(c) for c in rec.citations] == [
        {"repository": "EXGA", "fond": "54", "opis": "98c", "delo": "718", "folios": "39-46"}]
    assert rec.incomplete is True  # no citation block, rights or record ID: the page is cut


@pytest.mark.parametrize("line", [
    "We looked at the file in EXGA, Fond 54, Opis 98c, Delo 718 and found nothing.",  # a sentence of the text
    "Testov, Examplov, Primerov and others were present.",
    "EXGA, Tesgrad, Testland.",  # an archive and its town, no parts
])
def test_no_citation_from_a_line_of_text(line: str) -> None:
    assert parse(HEADLESS.format(line=line)).citations == []


def test_a_page_with_its_citation_block_is_not_read_twice() -> None:
    tail = "\n\nAn invented summary.\n\nDocument Information\n\nSource\n\nEXA, f. 1, d. 2.\n\nRights\n\nReuse is free.\n"
    rec = parse(page("Letter from Ivan Testov to Petar Examplov", "EXGA, Fond 54, Opis 98c, Delo 718.", tail=tail))
    assert [c.repository for c in rec.citations] == ["EXA"]


def test_a_file_known_by_its_name() -> None:
    (c,) = cited("National Archive, Archive of the CC EXZ (Tesgrad), file Ivan Testov, Kuba, box 124.")
    assert (c.repository, c.delo, c.box) == ("National Archive", "Ivan Testov, Kuba", "124")
    # the name stops at an archive, a place or the end: no label follows to close it
    (c,) = cited("EXA, file Ivan Testov, Tesgrad.")
    assert c.delo == "Ivan Testov"
    (c,) = cited("EXA, fond 3, file 12.")
    assert (c.fond, c.delo) == ("3", "12")


@pytest.mark.parametrize(("text", "want"), [
    ("EXALI, f. 631, op. 26, ed. khr. 4410, l. 3",  # Russian "storage unit": the file
     {"repository": "EXALI", "fond": "631", "opis": "26", "delo": "4410", "folios": "3"}),
    ("EXJ, 507, kutija 12", {"repository": "EXJ", "identifier": "507", "box": "12"}),  # Serbo-Croatian box
    ("EXMAE, Affari Politici, busta 12, fascicolo 4",  # Italian box and file
     {"repository": "EXMAE", "collection": "Affari Politici", "box": "12", "delo": "4"}),
    ("EXGA, legajo 82/14, expediente 3", {"repository": "EXGA", "box": "82/14", "delo": "3"}),  # Spanish
    ("EXHI, pasta 12", {"repository": "EXHI", "papka": "12"}),  # Portuguese folder
    ("EXPN, zesp. 1585, sign. 12/4", {"repository": "EXPN", "fond": "1585", "identifier": "12/4"}),  # Polish
    ("NAEX, KSX-UV, kart. 5, sign. 1261/0/3",  # Czech box and call number
     {"repository": "NAEX", "collection": "KSX-UV", "box": "5", "identifier": "1261/0/3"}),
    ("EXANI, fond 89, perechen 46, dokument 1", {"repository": "EXANI", "fond": "89", "opis": "46", "delo": "1"}),
    ("EXA, Akte 5, Bl. 3", {"repository": "EXA", "delo": "5", "folios": "3"}),  # German file and leaf
    ("Centre des Archives Exemplaires, cote 12 AB 4", {"repository": "Centre des Archives Exemplaires",
                                                       "identifier": "12 AB 4"}),  # French call number
])
def test_more_labels_of_the_table(text: str, want: dict[str, str]) -> None:
    assert parts(parse_citation_part(text)) == want


@pytest.mark.parametrize(("credit", "names"), [
    ("English translation by Anna Sample.", ["Anna Sample"]),
    ("Translated from the Russian by Anna Sample and Kim Example.", ["Anna Sample", "Kim Example"]),
    ("Translation: Anna Sample.", ["Anna Sample"]),
    ("Trans. by Anna Sample.", ["Anna Sample"]),
    ("Translated by Anna Sample; translation slightly revised by Kim Example.", ["Anna Sample", "Kim Example"]),
])
def test_translation_credits_of_several_forms(credit: str, names: list[str]) -> None:
    tail = ("\n\nAn invented summary.\n\nDocument Information\n\nSource\n\nEXA, f. 1, d. 2. " + credit +
            "\n\nRights\n\nReuse is free.\n\nRecord ID\n\n4242\n")
    rec = parse(page("Letter from Ivan Testov to Petar Examplov", tail=tail))
    assert [t.name for t in rec.translators] == names
    assert [c.repository for c in rec.citations] == ["EXA"]  # no language word left as an archive


def test_a_labels_full_stop_before_its_value_ends_no_sentence() -> None:
    (c,) = cited("Archiwum Akt Exemplarnych (AAE), KC XPZ, sygn. V/79, k. 1-10.")
    assert parts(c) == {"repository": "Archiwum Akt Exemplarnych (AAE)", "collection": "KC XPZ", "identifier": "V/79",
                        "folios": "1-10"}
    (c,) = cited("EXA, f. 3, d. 4. Obtained by Anna Sample.")  # a value, then the sentence ends
    assert (c.delo, c.note) == ("4", "Obtained by Anna Sample")


def test_an_archive_with_a_long_name_then_its_call_number_is_no_prose() -> None:
    (c,) = cited("Archives of the Ministry of Foreign Affairs of the Example People's Republic of Testland (EX FMA) "
                 "105-00123-05, 23-25.")
    assert (c.identifier, c.folios) == ("105-00123-05", "23-25")
    assert c.repository == "Archives of the Ministry of Foreign Affairs of the Example People's Republic of Testland (EX FMA)"
    # a sentence of prose about the document stays out of the citations
    cs = cited("EXA, f. 3, d. 4. The document was found in the archives of the ministry by a researcher in 1995 and "
               "shown at a conference.")
    assert [c.repository for c in cs] == ["EXA"]
