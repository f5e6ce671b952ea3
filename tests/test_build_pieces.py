"""A page's dump pieces made in the build's workers (one parse of its N-Triples) are what
:func:`kg.publish.dump_pieces` makes of the same N-Triples, and a page read back from the cache (which keeps
only the compressed pieces) has every piece, count and line the freshly processed page had."""

from __future__ import annotations

import gzip
from pathlib import Path

from kg import build_workers as bw
from kg.authorities import Authorities
from kg.config import Settings
from kg.ingest import iter_sources
from kg.iris import IRIs
from kg.publish import dump_pieces
from kg.synth import write_corpus
from tests.conftest import DATA


def test_pieces_equal_publish_and_survive_the_cache(tmp_path: Path) -> None:
    write_corpus(tmp_path / "corpus", count=24, seed=9)
    settings = Settings.from_env(out_dir=tmp_path / "var")
    iris = IRIs(settings.base_iri)
    auth = Authorities.load(DATA / "authorities")
    ctx = auth.to_graph(iris).serialize(format="nt")
    state = bw.WorkerState(settings=settings, authorities=auth, iris=iris, context_nt=ctx, fingerprint="t",
                           cache_dir=tmp_path / "cache", documents_graph=str(iris.graph("documents")))
    bw.init(state)
    paths = [str(p) for p in iter_sources([tmp_path / "corpus"])]
    fresh = bw.process_batch(paths).docs
    again = bw.process_batch(paths).docs
    assert len(fresh) == 24 and not any(d.cached for d in fresh) and all(d.cached for d in again)
    for d, c in zip(fresh, again, strict=True):
        nt = d.pieces["load.nt"]
        assert d.own == "" and nt.count(b"\n") == d.stats[0] > 50  # (its N-Triples are sent once: load.nt)
        want = dump_pieces(nt, state.documents_graph)
        for name, data in want.items():
            got = d.pieces[name]
            if name.endswith(".gz"):
                got, data = gzip.decompress(got), gzip.decompress(data)
            assert got == data, (d.path, name)
        assert c.pieces == d.pieces and (c.stats, c.shared, c.context, c.doc_id) == (d.stats, d.shared, d.context, d.doc_id)
