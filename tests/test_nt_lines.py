"""N-Triples text is cut into lines at "\\n" only: a literal may hold U+2028, U+2029, NEL or a form feed as it is
(N-Triples escapes only \\n and \\r), where ``str.splitlines`` cuts it; a fragment then deduplicated against another
line's fragment broke the statement."""

from __future__ import annotations

import gzip
import shutil
from pathlib import Path

import pyoxigraph as ox
import yaml
from rdflib import Graph, Literal, URIRef

from kg import publish
from kg.build import build
from kg.config import Settings
from kg.dump_parts import read_dump
from kg.layout import OutDir
from kg.quads import nt_lines
from kg.store import open_store
from kg.synth import write_corpus

TAIL = "\u2028the same closing words"


def test_lines_are_cut_at_newlines_only() -> None:
    text = '<a> <p> "one\u2028two\u2029three\x85four\x0cfive\x1csix" .\n<b> <p> "x" .\n'
    assert nt_lines(text) == ['<a> <p> "one\u2028two\u2029three\x85four\x0cfive\x1csix" .\n', '<b> <p> "x" .\n']
    assert nt_lines("<a> <p> <b> .") == ["<a> <p> <b> ."]
    assert nt_lines("") == []
    assert "".join(nt_lines(text)) == text


def test_canonical_text_keeps_two_literals_with_the_same_tail() -> None:
    g = Graph()
    for s in ("a", "b"):
        g.add((URIRef(f"http://example.org/{s}"), URIRef("http://example.org/p"), Literal(s + TAIL)))
    text = publish.canonical_nt(g, "test")
    values = sorted(t.object.value for t in ox.parse(text.encode(), format=ox.RdfFormat.N_TRIPLES))
    assert values == ["a" + TAIL, "b" + TAIL]


def test_a_build_publishes_authority_texts_holding_a_line_separator(tmp_path: Path) -> None:
    settings = Settings.from_env(out_dir=tmp_path / "var")
    auth = tmp_path / "authorities"
    shutil.copytree(Path(settings.data_dir) / "authorities", auth)
    persons = yaml.safe_load((auth / "persons.yaml").read_text(encoding="utf-8"))
    changed = persons["entities"][:2]
    for e in changed:
        e["description"] = f"Described for {e['key']}" + TAIL
    (auth / "persons.yaml").write_text(yaml.safe_dump(persons, allow_unicode=True), encoding="utf-8")
    corpus = tmp_path / "corpus"
    write_corpus(corpus, count=3, seed=2)
    assert build([corpus], settings=settings, progress=False, workers=1, authorities_dir=auth).ok
    want = {f"Described for {e['key']}" + TAIL for e in changed}
    version = OutDir(tmp_path / "var").current()
    store = open_store(version.store)
    assert want <= {q.object.value for q in store.raw.quads_for_pattern(None, None, None)
                    if isinstance(q.object, ox.Literal)}
    dump = gzip.decompress(read_dump(version.dumps, "dataset.nq.gz"))
    assert want <= {q.object.value for q in ox.parse(dump, format=ox.RdfFormat.N_QUADS)
                    if isinstance(q.object, ox.Literal)}
