"""The ``kg`` command. It only parses arguments and calls the library.

Exit codes (as the README lists them, for every command): 0 success; 1 general error; 2 bad input (a file or
argument that cannot be used: the message names file, line and field); 3 validation failed (nothing published);
4 build error; 5 query error; 6 enrichment error; 7 partial (`kg build --keep-going` left pages out); 130
interrupted.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from kg.config import Settings
from kg.errors import BadInput, IngestError, KGError


def _existing(path: str) -> Path:
    """A file named on the command line: one that does not exist is bad input (exit status 2)."""
    p = Path(path)
    if not p.is_file():
        raise IngestError(path, "no such file" if not p.exists() else "not a file")
    return p

PARTIAL = 7  # kg build --keep-going published, but left out the pages its summary lists


def _settings(args: argparse.Namespace) -> Settings:
    return Settings.from_env(
        out_dir=Path(args.out) if getattr(args, "out", None) else None,
        base_iri=getattr(args, "base_iri", None),
    )


def cmd_build(args: argparse.Namespace) -> int:
    from kg.build import build

    settings = _settings(args)
    paths = [Path(p) for p in args.paths] or [settings.data_dir / "documents"]
    result = build(
        paths,
        settings=settings,
        keep_going=args.keep_going,
        progress=not args.quiet,
        authorities_dir=Path(args.authorities) if args.authorities else None,
        rehash=args.rehash,
    )
    print(result.summary())
    return 0 if result.ok else PARTIAL


def cmd_parse(args: argparse.Namespace) -> int:
    from kg.ingest import parse_file

    record = parse_file(_existing(args.file))
    print(json.dumps(record.to_json(), ensure_ascii=False, indent=2))
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    from kg.validate import validate_file

    report = validate_file(_existing(args.file), settings=_settings(args))
    print(report.text)
    return 0 if report.conforms else 3


def cmd_query(args: argparse.Namespace) -> int:
    from kg.query import run_query

    text = args.sparql
    if text == "-":
        text = sys.stdin.read()
    elif text.startswith("@"):
        text = Path(text[1:]).read_text(encoding="utf-8")
    out = run_query(text, settings=_settings(args), endpoint=args.endpoint, fmt=args.format)
    sys.stdout.write(out)
    if not out.endswith("\n"):
        sys.stdout.write("\n")
    return 0


def cmd_load(args: argparse.Namespace) -> int:
    from kg.build import load_files

    n = load_files([_existing(f) for f in args.files], graph=args.graph, settings=_settings(args))
    print(f"loaded {n} triples")
    return 0


def cmd_versions(args: argparse.Namespace) -> int:
    from kg.build import list_versions

    rows = list_versions(_settings(args))
    if not rows:
        print("no published version")
        return 1
    for r in rows:
        mark = "*" if r["current"] else " "
        print(f"{mark} {r['id']}  {r['created']}  {r['documents']} documents  {r['triples']} triples")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from kg.build import list_versions, restore_version

    settings = _settings(args)
    kept = [r["id"] for r in list_versions(settings)]
    if args.version not in kept:
        raise BadInput(f"no kept version {args.version!r} (kept: {', '.join(kept) or 'none'})")
    b = restore_version(args.version, settings)
    print(f"current version is now {b.build_id}")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from server import serve  # the only place the pipeline side touches the server

    serve(settings=_settings(args), host=args.host, port=args.port, threads=args.threads)
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from kg import exports
    from kg.layout import OutDir
    from kg.store import open_store

    settings = _settings(args)
    current = OutDir(settings.out_dir).current()
    if current is None:
        raise FileNotFoundError(f"nothing published in {settings.out_dir}: run `kg build` first")
    store = open_store(current.store)
    text = (exports.mixnmatch(store, settings.base_iri) if args.what == "mixnmatch"
            else exports.quickstatements(store, settings.base_iri, args.property))
    if args.file:
        Path(args.file).write_text(text, encoding="utf-8")
        print(f"wrote {args.file}")
    else:
        sys.stdout.write(text)
    return 0


def cmd_engine(args: argparse.Namespace) -> int:
    from kg.engines.cli import engine_command

    return engine_command(args.action, _settings(args), args.version)


def cmd_synth(args: argparse.Namespace) -> int:
    from kg.synth import write_corpus

    n = write_corpus(Path(args.dest), count=args.count, seed=args.seed)
    print(f"wrote {n} synthetic pages to {args.dest}")
    return 0


def cmd_enrich(args: argparse.Namespace) -> int:
    from kg.enrich import enrich

    n, path = enrich(_settings(args), endpoint=args.endpoint, timeout=args.timeout)
    print(f"{n} triples cached in {path}; the next `kg build` adds them as graph/enrichment")
    return 0


def cmd_link(args: argparse.Namespace) -> int:
    from kg import link

    settings = _settings(args)
    if args.keep_apart:
        import datetime as dt

        from kg.authorities.merge import keep_apart

        print(keep_apart(settings, args.keep_apart, dt.date.today().isoformat()))
        return 0
    if args.accept or args.reject:
        print(link.decide(settings, accept=args.accept, reject=args.reject))
        return 0
    names = link.propose(settings, endpoint=args.endpoint, timeout=args.timeout)
    pending = [n for n in names if n.get("decision") == "pending" and n.get("candidates")]
    print(f"{len(pending)} names with candidates waiting for a decision in {link.candidates_path(settings)}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="kg", description="archive-kg: build and publish the collection as linked data")
    p.add_argument("--base-iri", help="base IRI of minted entities (default: $KG_BASE_IRI or https://w3id.org/archive-kg/)")
    sub = p.add_subparsers(dest="command", required=True)

    b = sub.add_parser("build", help="ingest, validate, load and publish the collection")
    b.add_argument("paths", nargs="*", help="files or folders of source documents (default: data/documents)")
    b.add_argument("--out", help="output folder (default: var/)")
    b.add_argument("--authorities", help="folder of authority files (default: data/authorities)")
    b.add_argument("--keep-going", action="store_true", help="leave out pages that fail to parse or to validate, publish the rest (exit status 7, partial)")
    b.add_argument("--quiet", action="store_true", help="no progress output")
    b.add_argument("--rehash", action="store_true", help="read every file and compare its content with the published "
                   "version's, not only its size and modification time (a file changed without its time changing)")
    b.set_defaults(func=cmd_build)

    pa = sub.add_parser("parse", help="print the record extracted from one source document (JSON)")
    pa.add_argument("file")
    pa.set_defaults(func=cmd_parse)

    v = sub.add_parser("validate", help="validate an RDF file against the SHACL shapes")
    v.add_argument("file")
    v.set_defaults(func=cmd_validate)

    q = sub.add_parser("query", help="run a SPARQL query on the local store or a remote endpoint")
    q.add_argument("sparql", help="the query, @FILE to read it from a file, or - for standard input")
    q.add_argument("--endpoint", help="a remote SPARQL endpoint URL (queried through SPARQLWrapper)")
    q.add_argument("--out", help="build folder of the local store (default: var/)")
    q.add_argument("--format", default="table", choices=["table", "json", "csv", "tsv", "xml", "turtle", "ntriples"])
    q.set_defaults(func=cmd_query)

    lo = sub.add_parser("load", help="add RDF files to the published store as named graphs")
    lo.add_argument("files", nargs="+")
    lo.add_argument("--graph", help="named graph IRI (default: one graph per file, named by its file IRI)")
    lo.add_argument("--out", help="build folder (default: var/)")
    lo.set_defaults(func=cmd_load)

    ve = sub.add_parser("versions", help="list the published versions kept on disk (* = current)")
    ve.add_argument("--out", help="build folder (default: var/)")
    ve.set_defaults(func=cmd_versions)

    rs = sub.add_parser("restore", help="make a kept version the current one again (atomic switch)")
    rs.add_argument("version", help="version id, as `kg versions` lists it")
    rs.add_argument("--out", help="build folder (default: var/)")
    rs.set_defaults(func=cmd_restore)

    s = sub.add_parser("serve", help="serve the published build over HTTP (SPARQL, dumps, linked data)")
    s.add_argument("--out", help="build folder (default: var/)")
    s.add_argument("--host", default="127.0.0.1")
    s.add_argument("--port", type=int, default=8080)
    s.add_argument("--threads", type=int, default=32, help="WSGI threads (more than KG_QUERY_MAX_WORKERS, so short requests are served while long queries run)")
    s.set_defaults(func=cmd_serve)

    ex = sub.add_parser("export", help="Wikidata workflow exports: Mix'n'match catalog, QuickStatements")
    ex.add_argument("what", choices=["mixnmatch", "quickstatements"])
    ex.add_argument("--file", help="write to this file (default: standard output)")
    ex.add_argument("--property", help="Wikidata property of our identifier (default: $KG_WIKIDATA_PROPERTY or P_ARCHIVE_KG)")
    ex.add_argument("--out", help="build folder (default: var/)")
    ex.set_defaults(func=cmd_export)

    eg = sub.add_parser("engine", help="a managed local Virtuoso (KG_ENGINE=virtuoso): start, stop, status; load "
                                       "the published version into the engine (a new replica)")
    eg.add_argument("action", choices=["start", "stop", "status", "load"])
    eg.add_argument("--out", help="build folder; the engine lives in OUT/engine or $KG_VIRTUOSO_HOME (default: var/)")
    eg.add_argument("--version", help="load: this kept version instead of the published one")
    eg.set_defaults(func=cmd_engine)

    sy = sub.add_parser("synth", help="write a synthetic corpus of archive pages (tests, benchmarks)")
    sy.add_argument("dest")
    sy.add_argument("--count", type=int, default=100)
    sy.add_argument("--seed", type=int, default=1)
    sy.set_defaults(func=cmd_synth)

    en = sub.add_parser("enrich", help="fetch labels, coordinates, dates of Wikidata-linked entities into a cache")
    en.add_argument("--endpoint", help="Wikidata-compatible SPARQL endpoint (default: $KG_WIKIDATA_ENDPOINT or Wikidata's)")
    en.add_argument("--timeout", type=float, default=60, help="seconds to wait for the endpoint")
    en.add_argument("--out", help="build folder; the cache is OUT/cache/enrichment (default: var/)")
    en.set_defaults(func=cmd_enrich)

    li = sub.add_parser("link", help="propose Wikidata IDs for unreconciled names; record curator decisions")
    li.add_argument("--endpoint", help="Wikidata-compatible SPARQL endpoint (default: $KG_WIKIDATA_ENDPOINT or Wikidata's)")
    li.add_argument("--timeout", type=float, default=60, help="seconds to wait for the endpoint")
    li.add_argument("--accept", metavar="NAME=QID", help="accept a proposed QID: adds an authority entry with it")
    li.add_argument("--reject", metavar="NAME", help="reject the candidates proposed for NAME")
    li.add_argument("--keep-apart", metavar="NAME", help="never merge the unreconciled name NAME with other names "
                    "of the same family name (undoes an automatic merge from the next build on)")
    li.add_argument("--out", help="build folder of the published build (default: var/)")
    li.set_defaults(func=cmd_link)

    return p


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except KGError as e:
        print(f"kg {args.command}: {e}", file=sys.stderr)
        return e.exit_code
    except FileNotFoundError as e:
        print(f"kg {args.command}: {e}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
