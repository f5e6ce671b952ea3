"""The validation report file a build writes (kg.validate_global.write_report): the same graph as
kg.validate.report_from, the same bytes whatever the order of equal results' objects, readable Turtle."""

from __future__ import annotations

from rdflib import Graph
from rdflib.compare import isomorphic

from kg.validate import Violation, report_from
from kg.validate_global import write_report

SH = "http://www.w3.org/ns/shacl#"
EX = "https://example.org/"


def _v(focus: str, severity: str = "Warning", path: str | None = "<https://example.org/p/title>",
       message: str = "a title is expected", value: str | None = None) -> Violation:
    sev = f"<{SH}{severity}>"
    terms = (f"<{EX}{focus}>", path, f"<{SH}MinCountConstraintComponent>", f"<{EX}shapes#DocShape>", sev,
             '"' + message.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"', value)
    return Violation(document=focus, focus=EX + focus, field="title", rule="MinCount DocShape", message=message,
                     value=None, severity=severity, terms=terms)


def _results() -> list[Violation]:
    return [
        _v("d1", "Violation"),
        _v("d2"),
        _v("d2"),  # the same result twice: two results in the report, as pyshacl's graph has
        _v("d3", path="^<https://example.org/p/cites>", message='quoted "name"\nand a line break'),
        _v("d4", value='"Ivan Petrov"@ru'),
    ]


def test_report_file_is_the_graph_report_from_makes(tmp_path):
    results = _results()
    text = write_report(results, "pyshacl", tmp_path)
    got = Graph().parse(tmp_path / "validation-report.ttl", format="turtle")
    want = report_from(results, engine="pyshacl").graph
    assert len(got) == len(want) == 3 + 5 * (2 + 6) + 1 + 1  # report; results; d4 value; the inverse path node
    assert isomorphic(got, want)
    assert text.startswith("does not conform: 1 violation(s), 4 warning(s)")
    assert (tmp_path / "validation-report.txt").read_text(encoding="utf-8") == text + "\nvalidated by pyshacl\n"


def test_report_file_bytes_are_stable(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    write_report(_results(), "pyshacl", a)
    write_report([_v(v.document or "", v.severity, v.terms[1], v.message, v.terms[6]) for v in _results()],
                 "pyshacl", b)
    assert (a / "validation-report.ttl").read_bytes() == (b / "validation-report.ttl").read_bytes()
    write_report(_results()[:-1], "pyshacl", b)
    assert (a / "validation-report.ttl").read_bytes() != (b / "validation-report.ttl").read_bytes()


def test_conforming_report(tmp_path):
    text = write_report([], "shacl-rust", tmp_path)
    g = Graph().parse(tmp_path / "validation-report.ttl", format="turtle")
    assert text == "conforms: the graph satisfies every shape"
    assert len(g) == 3 and "true" in {str(o) for o in g.objects()}
