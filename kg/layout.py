"""Where a build lives on disk. Shared by the pipeline (which writes it) and the server (which reads it).

::

    OUT/                      default var/
      builds/<build-id>/      one published version, never changed once switched in
        store/                the embedded pyoxigraph store
        dumps/                void.ttl, validation-report.ttl, validation-report.txt, SHA256SUMS,
                              parts.json + parts/ (dataset.ttl, .nt.gz, .nq.gz, .jsonld in parts, some
                              hard-linked from the previous version: kg.dump_parts), or those as single files
        build.json            id, date, counts, checksums, unreconciled names, flags
      current -> builds/<id>  symlink, replaced atomically when a new build is published
      dumps -> current/dumps  convenience link
      staging/                builds in progress (removed on failure)
      search/<build-id>.sqlite  full-text index shared by the versions derived from that build (kg.search_versions;
                              each version's search.json names it and the version's number)
      cache/                  caches that survive rebuilds (enrichment answers, pages: pruned to the kept versions')
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class BuildDir:
    root: Path

    @property
    def store(self) -> Path:
        return self.root / "store"

    @property
    def dumps(self) -> Path:
        return self.root / "dumps"

    @property
    def manifest_path(self) -> Path:
        return self.root / "build.json"

    def manifest(self) -> dict[str, Any]:
        return json.loads(self.manifest_path.read_text(encoding="utf-8"))

    @property
    def build_id(self) -> str:
        return self.root.name


@dataclass(frozen=True)
class OutDir:
    root: Path

    @property
    def builds(self) -> Path:
        return self.root / "builds"

    @property
    def staging(self) -> Path:
        return self.root / "staging"

    @property
    def cache(self) -> Path:
        return self.root / "cache"

    @property
    def current_link(self) -> Path:
        return self.root / "current"

    def current(self) -> BuildDir | None:
        """The published build, or None if nothing was published yet."""
        link = self.current_link
        if not link.exists():
            return None
        return BuildDir(link.resolve())

    def versions(self) -> list[BuildDir]:
        if not self.builds.is_dir():
            return []
        return [BuildDir(p) for p in sorted(self.builds.iterdir()) if (p / "build.json").is_file()]

    def switch_to(self, build: BuildDir) -> None:
        """Publish ``build`` atomically: a new symlink is renamed over ``current``."""
        self.root.mkdir(parents=True, exist_ok=True)
        tmp = self.root / f".current.{os.getpid()}"
        if tmp.is_symlink() or tmp.exists():
            tmp.unlink()
        os.symlink(os.path.relpath(build.root, self.root), tmp)
        os.replace(tmp, self.current_link)
        dumps = self.root / "dumps"
        if not dumps.is_symlink():
            if dumps.exists():
                raise FileExistsError(f"{dumps} exists and is not a link")
            os.symlink(os.path.join("current", "dumps"), dumps)
