"""Errors that name the file, line and field they are about."""

from __future__ import annotations


class KGError(Exception):
    """Base class of the errors archive-kg reports to users (the CLI prints them without a traceback)."""

    exit_code = 1


class IngestError(KGError):
    """A source document that cannot be read. Names the file, the 1-based line and the record field."""

    exit_code = 2

    def __init__(self, path: str, message: str, *, line: int | None = None, field: str | None = None) -> None:
        self.path = str(path)
        self.line = line
        self.field = field
        self.message = message
        where = self.path + (f":{line}" if line else "")
        what = f" [{field}]" if field else ""
        super().__init__(f"{where}{what}: {message}")


class BadInput(KGError):
    """An argument that cannot be used (a version that is not kept, a value out of range): exit status 2."""

    exit_code = 2

class IngestErrors(IngestError):
    """Several source documents that cannot be read: every one of them, reported in one run."""

    exit_code = 2

    def __init__(self, errors: list[IngestError]) -> None:
        self.errors = errors
        self.path, self.line, self.field = errors[0].path, errors[0].line, errors[0].field
        self.message = f"{len(errors)} file(s) could not be read"
        KGError.__init__(self, f"{len(errors)} file(s) could not be read; nothing published\n"
                         + "\n".join(f"  {e}" for e in errors))


class ValidationFailed(KGError):
    """The graph violates the SHACL shapes; nothing is published. ``report`` is readable text."""

    exit_code = 3

    def __init__(self, report: str, violations: int) -> None:
        self.report = report
        self.violations = violations
        super().__init__(f"{violations} SHACL violation(s); nothing published\n{report}")


class BuildError(KGError):
    exit_code = 4
