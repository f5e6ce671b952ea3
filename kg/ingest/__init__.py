"""The ingest stage: find source documents and read each into a :class:`kg.records.DocumentRecord`.

* ``*.txt`` — a Wilson Center Digital Archive page (``kg.ingest.wilson``); a ``<stem>.source.yaml`` sidecar
  beside it gives ``doc_id``, ``source_url``, ``publisher`` (and provenance notes).
* ``*.yaml`` / ``*.yml`` / ``*.json`` — a hand-curated record (``kg.ingest.curated``, docs/record-format.md).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import yaml

from kg.errors import IngestError
from kg.records import DocumentRecord

PAGE_SUFFIXES = (".txt",)
RECORD_SUFFIXES = (".yaml", ".yml", ".json")
SIDECAR_SUFFIX = ".source.yaml"
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the same documents as yaml.safe_load, 3x faster
MAX_BYTES = 20_000_000
ROOT = Path(__file__).resolve().parent.parent.parent


def _is_source(p: Path) -> bool:
    name = p.name
    if name.startswith(".") or name.endswith(SIDECAR_SUFFIX) or name.endswith(".source.yml"):
        return False
    return p.suffix.lower() in PAGE_SUFFIXES + RECORD_SUFFIXES


def iter_sources(paths: Iterable[Path]) -> Iterator[Path]:
    """Source files under ``paths`` (files or folders, recursive), sorted, no sidecars or hidden files."""
    for f in source_paths(paths):
        yield Path(f)


def source_paths(paths: Iterable[Path | str]) -> list[str]:
    """:func:`iter_sources` as strings (a build of 100k pages lists them in a fraction of a second: directory
    entries, no ``Path`` per file, no stat of a regular file)."""
    seen: set[str] = set()
    out: list[str] = []
    for p in paths:
        p = Path(p)
        if p.is_dir():
            found: list[tuple[tuple[str, ...], str]] = []  # sorted on the path parts, as sorting Paths does
            stack = [str(p)]
            while stack:
                top = stack.pop()
                with os.scandir(top) as it:
                    for e in it:
                        name = e.name
                        if name.startswith("."):
                            continue
                        if e.is_dir():  # (follows links, as os.walk(followlinks=True) did)
                            stack.append(e.path)
                        elif _is_source_name(name) and e.is_file():
                            found.append((tuple(e.path.split(os.sep)), e.path))
            found.sort()
            names = [f for _k, f in found]
        elif p.exists():
            names = [str(p)] if _is_source(p) or p.suffix.lower() not in PAGE_SUFFIXES + RECORD_SUFFIXES else []
            if p.name.endswith(SIDECAR_SUFFIX):
                names = []
        else:
            raise IngestError(str(p), "no such file or folder")
        for f in names:
            if f not in seen:
                seen.add(f)
                out.append(f)
    return out


def _is_source_name(name: str) -> bool:
    if name.endswith(SIDECAR_SUFFIX) or name.endswith(".source.yml"):
        return False
    dot = name.rfind(".")
    return dot > 0 and name[dot:].lower() in PAGE_SUFFIXES + RECORD_SUFFIXES


def display_path(path: Path) -> str:
    """``path`` relative to the project root when it is inside it."""
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


def read_text(path: Path) -> str:
    """A source file's text (UTF-8, BOM dropped). Binary junk and bad encodings raise IngestError."""
    shown = display_path(path)
    try:
        data = path.read_bytes()
    except OSError as e:
        raise IngestError(shown, f"cannot read: {e.strerror or e}") from e
    if len(data) > MAX_BYTES:
        raise IngestError(shown, f"file too large ({len(data)} bytes, limit {MAX_BYTES})", field="text")
    if not data.strip():
        raise IngestError(shown, "empty file", line=1, field="text")
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise IngestError(shown, "binary data (NUL bytes), not text", line=line, field="text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        raise IngestError(shown, f"not UTF-8 text (byte 0x{data[e.start]:02x} at offset {e.start})",
                          line=line, field="text") from e
    return text[1:] if text.startswith("\ufeff") else text


def read_sidecar(page: Path) -> dict[str, Any] | None:
    side = page.with_name(page.stem + SIDECAR_SUFFIX)
    if not side.exists():
        return None
    try:
        meta = yaml.load(read_text(side), Loader=_YAML_LOADER)  # a safe loader (libyaml's when built)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        raise IngestError(display_path(side), f"bad YAML: {getattr(e, 'problem', e)}",
                          line=mark.line + 1 if mark else None) from e
    if meta is None:
        return None
    if not isinstance(meta, dict):
        raise IngestError(display_path(side), "a sidecar must be a mapping of keys to values", line=1)
    for key in ("doc_id", "source_url", "publisher"):
        if key in meta and meta[key] is not None and not isinstance(meta[key], str):
            raise IngestError(display_path(side), f"{key} must be a string", field=key)
    return {k: (str(v) if v is not None else None) for k, v in meta.items()}


def parse_file(path: Path) -> DocumentRecord:
    """Read one source file (dispatch by its suffix)."""
    path = Path(path)
    suffix = path.suffix.lower()
    shown = display_path(path)
    if suffix in RECORD_SUFFIXES and not path.name.endswith(SIDECAR_SUFFIX):
        from kg.ingest.curated import parse_curated

        return parse_curated(path)
    if suffix in PAGE_SUFFIXES:
        from kg.ingest.wilson import parse_page

        text = read_text(path)
        meta = read_sidecar(path)
        return parse_page(text, path=shown, meta=meta)
    raise IngestError(shown, f"unknown source format {suffix or '(no suffix)'!r}: expected .txt, .yaml, .yml or .json")
