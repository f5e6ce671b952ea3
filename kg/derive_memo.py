"""What a build keeps to skip work it did before: the dump pieces of the graphs that are no page's own
(:class:`TailPieces`), and the parsed authority files and ontology (:func:`memo`)."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

from kg.derive_index import _read_pickle, _write_pickle

T = TypeVar("T")


class TailPieces:
    """The dump pieces of the graphs that are no page's own (the entities' statements, the authorities, the
    ontology), kept with each version (``tail-pieces.pkl``) by the hash of their N-Triples: a derived version whose
    graph did not change takes them from there (at 100k pages the entities' statements alone took 1-2 s to write
    in every format)."""

    FILE = "tail-pieces.pkl"

    def __init__(self, previous: Path | None) -> None:
        self.old: dict[str, dict[str, bytes]] = {}
        self.new: dict[str, dict[str, bytes]] = {}
        self.previous = previous
        if previous is not None and (previous / self.FILE).is_file():
            try:
                self.old = _read_pickle(previous / self.FILE)  # type: ignore[assignment]
            except Exception:  # unreadable: made again
                self.old = {}

    def pieces(self, text: str, graph: str) -> dict[str, bytes]:
        from kg import publish

        key = hashlib.sha256(graph.encode() + b"\0" + text.encode("utf-8")).hexdigest()
        got = self.old.get(key)
        if got is None:
            got = publish.dump_pieces(text.encode("utf-8"), graph)
        self.new[key] = got
        return got

    def save(self, root: Path) -> None:
        if self.previous is not None and self.old and set(self.new) == set(self.old):
            os.link(self.previous / self.FILE, root / self.FILE)  # the same pieces: not written again
            return
        _write_pickle(root / self.FILE, self.new)


_KG = Path(__file__).parent
MEMO_KEEP = 4  # entries kept a kind in OUT/cache/memo


def memo(cache: Path, kind: str, inputs: Iterable[Path], make: Callable[[], T]) -> T:
    """What ``make()`` returns for these input files, kept in ``cache/memo/`` by a hash of their names and bytes (and
    of the code under ``kg/`` it is made and unpickled with: ``kind``'s inputs list it). A republish reads the
    authority files and the ontology again each time: 0.35 s (YAML) and 0.15 s (Turtle, canonical N-Triples) of CPU
    that the pickles take in ~5 ms."""
    h = hashlib.sha256(kind.encode() + b"\0")
    for f in inputs:
        if f.is_file():
            h.update(str(f.name).encode() + b"\0" + f.read_bytes() + b"\0")
    folder = cache / "memo"
    path = folder / f"{kind}-{h.hexdigest()[:32]}.pkl"
    try:
        got = _read_pickle(path)
        os.utime(path)
        return got  # type: ignore[return-value]
    except Exception:  # none yet (or unreadable): made again
        pass
    value = make()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + f".{os.getpid()}.tmp")
        _write_pickle(tmp, value)
        os.replace(tmp, path)
        old = sorted(folder.glob(f"{kind}-*.pkl"), key=lambda p: p.stat().st_mtime)
        for p in old[:-MEMO_KEEP]:
            p.unlink(missing_ok=True)
    except OSError:  # (a read-only cache: no memo)
        pass
    return value


def authorities(auth_dir: Path, cache: Path) -> object:
    """:meth:`kg.authorities.Authorities.load` of ``auth_dir``, through :func:`memo`."""
    from kg.authorities import Authorities

    code = sorted((_KG / "authorities").glob("*.py")) + sorted((_KG / "recognize").glob("*.py"))
    return memo(cache, "authorities", sorted(Path(auth_dir).glob("*")) + code, lambda: Authorities.load(auth_dir))


def ontology_nt(settings: object, cache: Path) -> str:
    """The ontology graph's canonical N-Triples (:func:`kg.publish.canonical_nt`), through :func:`memo`."""
    from kg import publish
    from kg.build_graphs import ontology_graph

    files = sorted(Path(settings.ontology_dir).glob("*.ttl"))  # type: ignore[attr-defined]
    return memo(cache, "ontology", [*files, _KG / "publish.py", _KG / "build_graphs.py"],
                lambda: publish.canonical_nt(ontology_graph(settings), "ontology"))  # type: ignore[arg-type]
