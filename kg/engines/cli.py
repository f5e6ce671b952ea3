"""``kg engine start|stop|status``: what the command prints."""

from __future__ import annotations

import os

from kg.config import Settings
from kg.engines import EngineError, engine_name, get_engine
from kg.engines.managed import ManagedVirtuoso


def _mib(n: int | None) -> str:
    return "?" if n is None else f"{n / (1 << 20):.0f} MiB"


def load_version(settings: Settings, version: str | None = None) -> int:
    """Load a kept version (default: the published one) into the engine (a new replica, an emptied engine). The
    engine's pointer moves only when it is the published version; otherwise `kg restore ID` will move it."""
    from kg.build import build_lock
    from kg.layout import BuildDir, OutDir

    if engine_name() == "embedded":
        raise EngineError("KG_ENGINE=embedded: the published version's own store is what is served; nothing to load")
    out = OutDir(settings.out_dir)
    engine = get_engine(settings.out_dir)
    with build_lock(out):
        current = out.current()
        target = BuildDir(out.builds / version) if version else current
        if target is None or not target.manifest_path.is_file():
            raise EngineError(f"no version {version or '(published)'} in {settings.out_dir}: run `kg build` first")
        engine.load_version(target)
        if current is not None and target.root == current.root:
            engine.activate(current.build_id, keep=[v.build_id for v in out.versions()])
            print(f"loaded version {target.build_id} into {engine.name} and published it there")
        else:
            print(f"loaded version {target.build_id} into {engine.name}; `kg restore {target.build_id}` publishes it")
    return 0


def engine_command(action: str, settings: Settings, version: str | None = None) -> int:
    managed = ManagedVirtuoso.for_out(settings.out_dir)
    if action == "start":
        if os.environ.get("KG_VIRTUOSO_URL"):
            raise EngineError("KG_VIRTUOSO_URL names a remote Virtuoso: it is started and stopped where it runs")
        info = managed.start()
        print(f"Virtuoso is running in {managed.home}")
        print(f"SPARQL endpoint (this machine only): {info['sparql']}")
        print(f"use it: KG_ENGINE=virtuoso kg build --out {settings.out_dir}   (or KG_VIRTUOSO_HOME={managed.home})")
        return 0
    if action == "load":
        return load_version(settings, version)
    if action == "stop":
        stopped = managed.stop()
        print(f"Virtuoso in {managed.home} {'stopped' if stopped else 'was not running'}")
        return 0
    # status
    name = engine_name()
    if name == "embedded" and managed.info() is None and not os.environ.get("KG_VIRTUOSO_URL"):
        st = get_engine(settings.out_dir).status()
        print(f"engine: embedded (pyoxigraph); current version {st['current'] or 'none'}; store {st['store']}")
        print(f"versions kept: {', '.join(st['versions']) or 'none'}")
        return 0
    from kg.engines.virtuoso import VirtuosoEngine

    try:
        eng = VirtuosoEngine.from_env(settings.out_dir)
    except EngineError as e:
        print(f"Virtuoso: not running ({e})")
        return 1
    st = eng.status()
    print(f"engine: virtuoso (KG_ENGINE={name})")
    print(f"SPARQL endpoint: {st['sparql']}")
    print(f"SQL port: {st['isql']}")
    if managed.info() is not None and not os.environ.get("KG_VIRTUOSO_URL"):
        print(f"home: {managed.home}; database {_mib(managed.disk_bytes())} on disk; server RSS {_mib(managed.rss_bytes())}")
    print(f"dataset: {st['dataset']}; published version: {st['current'] or 'none'}")
    if not st["versions"]:
        print("holds no version of this dataset")
    for v in st["versions"]:
        mark = "*" if v["current"] else " "
        triples = "" if v["triples"] is None else f"  {v['triples']} triples"
        print(f"{mark} {v['id']}  {v['state']}{triples}")
    return 0
