"""The keys of the build's cached stages (light: imported by the names pass's workers too).

- parse: a page's file -> its record (:class:`kg.records.DocumentRecord`), by the parser's code;
- page: the record -> the page's statements, validation results, dump pieces and search row, by
  :func:`page_key`: the record's digest, the page's path, the page fingerprint
  (:func:`kg.build_workers.fingerprints`) and the merge decisions about its names.
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kg.records import DocumentRecord


def record_digest(rec: DocumentRecord) -> str:
    """A hash of a record's whole content (its fields, nested records, dates, text: the dataclasses' ``repr``,
    which holds no sets or unordered maps, so the same in every process), what the page stage's key is made from."""
    return hashlib.sha256(repr(rec).encode("utf-8", "surrogatepass")).hexdigest()[:40]


def page_key(fingerprint: str, path: str, record: str, merge_sig: str = "") -> str:
    """A page's cache key: the page fingerprint, its path, its record's digest (:func:`record_digest`) and the merge
    decisions about its names."""
    return hashlib.sha256(fingerprint.encode() + b"\0" + path.encode() + b"\0" + record.encode()
                          + (b"\0" + merge_sig.encode() if merge_sig else b"")).hexdigest()


def error_key(parse_fingerprint: str, path: str, data: bytes) -> str:
    """The cache key of a page that could not be parsed (its error depends on the parser and its bytes)."""
    return hashlib.sha256(b"error\0" + parse_fingerprint.encode() + b"\0" + path.encode() + b"\0" + data).hexdigest()
