"""The archives' sigla the parser knows, from the authorities' archives file (``data/authorities/archives.yaml``).

A citation may glue an archive's siglum to its collection's ("PA AA MfAA, ZR 1898/86": the archive ``PA AA``, its
collection ``MfAA``); the sigla of the authorities' file say where the archive's name ends
(:func:`split_known_siglum`). The file is part of what the parse stage depends on: :data:`DATA_FILES` is hashed
into the parse fingerprint (``kg.build_workers``), so an edit of it re-parses the pages.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

ARCHIVES_FILE = Path(__file__).resolve().parents[3] / "data" / "authorities" / "archives.yaml"
DATA_FILES = (ARCHIVES_FILE,)

# a siglum: one to three words of letters each with two capitals or more ("AVP RF", "SAPMO-BArch", "TsKhSD")
_SIGLUM_WORD = r"(?:[A-Z][A-Za-z]*[A-Z][A-Za-z]*(?:-[A-Z][A-Za-z]*)*|Ts[A-Z]\w*)"
_SIGLUM = re.compile(_SIGLUM_WORD + r"(?:\s+" + _SIGLUM_WORD + r"){0,2}")
_BRACKETED = re.compile(r"\((?P<s>[^()]{2,20})\)\s*$")


def _load(path: Path) -> frozenset[str]:
    """Every siglum a variant of the file gives, alone ("PA AA") or in brackets after the name ("... (AMSZ)")."""
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except OSError:
        return frozenset()
    out: set[str] = set()
    for ent in (data or {}).get("entities", []):
        for v in ent.get("variants", []):
            text = str(v.get("text", "")).strip() if isinstance(v, dict) else str(v).strip()
            bm = _BRACKETED.search(text)
            for cand in (text, bm["s"].strip() if bm else ""):
                if cand and _SIGLUM.fullmatch(cand):
                    out.add(cand)
    return frozenset(out)


KNOWN_SIGLA: frozenset[str] = _load(ARCHIVES_FILE)


def split_known_siglum(repo: str) -> tuple[str, str] | None:
    """A siglum run that opens with a known archive's siglum and goes on with another siglum or code ("PA AA
    MfAA" -> ("PA AA", "MfAA")): the archive and what follows it; None when the run is one known siglum, when none
    opens it, or when what follows is not a siglum (a name, a number)."""
    words = repo.split()
    if len(words) < 2 or repo in KNOWN_SIGLA:
        return None
    for k in range(len(words) - 1, 0, -1):
        head, tail = " ".join(words[:k]), " ".join(words[k:])
        if head in KNOWN_SIGLA and re.fullmatch(_SIGLUM_WORD + r"(?:\s+" + _SIGLUM_WORD + r")*", tail):
            return head, tail
    return None
