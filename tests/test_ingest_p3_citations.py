"""The citation read as a grammar of parts (kg.ingest.wilson.citation_parts, citation_sources): an archive and a
published collection in one sentence, provenance notes, places after an archive, labels in several languages and
orders, the order a citation is written in, a page cut inside its citation.

Every citation here is invented, in the shapes the archive's pages use; each test states what a careful reader
reads from it (docs/page-fields.md, citations), and the negative tests what must not be read.
"""

from __future__ import annotations

import pytest

from kg.ingest.wilson.citation import parse_citation_part
from kg.records import ArchivalCitation
from tests.page_support import page, parse


def cited(source: str, end: str = "\n\nRights\n\nReuse is free.\n\nRecord ID\n\n4242\n") -> list[ArchivalCitation]:
    tail = f"\n\nAn invented summary.\n\nDocument Information\n\nSource\n\n{source}{end}"
    return parse(page("Letter from Ivan Testov to Petar Examplov", tail=tail)).citations


def parts(c: ArchivalCitation) -> dict[str, str]:
    return {k: v for k, v in vars(c).items() if v and k not in ("verbatim", "span", "heading")}


# -- archives and publications -------------------------------------------------------------------------------------

def test_an_archive_then_first_published_in_a_series_are_two_entries() -> None:
    cs = cited("TsEA, F. 12, Op. 3, D. 45, first published in Invented Working Paper 7. Original available in "
               "the Example Security Archive RADD Collection.")
    assert [parts(c) for c in cs] == [
        {"repository": "TsEA", "fond": "12", "opis": "3", "delo": "45", "kind": "archive"},
        {"collection": "Invented Working Paper 7", "kind": "publication"},
        {"repository": "Example Security Archive", "collection": "RADD Collection", "kind": "archive"}]


def test_an_archive_with_call_parts_glued_to_a_publication() -> None:
    cs = cited("EXDB, ZPA, J IV 2/202-123, first published in Invented Special Working Paper 2")
    assert [(c.kind, c.repository, c.collection, c.identifier) for c in cs] == [
        ("archive", "EXDB", "ZPA", "J IV 2/202-123"), ("publication", None, "Invented Special Working Paper 2", None)]


def test_a_volume_and_pages_of_an_archive_file_are_no_book() -> None:
    (c,) = cited("AMEX, Tesgrad/1987, vol. 3, pp. 171-172.")
    assert (c.kind, c.repository, c.volume, c.folios) == ("archive", "AMEX", "3", "171-172")


def test_a_book_with_a_volume_publisher_and_year_is_a_publication() -> None:
    (c,) = cited("A. Example, ed., Invented Papers, vol. 2 (Tesgrad: Test Press, 1999), 12-14.")
    assert (c.kind, c.collection) == ("publication", "A. Example, ed., Invented Papers, vol. 2 (Tesgrad: Test Press, "
                                                     "1999), 12-14")


def test_a_translation_from_a_second_book_is_a_second_publication() -> None:
    cs = cited("Invented Manuscripts, vol. 1 (Tesgrad: Test Press, 1987), 19; translation from A. Sample and B. "
               "Example, eds., Invented Documents (Exampleburg: Sample Books, 1996), 42-43.")
    assert [(c.kind, c.collection) for c in cs] == [
        ("publication", "Invented Manuscripts, vol. 1 (Tesgrad: Test Press, 1987), 19"),
        ("publication", "A. Sample and B. Example, eds., Invented Documents (Exampleburg: Sample Books, 1996), 42-43")]


def test_a_journal_article_across_a_full_stop_is_one_publication() -> None:
    (c,) = cited('A. Sample, "Invented Cards from History," Tesgrad. Sample Review, vol. 3 (1992), no. 12, pp. 7-9')
    assert (c.kind, c.collection) == ("publication", 'A. Sample, "Invented Cards from History," Tesgrad. Sample '
                                                     "Review, vol. 3 (1992), no. 12, pp. 7-9")


def test_a_working_paper_with_a_quoted_title_is_a_publication() -> None:
    (c,) = cited('Invented Working Paper 22, "Seventy Talks."')
    assert (c.kind, c.collection) == ("publication", 'Invented Working Paper 22, "Seventy Talks."')


# -- provenance and copies -------------------------------------------------------------------------------------

def test_document_obtained_by_is_provenance_and_the_town_is_no_collection() -> None:
    (c,) = cited("EXBA-Arch, Prague. Document obtained by Anna Sample and translated by Dora Example.")
    assert (c.repository, c.collection, c.note) == ("EXBA-Arch", None, "Document obtained by Anna Sample")


def test_a_copy_on_file_at_another_archive_is_another_entry() -> None:
    cs = cited("EXA RF; copy obtained by Invented Television, provided to the Project, and on file at Example "
               "Security Archive, Washington, D.C.;")
    assert [c.repository for c in cs] == ["EXA RF", "Example Security Archive"]
    assert cs[0].note == "copy obtained by Invented Television, provided to the Project"


# -- places and parents after an archive -------------------------------------------------------------------------

def test_a_town_and_its_state_after_a_library_are_no_collection() -> None:
    c = parse_citation_part("Example Collection, Manuscript Division, Library of Testing, Washington, DC")
    assert (c.repository, c.division, c.collection) == ("Library of Testing", "Manuscript Division",
                                                        "Example Collection")


def test_words_after_an_archive_that_are_no_place_stay_its_collection() -> None:
    c = parse_citation_part("Example National Archives (ENA), Budapest, Foreign Ministry, Top Secret Files, "
                            "XIX-J-I-j-Testland, 3.d.")
    assert (c.repository, c.collection, c.identifier, c.box) == (
        "Example National Archives (ENA)", "Foreign Ministry, Top Secret Files", "XIX-J-I-j-Testland", "3")


def test_a_parent_university_belongs_to_the_archive() -> None:
    c = parse_citation_part("Example Records Center, Testland Defense University, EX‐ABC‐D‐000‐393")
    assert (c.repository, c.identifier, c.collection) == ("Example Records Center, Testland Defense University",
                                                          "EX‐ABC‐D‐000‐393", None)


def test_a_university_library_is_itself_the_archive() -> None:
    c = parse_citation_part("Northfield University Library, Example Family Papers, Box 3, Folder 7")
    assert (c.repository, c.collection, c.box, c.papka) == ("Northfield University Library", "Example Family Papers",
                                                            "3", "7")


# -- the order of a citation: from the file up to the archive ------------------------------------------------------

@pytest.mark.parametrize(("text", "want"), [
    ("Sygnatura XI B7, KC XPZ, AEN, Warsaw", {"repository": "AEN", "identifier": "XI B7", "collection": "KC XPZ"}),
    ("Subject File No. 26, Papers of A. Sample, Example Memorial Museum and Library",
     {"repository": "Example Memorial Museum and Library", "collection": "Papers of A. Sample", "delo": "26"}),
    ("B-123-004, The Testland Legation, Reports of Invented Missions, Example Institute, Sample University",
     {"repository": "Example Institute, Sample University", "identifier": "B-123-004",
      "collection": "The Testland Legation, Reports of Invented Missions"}),
    ("Telegrams from Tesgrad 1962 (Cx 324), Ministry of Invented Relations Archives, Brasilia, Brazil",
     {"repository": "Ministry of Invented Relations Archives", "box": "324"}),
])
def test_a_citation_written_from_the_file_up_to_the_archive(text: str, want: dict[str, str]) -> None:
    c = parse_citation_part(text)
    assert {k: getattr(c, k) for k in want} == want


def test_a_citation_written_from_the_archive_down_keeps_its_first_archive() -> None:
    c = parse_citation_part("AEN, KC XPZ, 2724, k. 181-86")
    assert (c.repository, c.collection, c.identifier, c.folios) == ("AEN", "KC XPZ", "2724", "181-86")


# -- labels -------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "want"), [
    # Hungarian order: the number before "f." (fond) and "ö.e." (file)
    ("Example National Archives (Tesgrad), Department of Invented Papers, 288. f. 5/832. ö.e., pp. 20-24",
     {"fond": "288", "delo": "5/832", "folios": "20-24", "collection": "Department of Invented Papers"}),
    # a call number and its pages in one comma part
    ("EXDOC Archives, XYZ ab c 1968.06.15 pp. 149- 159",
     {"repository": "EXDOC Archives", "identifier": "XYZ ab c 1968.06.15", "folios": "149- 159"}),
    # a German volume ("Bd.") is no collection
    ("PA EX, Zwischenarchiv, Bd. 119564", {"repository": "PA EX", "collection": "Zwischenarchiv", "volume": "119564"}),
    # a record group is the fond, "File No." the file, its number with brackets
    ("Example State Archives, Record Group 130, File No. 17(1773)/76",
     {"repository": "Example State Archives", "fond": "130", "delo": "17(1773)/76"}),
    # a folder between the file and the leaves, all abbreviated
    ("EXA RF, f. 059a, op. 5a, d. 3, p. 11, l. 107", {"delo": "3", "papka": "11", "folios": "107"}),
    # Romanian folder and matter
    ("Archive of the Example Ministry (AEM), Folder 782/1978, Matter 220/F",
     {"repository": "Archive of the Example Ministry (AEM)", "papka": "782/1978", "identifier": "220/F"}),
])
def test_labels_in_several_languages_and_orders(text: str, want: dict[str, str]) -> None:
    c = parse_citation_part(text)
    assert {k: getattr(c, k) for k in want} == want


def test_a_russian_d_after_a_number_stays_the_file() -> None:
    """Only a Hungarian number before "d." is a box: "Op. 65. D. 830" is an opis and a delo."""
    (c,) = cited("EX RF. F. 3. Op. 65. D. 830. pp. 136-147.")
    assert (c.repository, c.fond, c.opis, c.delo, c.box, c.folios) == ("EX RF", "3", "65", "830", None, "136-147")


def test_a_title_word_that_looks_like_a_label_is_no_part() -> None:
    c = parse_citation_part("Example Archives, Documents of the Invented Committee, Files on Trade")
    assert (c.delo, c.collection) == (None, "Documents of the Invented Committee, Files on Trade")


def test_spaced_initials_are_kept_as_written() -> None:
    (c,) = cited("AP RF, f. 45, op. 1, d. 334, l. 141.")
    assert c.repository == "AP RF"


# -- the site's citation quoted again; a page cut inside its citation ---------------------------------------------

def test_the_sites_own_citation_quoted_inside_the_paragraph_is_left_out() -> None:
    (c,) = cited("\u201cInvented Journalist, Interview with Ivan Testov, Tesgrad,\u201d September 29, 1962, History "
                 "and Public Policy Program Digital Archive, 1962 Testland Estero 502, Invented Party Records, "
                 "Fondazione Example, Rome; obtained by Anna Sample.")
    assert (c.repository, c.identifier, c.collection) == ("Fondazione Example", "1962 Testland Estero 502",
                                                          "Invented Party Records")


def test_a_heading_cut_by_the_end_of_the_page_is_no_citation() -> None:
    assert cited("Original Arch", end="\n") == []


def test_a_word_cut_by_the_end_of_the_page_is_left_out() -> None:
    (c,) = cited("EXL OL X", end="\n")
    assert c.repository == "EXL OL"


def test_the_last_word_of_a_whole_citation_is_kept() -> None:
    (c,) = cited("EXL OL XIX-J-1-j Testland")
    assert (c.repository, c.identifier) == ("EXL OL", "XIX-J-1-j Testland")


def test_a_citation_paragraph_that_ends_the_page_with_a_full_stop_is_whole() -> None:
    (c,) = cited("Example Party Archive, Tesgrad.", end="\n")
    assert c.repository == "Example Party Archive"


# -- more shapes: a file's title in the archive's brackets, a book in author-title style, where it was presented --

def test_a_files_title_in_the_archives_brackets_is_no_part_of_its_name() -> None:
    c = parse_citation_part("Example Diplomatic Archives (\u201cInvented Matters: 1959-1975\u201d file), Tokyo")
    assert (c.repository, c.collection) == ("Example Diplomatic Archives", "\u201cInvented Matters: 1959-1975\u201d file")


def test_the_archives_own_abbreviation_in_brackets_stays_in_its_name() -> None:
    c = parse_citation_part("Example Central Archives (ECA), KC XPZ, XIA/615")
    assert c.repository == "Example Central Archives (ECA)"


def test_a_book_cited_author_title_city_publisher_year_is_one_publication() -> None:
    (c,) = cited("Anna Sample, ed. Invented Documents of the Bureau, 1956-1970. Tesgrad: Test Publishers, 1996.")
    assert (c.kind, c.collection) == ("publication", "Anna Sample, ed. Invented Documents of the Bureau, 1956-1970. "
                                                     "Tesgrad: Test Publishers, 1996")


def test_the_conference_a_document_was_presented_at_is_a_note_of_its_archive() -> None:
    (c,) = cited("EXARC. Invented Oral History Conference on Example Cooperation, Tesgrad, March 2012.")
    assert (c.repository, c.note) == ("EXARC", "Invented Oral History Conference on Example Cooperation, Tesgrad, "
                                                "March 2012")


def test_a_new_clause_ends_the_translators_names() -> None:
    tail = ("\n\nAn invented summary.\n\nDocument Information\n\nSource\n\nExample Ministry archives, obtained and "
            "translated by Invented Television, copy provided by Anna Sample; translation by Dora Example slightly "
            "revised\n\nRights\n\nReuse is free.\n\nRecord ID\n\n4242\n")
    rec = parse(page("Letter from Ivan Testov to Petar Examplov", tail=tail))
    assert [t.name for t in rec.translators] == ["Invented Television", "Dora Example"]


def test_copies_obtained_and_published_in_a_book_are_an_archive_and_a_publication() -> None:
    cs = cited('Example Secretariat files, copies obtained by the Invented Institute and published in "Invented '
               'Documents 1988-1989" (Tesgrad: Test Publishers, 1994) pp. 39-42.')
    assert [(c.kind, c.repository) for c in cs] == [("archive", "Example Secretariat files"), ("publication", None)]
    assert cs[1].collection == '"Invented Documents 1988-1989" (Tesgrad: Test Publishers, 1994) pp. 39-42'


INDENTED = ("Skip to content\n\nMarch 01, 1969\n\n\n    An invented summary of the talks between two invented leaders.\n"
            "    Anna Sample, ed. Invented Documents of the Bureau, 1956-1970. Tesgrad: Test Publishers, 1996. "
            "Translated for CWIHP by Dora Example.\nInvented Talks in Tesgrad\nMarch 3-4, 1969\n\n\n"
            "Testov: An invented remark on the border.\n\nExamplov: An invented reply.\n")


def test_an_unquoted_citation_pane_before_the_title() -> None:
    """The older layout without quotes: the summary and the citation indented under the date, then the title."""
    rec = parse(INDENTED)
    assert rec.title == "Invented Talks in Tesgrad"
    assert rec.summary == "An invented summary of the talks between two invented leaders."
    assert [(c.kind, c.collection) for c in rec.citations] == [
        ("publication", "Anna Sample, ed. Invented Documents of the Bureau, 1956-1970. Tesgrad: Test Publishers, 1996")]
    assert [t.name for t in rec.translators] == ["Dora Example"]


def test_an_indented_paragraph_without_a_citations_marks_is_no_citation_pane() -> None:
    rec = parse(INDENTED.replace("    Anna Sample, ed. Invented Documents of the Bureau, 1956-1970. Tesgrad: Test "
                                 "Publishers, 1996. Translated for CWIHP by Dora Example.\n", "    A second invented "
                                 "summary line without any marks of a citation.\n"))
    assert rec.layout != "indented-citation" and rec.citations == []


def test_an_archive_named_after_from_the_in_a_prose_citation() -> None:
    c = parse_citation_part("Selected Invented Documents obtained by Anna Sample, from the National Archives, "
                            "College park, Nixon Files Box 12/14")
    assert (c.repository, c.box) == ("National Archives", "12/14")
