"""One lock for every rdflib SPARQL parse in a process.

pyparsing grammars (rdflib's SPARQL parser is one) are not safe to run from several threads at once: their parse
actions share state, and concurrent parses fail at random (seen as 500s under load). Parsing is pure Python under
the GIL anyway, so running one parse at a time costs nothing. Both the public endpoint's guard
(:mod:`server.sparql_guard`) and the external engines' query check (:mod:`kg.engines.versions`) take this lock.
"""

from __future__ import annotations

import threading

PARSE_LOCK = threading.Lock()
