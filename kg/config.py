"""Settings: base IRI, paths. Read from the environment (``KG_*``) with documented defaults.

The base IRI names every entity we mint. It does not depend on where a server runs: a server on
127.0.0.1 serves ``{base}id/person/joseph-stalin`` at ``http://127.0.0.1:PORT/id/person/joseph-stalin``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_BASE_IRI = "https://w3id.org/archive-kg/"
ONTOLOGY_NS = "https://w3id.org/archive-kg/ontology#"


@dataclass(frozen=True)
class Settings:
    base_iri: str = DEFAULT_BASE_IRI
    data_dir: Path = PROJECT_ROOT / "data"
    out_dir: Path = PROJECT_ROOT / "var"
    ontology_dir: Path = PROJECT_ROOT / "ontology"
    shapes_dir: Path = PROJECT_ROOT / "shapes"

    @classmethod
    def from_env(cls, **overrides: object) -> Settings:
        base = os.environ.get("KG_BASE_IRI", DEFAULT_BASE_IRI)
        if not base.endswith(("/", "#")):
            base += "/"
        values: dict[str, object] = {"base_iri": base}
        if "KG_DATA_DIR" in os.environ:
            values["data_dir"] = Path(os.environ["KG_DATA_DIR"])
        if "KG_OUT_DIR" in os.environ:
            values["out_dir"] = Path(os.environ["KG_OUT_DIR"])
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)  # type: ignore[arg-type]
