"""The global validation pass of a derived version (kg.validate_global: only the nodes whose result may change are
validated again, the previous results kept for the others) reports exactly what the whole pass reports, on random
one-page edits (a page changed, added, removed) of pages with seeded cross-document violations: an alias naming
two entities, an entity said to be reconciled and not, an alias naming a node that is no agent or place, an
alias attested in a node that is no document, a person that is no agent, an entity without a label."""

from __future__ import annotations

import random

from kg.config import Settings
from kg.validate import Violation
from kg.validate_global import GlobalState, validate

BASE = "https://w3id.org/archive-kg/"
A = "https://w3id.org/archive-kg/ontology#"
TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
LABEL = "<http://www.w3.org/2000/01/rdf-schema#label>"
BOOL = "^^<http://www.w3.org/2001/XMLSchema#boolean>"
SETTINGS = Settings.from_env()


def _keep(focus: str) -> bool:
    return not focus.startswith(BASE + "id/document/")


def _page(rng: random.Random, n: int) -> list[str]:
    """The shared and context lines of one invented page: two persons of a small pool, one alias, and now and
    then a seeded fault (alone on its page or only together with another page)."""
    doc = f"<{BASE}id/document/d{n}>"
    out = [f"{doc} {TYPE} <{A}Document> .\n"]
    for _ in range(2):
        i = rng.randrange(8)
        p = f"<{BASE}id/person/u-p{i}>"
        out += [f"{p} {TYPE} <{A}Person> .\n", f"{p} {LABEL} \"P{i}\" .\n"]
        fault = rng.randrange(12)
        if fault != 0:
            out.append(f"{p} {TYPE} <{A}Agent> .\n")  # 0: a person that is no agent (here)
        if fault != 1:
            out.append(f"{p} <{A}reconciled> \"{'true' if fault == 2 else 'false'}\"{BOOL} .\n")  # 2: reconciled and not
        j = rng.randrange(4)
        al = f"<{BASE}id/alias/u-p{i}--a{j}>"
        target = p if fault != 3 else f"<{BASE}id/person/u-p{rng.randrange(8)}>"  # 3: the alias names another one
        if fault == 4:
            target = f"<{BASE}id/thing/t{i}>"  # no agent, no place
        attested = doc if fault != 5 else f"<{BASE}id/document/d{n}/flag/x>"  # no document
        out += [f"{al} {TYPE} <{A}Alias> .\n", f"{al} {LABEL} \"A{j}\" .\n", f"{al} <{A}aliasOf> {target} .\n",
                f"{al} <{A}attestedIn> {attested} .\n", f"{p} <{A}hasAlias> {al} .\n"]
        if fault == 6:
            q = f"<{BASE}id/person/u-q{n}>"  # an entity without a label
            out += [f"{q} {TYPE} <{A}Person> .\n", f"{q} {TYPE} <{A}Agent> .\n",
                    f"{q} <{A}reconciled> \"false\"{BOOL} .\n"]
    return out


def _key(vs: list[Violation]) -> list[str]:
    return sorted(v.line() for v in vs)


def test_the_derived_global_pass_equals_the_whole_pass(tmp_path) -> None:
    rng = random.Random(9)
    context_nt = f"<{BASE}id/place/x> {TYPE} <{A}Place> .\n<{BASE}id/place/x> {LABEL} \"X\" .\n" \
                 f"<{BASE}id/place/x> <{A}reconciled> \"true\"{BOOL} .\n"
    pages = {n: _page(rng, n) for n in range(12)}
    whole = validate(context_nt, [x for p in pages.values() for x in p], settings=SETTINGS, keep=_keep,
                     entities_only=True)
    assert whole.mode == "all"
    assert any(v.severity == "Violation" for v in whole.results)
    state = GlobalState(context_nt, whole.results, True, SETTINGS.base_iri)
    modes = set()
    for step in range(14):
        before = [x for p in pages.values() for x in p]
        what = ("change", "add", "remove")[step % 3]
        n = rng.choice(sorted(pages))
        if what == "change":
            pages[n] = _page(rng, n)
        elif what == "add":
            pages[max(pages) + 1] = _page(rng, max(pages) + 1)
        elif len(pages) > 2:
            del pages[n]
        lines = [x for p in pages.values() for x in p]
        derived = validate(context_nt, lines, settings=SETTINGS, keep=_keep, entities_only=True,
                           previous=(state, before))
        scratch = validate(context_nt, lines, settings=SETTINGS, keep=_keep, entities_only=True)
        assert _key(derived.results) == _key(scratch.results), (step, what, n)
        modes.add(derived.mode)
        if derived.mode == "delta":
            assert derived.lines < scratch.lines  # a neighbourhood, not everything
        state = GlobalState(context_nt, derived.results, True, SETTINGS.base_iri)
    assert "delta" in modes


def test_an_alias_collision_across_pages_appears_and_goes(tmp_path) -> None:
    doc = f"<{BASE}id/document/d1>"
    al = f"<{BASE}id/alias/u-a--cover>"

    def page(entity: str, d: str) -> list[str]:
        e = f"<{BASE}id/person/{entity}>"
        return [f"<{BASE}id/document/{d}> {TYPE} <{A}Document> .\n", f"{e} {TYPE} <{A}Person> .\n",
                f"{e} {TYPE} <{A}Agent> .\n", f"{e} {LABEL} \"{entity}\" .\n",
                f"{e} <{A}reconciled> \"false\"{BOOL} .\n", f"{al} {TYPE} <{A}Alias> .\n",
                f"{al} {LABEL} \"Cover\" .\n", f"{al} <{A}aliasOf> {e} .\n", f"{al} <{A}attestedIn> <{BASE}id/document/{d}> .\n"]

    one, two, other = page("u-a", "d1"), page("u-b", "d2"), page("u-a", "d2")
    first = validate("", one + other, settings=SETTINGS, keep=_keep, entities_only=True)
    assert not [v for v in first.results if v.severity == "Violation"]
    state = GlobalState("", first.results, True, SETTINGS.base_iri)
    clash = validate("", one + two, settings=SETTINGS, keep=_keep, entities_only=True, previous=(state, one + other))
    assert clash.mode == "delta"
    bad = [v for v in clash.results if v.severity == "Violation"]
    assert bad and bad[0].focus == al[1:-1] and bad[0].document == "d1, d2"
    assert _key(clash.results) == _key(validate("", one + two, settings=SETTINGS, keep=_keep, entities_only=True).results)
    state = GlobalState("", clash.results, True, SETTINGS.base_iri)
    back = validate("", one + other, settings=SETTINGS, keep=_keep, entities_only=True, previous=(state, one + two))
    assert back.mode == "delta" and _key(back.results) == _key(first.results)
    same = validate("", one + other, settings=SETTINGS, keep=_keep, entities_only=True,
                    previous=(GlobalState("", back.results, True, SETTINGS.base_iri), other + one))
    assert same.mode == "unchanged" and _key(same.results) == _key(first.results)
    del doc
