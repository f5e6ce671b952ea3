"""Every shape of the parties' and sending places' synthetic pages (kg.synth_parties.party_shapes, place_shapes) reads
back: the fresh family of kg.synth_variants is made to draw only these shapes."""

from __future__ import annotations

import random
from typing import Any

import pytest

import kg.synth_variants as sv
from kg import synth_parties
from kg.ingest.wilson import parse_page
from tests.test_synth import check_case


@pytest.mark.parametrize("shapes", [synth_parties.party_shapes, synth_parties.place_shapes])
def test_each_shape_reads_back(shapes: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    drawn: list[str] = []

    def only(rng: random.Random, date: Any, exp: dict[str, Any], head: list[str], body: list[str]) -> str:
        drawn.append(title := shapes(rng, date, exp, head, body))
        return title

    monkeypatch.setattr(sv, "fresh_title", only)
    rng = random.Random(404)
    titles: set[str] = set()
    failures = []
    for n in range(1200):
        drawn.clear()
        text, exp = sv.generate_variant(rng, n)
        if not drawn or exp.get("title") is None:
            continue
        titles.add(" ".join(exp["title"].split()[:3]))
        bad = check_case(parse_page(text, path=f"v{n}.txt"), exp)
        if bad:
            failures.append(f"{exp['title']}: " + "; ".join(bad[:3]))
    assert not failures, "\n".join(failures[:8])
    assert len(titles) >= 5  # the shapes were drawn (told apart by their first three words)
