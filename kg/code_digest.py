"""What code a cached stage of the build runs, hashed as what runs rather than as the bytes of its files.

A cache entry (a page's record, a page's output) is valid while the code that made it does the same thing. Hashing
the files' bytes threw every entry away at any edit, a comment or a docstring included (a build from scratch: 20-40
minutes at 100k pages). Here each module counts by its syntax tree without docstrings, comments, blank lines or
formatting (:func:`module_digest`), and a stage counts the modules it runs: those its entry modules import, directly
or through others, statically (:func:`closure`; imports inside functions included). A stage boundary stops the walk
where a stage hands its result on (the mapping stops at :mod:`kg.ingest`: it reads the record, which is hashed
itself), and modules a stage imports for other purposes (the store, the dump parts) are named and left out.

What still counts: any change to a statement, an expression, a name, a constant (a string that is not a docstring),
a decorator, an annotation. What does not: comments, docstrings, blank lines, line breaks, parentheses, quotes.
A change that does not change what is computed but changes the tree (a renamed local, a refactor) still counts: the
cache cannot know, and errs towards work.
"""

from __future__ import annotations

import ast
import hashlib
import importlib.metadata
import os
from collections.abc import Iterable
from pathlib import Path

KG = Path(__file__).resolve().parent
PACKAGE = "kg"

# (path, size, mtime_ns) -> (digest, modules imported): in this process, and in a file between processes
# (parsing ~70 modules twice took ~1 s of CPU a build; the file is read in ~2 ms). Like Python's own bytecode
# cache, a file is taken as unchanged while its size and modification time are.
_known: dict[tuple[str, int, int], tuple[str, frozenset[str]]] = {}
_loaded: set[Path] = set()


def _strip_docstrings(tree: ast.AST) -> ast.AST:
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) \
                    and isinstance(body[0].value.value, str):
                node.body = body[1:] or [ast.Pass()]
    return tree


def normalized(source: str | bytes) -> str:
    """The syntax tree of Python source without its docstrings, as text (no line numbers, no comments)."""
    return ast.dump(_strip_docstrings(ast.parse(source)), annotate_fields=False, include_attributes=False)


def module_digest(path: Path) -> str:
    """SHA-256 of :func:`normalized` of a Python file (of its bytes for anything else)."""
    return _info(path)[0]


def _info(path: Path) -> tuple[str, frozenset[str]]:
    st = os.stat(path)
    k = (str(path), st.st_size, st.st_mtime_ns)
    got = _known.get(k)
    if got is None:
        data = path.read_bytes()
        if path.suffix == ".py":
            tree = ast.parse(data)
            mods = frozenset(_imports(tree, path)) if path.is_relative_to(KG) else frozenset()
            body = ast.dump(_strip_docstrings(tree), annotate_fields=False, include_attributes=False).encode()
        else:
            body, mods = data, frozenset()
        got = _known[k] = (hashlib.sha256(body).hexdigest(), mods)
    return got


def remembered(cache_file: Path | None):
    """A context in which what is learnt about files is kept in ``cache_file`` (read first; written if it grew)."""
    import contextlib
    import pickle

    @contextlib.contextmanager
    def ctx():
        if cache_file is None:
            yield
            return
        if cache_file not in _loaded:
            try:
                _known.update(pickle.loads(cache_file.read_bytes()))
            except Exception:  # none yet, or unreadable: learnt again
                pass
            _loaded.add(cache_file)
        before = len(_known)
        yield
        if len(_known) != before:
            try:
                cache_file.parent.mkdir(parents=True, exist_ok=True)
                mine = {k: v for k, v in _known.items() if os.path.exists(k[0])}
                tmp = cache_file.with_name(f".{cache_file.name}.{os.getpid()}")
                tmp.write_bytes(pickle.dumps(mine, protocol=pickle.HIGHEST_PROTOCOL))
                os.replace(tmp, cache_file)
            except OSError:  # (a read-only cache folder)
                pass

    return ctx()


def module_file(module: str) -> Path | None:
    """The file of a module of this package (``kg.a.b`` -> ``kg/a/b.py`` or ``kg/a/b/__init__.py``), or None."""
    parts = module.split(".")
    if parts[0] != PACKAGE:
        return None
    base = KG.joinpath(*parts[1:])
    for f in (base.with_suffix(".py"), base / "__init__.py"):
        if f.is_file():
            return f
    return None


def _module_name(path: Path) -> str:
    rel = path.relative_to(KG).with_suffix("")
    parts = [PACKAGE, *rel.parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> set[str]:
    """The modules of this package a file imports (anywhere in it, ``if TYPE_CHECKING:`` blocks left out), with the
    packages they are in (importing ``kg.a.b`` runs ``kg/a/__init__.py``)."""
    return set(_info(path)[1])


def _imports(tree: ast.AST, path: Path) -> set[str]:
    here = _module_name(path)
    package = here if path.name == "__init__.py" else here.rpartition(".")[0]
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _is_type_checking(child.test):
                for stmt in child.orelse:
                    visit(stmt)
                continue
            if isinstance(child, ast.Import):
                found.update(a.name for a in child.names)
            elif isinstance(child, ast.ImportFrom):
                base = child.module or ""
                if child.level:
                    up = package.split(".")
                    up = up[: len(up) - child.level + 1]
                    base = ".".join([*up, base] if base else up)
                found.add(base)
                found.update(f"{base}.{a.name}" for a in child.names)  # (a submodule, or a name: kept if a module)
            visit(child)

    visit(tree)
    out = set()
    for name in found:
        parts = name.split(".")
        if parts[0] != PACKAGE:
            continue
        for i in range(1, len(parts) + 1):
            if module_file(".".join(parts[:i])) is not None:
                out.add(".".join(parts[:i]))
    return out


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def closure(entries: Iterable[str], *, stop: Iterable[str] = (), leave_out: Iterable[str] = ()) -> list[Path]:
    """The files of the modules ``entries`` run: themselves and what they import, transitively. The walk does not
    enter ``stop`` (a module or package: a stage boundary) nor ``leave_out`` (modules imported for other work), and
    neither is in the result."""
    stop, leave_out = tuple(stop), set(leave_out)

    def excluded(m: str) -> bool:
        return m in leave_out or any(m == s or m.startswith(s + ".") for s in stop)

    seen: set[str] = set()
    todo = [m for m in entries if not excluded(m)]
    while todo:
        m = todo.pop()
        if m in seen:
            continue
        seen.add(m)
        f = module_file(m)
        if f is None:
            continue
        todo.extend(x for x in imports(f) if x not in seen and not excluded(x))
    return sorted(f for m in seen if (f := module_file(m)) is not None)


def digest(files: Iterable[Path], *, libraries: Iterable[str] = ()) -> str:
    """One hash of code files (:func:`module_digest`, by their path under ``kg/``) and the installed versions of
    ``libraries`` (a new serializer or validator can change a page's output as much as our code)."""
    h = hashlib.sha256()
    for f in sorted(set(files)):
        name = str(f.relative_to(KG)) if f.is_relative_to(KG) else f.name
        h.update(name.encode() + b"\0" + module_digest(f).encode() + b"\0")
    for lib in libraries:
        try:
            version = importlib.metadata.version(lib)
        except importlib.metadata.PackageNotFoundError:
            version = "-"
        h.update(f"{lib}=={version}\0".encode())
    return h.hexdigest()
