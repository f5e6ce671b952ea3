"""What every blueprint shares: settings, IRIs, and the store of the published build.

The published build is whatever ``OUT/current`` points to. When a new build is switched in, the next
request sees it (the store is reopened when the link's target changes); requests under way finish on the
store they started with.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from flask import current_app

from kg.config import Settings
from kg.iris import IRIs
from kg.layout import BuildDir, OutDir
from kg.store import OxigraphStore, open_store

T = TypeVar("T")


@dataclass
class ServerState:
    settings: Settings
    config: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.iris = IRIs(self.settings.base_iri)
        self.out = OutDir(Path(self.settings.out_dir))
        self._lock = threading.Lock()
        self._build: BuildDir | None = None
        self._store: OxigraphStore | None = None
        self._per_build: dict[str, tuple[Path, Any]] = {}
        self._per_build_lock = threading.Lock()

    def build(self) -> BuildDir:
        current = self.out.current()
        if current is None:
            raise FileNotFoundError(f"nothing published in {self.out.root}: run `kg build` first")
        return current

    def store(self) -> OxigraphStore:
        """The read-only store of the published build (reopened after a switch)."""
        current = self.build()
        with self._lock:
            if self._store is None or self._build is None or self._build.root != current.root:
                self._store = open_store(current.store, read_only=True)
                self._build = current
            return self._store

    def per_build(self, name: str, factory: Callable[[], T]) -> T:
        """A value computed once per published build (an index, a history), computed anew after a switch."""
        root = self.build().root
        with self._per_build_lock:
            hit = self._per_build.get(name)
            if hit is None or hit[0] != root:
                hit = (root, factory())
                self._per_build[name] = hit
            return hit[1]


def state() -> ServerState:
    return current_app.extensions["archive-kg"]
