"""The recognizer's outputs are frozen: a digest of the sorted mentions (with their resolutions) of every synthetic
bench text (alone, and 50 joined into one long page) and of 500 ``kg synth`` pages' bodies, computed before the recognizer was made faster
(``tests/fixtures/recognize_frozen.json``, written by ``python -m bench.recognize_frozen --write``). A text whose
input changed (the parser's mentions, the synthetic generator) is skipped; a recognizer change that changes an
output must rewrite the file on purpose. The held-out texts (``/tmp/recog-*``, never committed) are compared when
present."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.recognize_frozen import compare, freeze, heldout_texts

FROZEN = Path(__file__).parent / "fixtures" / "recognize_frozen.json"


@pytest.fixture(scope="module")
def frozen() -> dict:
    return json.loads(FROZEN.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def now() -> dict:
    return freeze(heldout=any(True for _ in heldout_texts()))


def test_synthetic_outputs_unchanged(frozen: dict, now: dict) -> None:
    synthetic = {k: v for k, v in frozen.items() if k in ("bench", "long", "synth")}
    total = sum(len(v) for v in synthetic.values())
    compared, skipped, differ = compare(synthetic, now)
    assert not differ, f"{len(differ)} texts recognized differently: {differ[:10]}"
    assert compared >= 0.5 * total, (f"only {compared} of {total} inputs unchanged (parser or generator changed): "
                                     "rewrite the file from main with python -m bench.recognize_frozen --write")


def test_heldout_outputs_unchanged(frozen: dict, now: dict) -> None:
    if "heldout" not in now:
        pytest.skip("no held-out texts on this machine")
    compared, _skipped, differ = compare({"heldout": frozen.get("heldout", {})}, now)
    assert not differ, f"{len(differ)} held-out texts recognized differently: {differ[:10]}"
    assert compared > 0
