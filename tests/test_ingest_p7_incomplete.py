"""Is the page cut (docs/page-fields.md, incomplete, and "Record ID and incomplete" of the second round)? The
archive's rights statement is whole only with its enquiry sentence; a page that stops in the blocks before
"Document Information" is cut; an older-layout text ending in an abbreviation that wants its number, or in the
editors' "[…]" whose footnote marks have no notes, is cut.

Every page here is invented; the negative tests say what is not a cut page.
"""

from __future__ import annotations

import pytest

from kg.ingest.wilson.metadata import rights_whole
from tests.page_support import page, parse

FIRST = ("The History and Public Policy Program welcomes reuse of Digital Archive materials for research and "
         "educational purposes.")
ENQUIRY = ("To enquire about this document's rights status or request permission for commercial use, please contact "
           "the History and Public Policy Program at happ@example.org.")


def ending_in_rights(rights: str) -> str:
    return page("Letter from Ivan Testov to Petar Examplov",
                tail=f"\n\nAn invented summary.\n\nDocument Information\n\nSource\n\nEXA, f. 1, d. 2.\n\nRights\n\n{rights}\n")


@pytest.mark.parametrize(("rights", "cut"), [
    (FIRST, True),  # the page stops after the statement's first sentence
    (FIRST + "\n\nTo enquire about this d", True),  # inside its enquiry sentence
    (FIRST + "\n\n" + ENQUIRY, False),  # whole
    ("This invented document is in the public domain.", False),  # another statement: a full stop ends it
])
def test_the_rights_statement_is_whole_only_with_its_enquiry_sentence(rights: str, cut: bool) -> None:
    assert parse(ending_in_rights(rights)).incomplete is cut


def test_rights_whole() -> None:
    assert rights_whole(FIRST + " " + ENQUIRY)
    assert not rights_whole(FIRST + " please contact the History and Public Policy Program at [")
    assert rights_whole("Reuse is free.")


def test_a_page_that_stops_in_the_blocks_before_document_information_is_cut() -> None:
    text = page("Letter from Ivan Testov to Petar Examplov", "The talks ended today.",
                tail="\n\nAn invented summary.\n\nAuthor(s):\n\nAssociated People & Organizations\n")
    assert parse(text).incomplete is True
    whole = page("Letter from Ivan Testov to Petar Examplov", "The talks ended today.")
    assert parse(whole).incomplete is False


OLD = ("Search in\n\nDigital Archive International History Declassified\n\n"
       "January 23, 1976\n\n  • Citation\n\n    get citation\n\n    An invented summary.\n"
       "    \"Letter from Testov to Examplov,\" January 23, 1976, History and Public Policy Program "
       "Digital Archive, Invented Papers 1976, 19/551, Example Foreign Ministry Archive (EFMA), Testville.\n"
       "  • share document\n\nEnglish HTML\n\n{text}\n")


@pytest.mark.parametrize(("text", "cut"), [
    ("We enclose a copy of the decision, Reference no.", True),  # the number the abbreviation wants is cut off
    ("The talks went on.[1] We will write again. […]", True),  # a footnote mark and no note: the notes are cut
    ("The talks went on.[1] We will write again. […]\n\n[1] An invented note on the talks.", False),
    ("The talks went on. We will write again. […]", False),  # the editors' excerpt mark alone
    ("The talks went on. We will write again.", False),
])
def test_the_older_layouts_cut_text(text: str, cut: bool) -> None:
    assert parse(OLD.format(text=text)).incomplete is cut
