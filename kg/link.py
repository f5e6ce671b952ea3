"""``kg link``: candidate Wikidata IDs for unreconciled names, for a curator to accept or reject.

``kg link`` reads the unreconciled names of the published build (``dumps/unreconciled.tsv``), asks a
Wikidata-compatible endpoint through SPARQLWrapper for items whose label is exactly that name, and writes the
candidates to ``data/curation/link-candidates.yaml``. Nothing is linked by that: ``kg link --accept NAME=QID``
records the curator's decision and only then adds an authority entry with the QID (its ``wikidata_source``
names the decision); ``kg link --reject NAME`` records a rejection, so the name is not proposed again.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

import yaml

from kg.config import Settings
from kg.enrich import DEFAULT_ENDPOINT, EnrichError, ask
from kg.errors import KGError
from kg.iris import slug
from kg.layout import OutDir

AUTHORITY_FILES = {"person": "persons.yaml", "place": "places.yaml", "organization": "organizations.yaml"}
QID = re.compile(r"^Q[1-9][0-9]*$")


class LinkError(KGError):
    exit_code = 2


def candidates_path(settings: Settings) -> Path:
    return Path(settings.data_dir) / "curation" / "link-candidates.yaml"


def _literal(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def candidate_query(names: list[str]) -> str:
    values = " ".join(f"{_literal(n)}@en" for n in names)
    return f"""PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX schema: <http://schema.org/>
SELECT ?name ?item ?label ?description WHERE {{
  VALUES ?name {{ {values} }}
  {{ ?item rdfs:label ?name }} UNION {{ ?item skos:altLabel ?name }}
  OPTIONAL {{ ?item rdfs:label ?label FILTER(LANG(?label) = "en") }}
  OPTIONAL {{ ?item schema:description ?description FILTER(LANG(?description) = "en") }}
}} LIMIT 500"""


def load_candidates(settings: Settings) -> list[dict]:
    p = candidates_path(settings)
    if not p.is_file():
        return []
    data = yaml.safe_load(p.read_text(encoding="utf-8")) or {}
    return list(data.get("names", []))


def save_candidates(settings: Settings, names: list[dict]) -> None:
    p = candidates_path(settings)
    p.parent.mkdir(parents=True, exist_ok=True)
    header = ("# Candidate Wikidata links for names no authority entry covers (written by `kg link`).\n"
              "# Nothing here is linked until a curator decides: kg link --accept 'NAME=QID' or --reject 'NAME'.\n")
    tmp = p.with_suffix(".tmp")
    tmp.write_text(header + yaml.safe_dump({"names": names}, allow_unicode=True, sort_keys=False), encoding="utf-8")
    os.replace(tmp, p)


def propose(settings: Settings, *, endpoint: str | None = None, timeout: float = 60.0, limit: int = 200) -> list[dict]:
    """Ask the endpoint for candidates for every unreconciled name not decided yet; returns the updated list."""
    endpoint = endpoint or os.environ.get("KG_WIKIDATA_ENDPOINT", DEFAULT_ENDPOINT)
    current = OutDir(Path(settings.out_dir)).current()
    if current is None:
        raise KGError(f"nothing published in {settings.out_dir}: run `kg build` first")  # exit 1, as kg export
    tsv = current.dumps / "unreconciled.tsv"
    names: dict[str, dict] = {}
    for line in tsv.read_text(encoding="utf-8").splitlines()[1:]:
        etype, name, n, docs = (line.split("\t") + ["", "", ""])[:4]
        if etype in AUTHORITY_FILES and name not in names:
            names[name] = {"name": name, "type": etype, "occurrences": int(n or 0), "documents": docs.split()[:5]}
    existing = {c["name"]: c for c in load_candidates(settings)}
    todo = [n for n in names if existing.get(n, {}).get("decision", "pending") == "pending"][:limit]
    found: dict[str, dict[str, dict]] = {n: {} for n in todo}
    if todo:
        try:
            rows = ask(endpoint, candidate_query(todo), timeout)
        except EnrichError as e:
            raise EnrichError(str(e).replace("the cache was left as it was",  # exit 6: the endpoint failed
                                             "the candidates file was left as it was")) from e
        for b in rows:
            name = b.get("name", {}).get("value")
            qid = b.get("item", {}).get("value", "").rsplit("/", 1)[-1]
            if name in found and QID.match(qid):
                found[name].setdefault(qid, {"qid": qid, "label": b.get("label", {}).get("value", ""),
                                             "description": b.get("description", {}).get("value", "")})
    out = []
    for name, info in names.items():
        entry = existing.get(name, {**info, "decision": "pending"})
        if name in found:
            entry.update(info)
            entry["candidates"] = sorted(found[name].values(), key=lambda c: int(c["qid"][1:]))
            entry["asked"] = {"endpoint": endpoint, "date": dt.date.today().isoformat()}
        out.append(entry)
    save_candidates(settings, out)
    return out


def decide(settings: Settings, *, accept: str | None = None, reject: str | None = None) -> str:
    """Record a curator's decision. Accepting adds an authority entry carrying the QID; nothing else links."""
    entries = load_candidates(settings)
    by_name = {e["name"]: e for e in entries}
    today = dt.date.today().isoformat()
    if reject is not None:
        if reject not in by_name:
            raise LinkError(f"{reject!r} is not in {candidates_path(settings)}; run `kg link` first")
        by_name[reject]["decision"] = "rejected"
        by_name[reject]["decided"] = today
        save_candidates(settings, entries)
        return f"rejected the candidates for {reject!r}"
    if accept is None or "=" not in accept:
        raise LinkError("use --accept 'NAME=QID'")
    name, qid = (part.strip() for part in accept.rsplit("=", 1))
    if name not in by_name:
        raise LinkError(f"{name!r} is not in {candidates_path(settings)}; run `kg link` first")
    entry = by_name[name]
    if qid not in {c["qid"] for c in entry.get("candidates", [])}:
        raise LinkError(f"{qid} is not among the candidates proposed for {name!r}: "
                        f"{', '.join(c['qid'] for c in entry.get('candidates', [])) or 'none'}")
    if entry.get("decision") == "accepted":
        raise LinkError(f"{name!r} was already accepted as {entry.get('qid')}")
    path = Path(settings.data_dir) / "authorities" / AUTHORITY_FILES[entry["type"]]
    key = slug(name)
    text = path.read_text(encoding="utf-8")
    if re.search(rf"^\s*-?\s*key:\s*{re.escape(key)}\s*$", text, re.MULTILINE):
        raise LinkError(f"{path} already has an entry with key {key!r}: add the QID there by hand")
    indent = re.search(r"^(\s*)- key:", text, re.MULTILINE)
    pad = indent.group(1) if indent else ""
    chosen = next(c for c in entry["candidates"] if c["qid"] == qid)
    asked = entry.get("asked", {})
    new = (f"{pad}- key: {key}\n"
           f"{pad}  label: {_yaml_str(name)}\n"
           + (f"{pad}  description: {_yaml_str(chosen['description'])}\n" if chosen.get("description") else "")
           + f"{pad}  wikidata: {qid}\n"
           f"{pad}  wikidata_source: {_yaml_str(f'curator decision {today} (kg link --accept) among candidates found by exact label on ' + str(asked.get('endpoint', '?')) + ' on ' + str(asked.get('date', '?')))}\n"
           + (f"{pad}  wikidata_retrieved: '{str(asked['date'])[:10]}'\n"
              if re.match(r"^\d{4}-\d{2}-\d{2}", str(asked.get("date", ""))) else "")
           + f"{pad}  curator_note: {_yaml_str('unreconciled name in ' + ', '.join(entry.get('documents', [])))}\n")
    path.write_text(text.rstrip("\n") + "\n" + new, encoding="utf-8")
    entry.update({"decision": "accepted", "qid": qid, "decided": today, "authority": f"{entry['type']}/{key}"})
    save_candidates(settings, entries)
    return f"accepted {qid} for {name!r}: added {entry['type']}/{key} to {path}"


def _yaml_str(text: str) -> str:
    return yaml.safe_dump(text, allow_unicode=True, width=10_000).strip().removesuffix("...").strip()
