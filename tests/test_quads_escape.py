"""The mapping's escapes in C (str.replace, one regular expression) give what the per-character forms gave."""

from __future__ import annotations

import random

from kg.quads import _ESCAPES, _IRI_BAD, escape, iri_needs_escape, lit, nt_iri


def test_escape_is_the_translation_table() -> None:
    rng = random.Random(7)
    alphabet = 'ab \\"\n\r\t\u2028\u00e9\U0001f600'
    samples = ["", "plain", '\\"\n\r', "\\\\n", 'say "hi"\r\n', "x" * 5000 + '"'] + [
        "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 15))) for _ in range(3000)]
    for s in samples:
        assert escape(s) == s.translate(_ESCAPES), repr(s)
        assert lit(s)[0] == '"' + s.translate(_ESCAPES) + '"'


def test_iri_check_is_the_character_set() -> None:
    for i in list(range(0x300)) + [0x2028, 0xFEFF, 0x1F600]:
        c = chr(i)
        assert iri_needs_escape(f"https://example.org/a{c}b") == (c in _IRI_BAD), hex(i)
    assert nt_iri("https://example.org/a b") == "<https://example.org/a%20b>"
    assert nt_iri("https://example.org/ä") == "<https://example.org/ä>"
