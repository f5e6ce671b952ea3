"""The SPARQL guard (server/sparql_guard.py) against the real parser: pyoxigraph is the oracle.

Every generated query is run in pyoxigraph in this process (which has the network) beside a listener on
127.0.0.1 that answers like a SPARQL endpoint. The property: if pyoxigraph connected, the guard refused the query.
The queries are built from the pieces where two parsers can disagree: comments ended by every kind of line end,
strings of every quoting with escapes, IRIs holding ``#`` and keywords, ``\\u`` escapes, keyword case, look-alike
letters, ``SILENT``, prefixed names and ``BASE``.
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from server.sparql_guard import Refused, inspect
from tests.listener import Listener

LINE_ENDS = ["\n", "\r", "\r\n", "\n\r", "\u2028", "\u2029", "\x0b", "\x0c", "\x85", "\x00", ""]
SPACE = st.sampled_from([" ", "\t", "\n", "\r", "\r\n", "", "  "])


@pytest.fixture(scope="module")
def listener():
    lst = Listener()
    try:
        yield lst
    finally:
        lst.close()


@pytest.fixture(scope="module")
def store() -> ox.Store:
    s = ox.Store()
    s.add(ox.Quad(ox.NamedNode("http://e/a"), ox.NamedNode("http://e/p"), ox.Literal("x"),
                  ox.NamedNode("http://e/g")))
    return s


def keyword(word: str) -> st.SearchStrategy[str]:
    """The keyword in any case, sometimes spelt with a ``\\u`` escape or a look-alike letter."""
    def spell(flags: list[int]) -> str:
        out = []
        for ch, f in zip(word, flags, strict=False):
            out.append({0: ch.lower(), 1: ch.upper(), 2: f"\\u{ord(ch.upper()):04X}", 3: {"S": "\u017f", "K": "\u212a"}.get(
                ch.upper(), ch)}[f])
        return "".join(out)
    return st.lists(st.sampled_from([0, 1, 1, 1, 0, 2, 3]), min_size=len(word), max_size=len(word)).map(spell)


def hiding(target: str) -> st.SearchStrategy[str]:
    """Text before the SERVICE clause that may (or may not) swallow it for one parser and not the other."""
    escapes = st.sampled_from(["\\\"", "\\'", "\\\\", "\\u0022", "\\u0027", "\\u000D", "\\u000A", "\\n", "\\r",
                               "\\u0023", "\\u003E", "#", ">", "'", '"', "''", '""', "x"])
    body = st.lists(escapes, max_size=3).map("".join)
    return st.one_of(
        st.tuples(st.just("#"), body, st.sampled_from(LINE_ENDS)).map("".join),  # a comment
        st.tuples(st.sampled_from(["'", '"', "'''", '"""']), body, st.sampled_from(["'", '"', "'''", '"""', ""]))
        .map(lambda t: f"?s ?p {t[0]}{t[1]}{t[2]} ."),  # a string, maybe left open
        body.map(lambda b: f"?s ?p <http://e/{b}> ."),  # an IRI
        st.just(""),
    )


@st.composite
def queries(draw: st.DrawFn, url: str) -> str:
    service = draw(keyword("SERVICE"))
    silent = draw(st.sampled_from(["", " SILENT", " silent", " \\u0053ILENT"]))
    target = draw(st.sampled_from([f"<{url}/sparql>", "ex:sparql", "<sparql>", "?e"]))
    prologue = draw(st.sampled_from(["", f"PREFIX ex: <{url}/> ", f"BASE <{url}/> ", f"prefix ex:<{url}/>\n"]))
    binding = f"VALUES ?e {{ <{url}/sparql> }} " if target == "?e" else ""
    before = draw(hiding(target))
    after = draw(st.sampled_from(["", "\n", " # x", "\r"]))
    form = draw(st.sampled_from(["SELECT * WHERE", "select *", "ASK", "CONSTRUCT { ?a ?b ?c } WHERE"]))
    return (f"{prologue}{form} {{ {binding}{before}{draw(SPACE)}{service}{silent} {target} {{ ?a ?b ?c }}"
            f"{after}{draw(SPACE)}}}")


def engine_connects(store: ox.Store, listener: Listener, query: str) -> bool:
    before = listener.count()
    try:
        res = store.query(query, use_default_graph_as_union=True, base_iri="http://127.0.0.1:9/sparql")
        if isinstance(res, ox.QuerySolutions | ox.QueryTriples):
            list(res)
    except (SyntaxError, OSError, ValueError, RuntimeError):
        pass
    return listener.count() > before


def verdict(query: str) -> str:
    try:
        inspect(query, local_graphs=["http://e/g"], base_iri="http://127.0.0.1:9/sparql")
    except Refused as e:
        return f"refused {e.status}"
    return "accepted"


@settings(max_examples=400, deadline=None, database=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
@example(data=None)  # the probe of issue 12, below
def test_engine_never_fetches_what_the_guard_accepts(listener: Listener, store: ox.Store, data) -> None:
    if data is None:
        q = f"SELECT * WHERE {{ # c\r SERVICE <{listener.url}/sparql> {{ ?a ?b ?c }} }}"
    else:
        q = data.draw(queries(listener.url))
    if engine_connects(store, listener, q):
        assert verdict(q).startswith("refused"), f"the guard accepted a query pyoxigraph fetches for: {q!r}"


def test_the_generator_reaches_the_engine(listener: Listener, store: ox.Store) -> None:
    """The fuzzing means something: many generated queries do make pyoxigraph connect (and all are refused)."""
    from hypothesis import find

    found = find(queries(listener.url), lambda q: "#" in q and "\r" in q and engine_connects(store, listener, q),
                 settings=settings(max_examples=2000, database=None, suppress_health_check=list(HealthCheck)))
    assert verdict(found).startswith("refused")


@pytest.mark.parametrize("query", [
    "SELECT * WHERE { ?s ?p 'SERVICE <http://x/> { }' }",
    "SELECT * WHERE { ?s ?p ?o } # SERVICE <http://x/> { }",
    "SELECT * WHERE { ?s <http://x/SERVICE> ?o }",
    "PREFIX ex: <http://e/> SELECT * WHERE { ?s ex:sentFrom ?o }",
    "SELECT * FROM <http://e/g> WHERE { ?s ?p ?o }",
    "SELECT * WHERE { ?s ?p '''a\rb''' }",
    "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
])
def test_harmless_mentions_are_accepted(query: str) -> None:
    assert verdict(query) == "accepted"


@pytest.mark.parametrize("query,status", [
    ("SELECT * WHERE { SERVICE <http://x/> { ?s ?p ?o } }", 403),
    ("SELECT * WHERE { # c\r SERVICE <http://x/> { ?s ?p ?o } }", 403),
    ("SELECT * WHERE { # c\r SERVICE <http://x/> { ?s ?p ?o } \n }", 403),
    ("SELECT * WHERE { # c\r\n sErViCe SILENT <http://x/> { ?s ?p ?o } }", 403),
    ("PREFIX e: <http://x/> SELECT * WHERE { SERVICE e:q { ?s ?p ?o } }", 403),
    ("SELECT * WHERE { VALUES ?e { <http://x/> } SERVICE ?e { ?s ?p ?o } }", 403),
    ("SELECT * FROM <http://x/data.ttl> WHERE { ?s ?p ?o }", 400),
    ("SELECT * FROM NAMED <http://x/data.ttl> WHERE { GRAPH ?g { ?s ?p ?o } }", 400),
    ("BASE <http://e/> SELECT * FROM <h> WHERE { ?s ?p ?o }", 400),
    ("SELECT * WHERE { SERVICE <http://x/> { ?s ?p ?o ", 400),  # unreadable and mentions SERVICE
    ("LOAD <http://x/from.ttl>", 403),  # an update that mentions FROM
])
def test_refusals(query: str, status: int) -> None:
    assert verdict(query) == f"refused {status}"


def test_allow_list_is_matched_after_prefixes_and_base() -> None:
    allow = ["http://allowed.example/sparql"]
    for q in ("SELECT * WHERE { SERVICE <http://allowed.example/sparql> { ?s ?p ?o } }",
              "PREFIX a: <http://allowed.example/> SELECT * WHERE { SERVICE a:sparql { ?s ?p ?o } }",
              "BASE <http://allowed.example/> SELECT * WHERE { SERVICE <sparql> { ?s ?p ?o } }"):
        inspect(q, service_allow=allow)
    with pytest.raises(Refused):
        inspect("BASE <http://other.example/> SELECT * WHERE { SERVICE <sparql> { ?s ?p ?o } }", service_allow=allow)


@pytest.mark.parametrize("query,var", [
    ("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "n"),
    ("select (count(*) as ?triples) { ?a ?b ?c }", "triples"),
    ("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?s }", None),
    ("SELECT (COUNT(DISTINCT *) AS ?n) WHERE { ?s ?p ?o }", None),
    ("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o } LIMIT 0", None),
    ("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", None),
    ("SELECT (COUNT(*) AS ?n) FROM <http://e/g> WHERE { ?s ?p ?o }", None),
    ("SELECT (COUNT(*) AS ?n) WHERE { ?s a ?o }", None),
    ("SELECT ?s (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?s", None),
])
def test_whole_store_count_is_recognised_exactly(query: str, var: str | None) -> None:
    assert inspect(query, local_graphs=["http://e/g"]).count_var == var
