"""Content errors: one readable message per problem, naming the file, line, field and fix."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ContentError:
    """One problem in one content file."""

    path: str
    message: str
    field: str | None = None
    line: int | None = None
    fix: str | None = None

    @classmethod
    def parse(cls, text: str, line: int | None = None) -> ContentError:
        """A problem written out as '<file>: <message> Fix: <fix>' (review checks, macro errors), as a ContentError
        that prints the same text."""
        path, _, rest = text.partition(": ")
        message, _, fix = rest.partition(" Fix: ")
        return cls(path, message, line=line, fix=fix or None)

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        field = f" field '{self.field}':" if self.field else ""
        fix = f" Fix: {self.fix}" if self.fix else ""
        return f"{where}:{field} {self.message}{fix}"


class ContentErrors(Exception):
    """Raised with every problem found, so a contributor sees them all at once."""

    def __init__(self, errors: list[ContentError]):
        self.errors = sorted(errors, key=lambda e: (e.path, e.line or 0, e.field or ""))
        super().__init__(str(self))

    def __str__(self) -> str:
        count = len(self.errors)
        head = f"{count} content error{'s' if count != 1 else ''}:"
        return "\n".join([head, *(f"  - {error}" for error in self.errors)])
