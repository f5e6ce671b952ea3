"""What a build reports (:class:`BuildResult`), its progress on stderr (:class:`Progress`), and its stages' times."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import IngestError


@dataclass
class BuildResult:
    ok: bool
    build_id: str | None = None
    published: Path | None = None
    documents: int = 0
    errors: list[IngestError] = field(default_factory=list)
    unreconciled: list[tuple[str, str, int, list[str]]] = field(default_factory=list)  # etype, name, count, doc ids
    stages: dict[str, float] = field(default_factory=dict)
    counts: dict = field(default_factory=dict)
    report_text: str = ""
    left_out: list[tuple[str, str]] = field(default_factory=list)  # (file, why): not published

    def summary(self) -> str:
        lines = []
        if self.published:
            lines.append(f"published build {self.build_id}: {self.documents} documents, "
                         f"{self.counts.get('triples', 0)} triples -> {self.published}")
        else:
            lines.append("nothing published")
        if self.left_out:
            lines.append(f"{len(self.left_out)} page(s) left out (partial build):")
            lines.extend(f"  {path}: {why}" for path, why in self.left_out)
        if self.unreconciled:
            lines.append(f"{len(self.unreconciled)} unreconciled name(s) (no authority entry; see dumps/unreconciled.tsv):")
            for etype, name, n, docs in self.unreconciled[:50]:
                more = f" +{len(docs) - 3} more" if len(docs) > 3 else ""
                lines.append(f"  {etype:<12} {name!r} x{n} in {', '.join(docs[:3])}{more}")
            if len(self.unreconciled) > 50:
                lines.append(f"  ... and {len(self.unreconciled) - 50} more")
        if self.stages:
            lines.append("stages: " + ", ".join(f"{k} {v:.2f}s" for k, v in self.stages.items()))
        return "\n".join(lines)


class Progress:
    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled and sys.stderr is not None
        self._last = 0.0
        self._t0 = time.perf_counter()

    def stage(self, name: str) -> None:
        if self.enabled:
            print(f"[kg build] {name} (at {time.perf_counter() - self._t0:.1f} s)", file=sys.stderr, flush=True)

    def bar(self, total: int, unit: str):
        """A progress bar with the rate and the time left (tqdm), or a silent stand-in."""
        import tqdm as _tqdm
        from tqdm import tqdm

        _tqdm.tqdm.monitor_interval = 0  # no monitor thread: the build forks its workers
        return tqdm(total=total, unit=" " + unit.rstrip("s"), disable=not self.enabled, file=sys.stderr, mininterval=1.0,
                    smoothing=0.1, desc="[kg build]   ", dynamic_ncols=True)


@contextmanager
def _timed(stages: dict[str, float], name: str) -> Iterator[None]:
    t0 = time.perf_counter()
    try:
        yield
    finally:
        stages[name] = stages.get(name, 0.0) + time.perf_counter() - t0
