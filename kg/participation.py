"""Who took part in a conversation or meeting a document records, and in what role.

Each participant of a record, memorandum or minutes of conversation becomes a *participation*: a node joining
the meeting (``akg:Meeting``, the event the document records), the agent and a role concept of the small SKOS
scheme ``akg:ParticipantRoles`` (head of delegation, delegation member, interpreter, recorder, observer, host,
guest, ambassador, participant). This is CIDOC-CRM's "P14 carried out by" with "P14.1 in the role of" made a node
(``crm:PC14_carried_out_by``), and PROV-O's qualified association (``prov:Association`` with ``prov:agent`` and
``prov:hadRole``). The role as the page writes it ("Premier", "Delegation Leader") is kept as
``akg:roleAsWritten``. The direct links ``akg:participant`` / ``akg:interpreter`` stay as before.

    ?meeting a akg:Meeting .  ?doc akg:recordsMeeting ?meeting .
    ?p akg:participationIn ?meeting ; akg:participatingAgent ?who ; akg:inRole akg:role-head-of-delegation .
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kg.iris import slug

if TYPE_CHECKING:
    from kg.records import NameRef


@dataclass(frozen=True)
class Role:
    key: str  # the concept is akg:role-<key>
    label: str
    definition: str
    pattern: re.Pattern[str] | None  # what a role as written must match (lower case); None: the fallback


def _p(rx: str) -> re.Pattern[str]:
    return re.compile(rx)


# In order: the first that matches a role as written decides ("head of the delegation and Ambassador" heads).
ROLES: tuple[Role, ...] = (
    Role("interpreter", "interpreter", "Interpreted at the conversation (not the translator of the published "
         "text).", _p(r"interpret|translat")),
    Role("head-of-delegation", "head of delegation", "Led a delegation at the meeting.",
         _p(r"\b(?:head|leader|chief|chairman|chair)s?\s+of\s+(?:the\s+)?(?:\w+\s+){0,3}delegation|"
            r"\bdelegation\s+(?:head|leader|chief)|\bheaded\s+(?:the\s+)?delegation|\bleading\s+the\s+delegation")),
    Role("delegation-member", "delegation member", "Was a member of a delegation at the meeting.",
         _p(r"\bmembers?\s+of\s+(?:the\s+)?(?:\w+\s+){0,3}delegation|\bdelegat(?:e|es|ion\s+members?)\b")),
    Role("recorder", "recorder (note-taker)", "Recorded the conversation or took the notes the document is made "
         "from.", _p(r"record|note[- ]?tak|\bnotes?\b|minutes|stenograph|\bdocument")),
    Role("observer", "observer", "Was present as an observer.", _p(r"observ")),
    Role("host", "host", "Received the others (the host of the meeting or reception).", _p(r"\bhost")),
    Role("guest", "guest", "Was received by the host (a guest or visitor).", _p(r"\bguest|\bvisitor")),
    Role("ambassador", "ambassador or envoy", "Took part as a head of a diplomatic mission (ambassador, envoy, "
         "chargé d'affaires, consul).", _p(r"ambassador|\benvoy|charg[eé]\s+d|\bconsul")),
    Role("participant", "participant", "Took part; no more specific role is stated.", None),
)
BY_KEY = {r.key: r for r in ROLES}
_LABELLED = {"interpreter", "observer", "recorder", "participant"}  # the parser's own role words, not "as written"


def role_of(written: str | None) -> Role:
    """The role concept for a role as written (``None``: a participant)."""
    low = " ".join((written or "").lower().split())
    for r in ROLES:
        if r.pattern is not None and r.pattern.search(low):
            return r
    return BY_KEY["participant"]


def add_participations(m, parts: list[tuple[NameRef, object]]) -> None:
    """The meeting a document records and one participation per participant. ``m`` is the document's mapper
    (:class:`kg.mapping._Mapper`: its ``add``, ``lit``, ``node``, ``part``, ``attest``); ``parts`` pairs each
    participant with the agent node it was mapped to."""
    if not parts:
        return
    from kg.mapping import AKG, RDF, RDFS

    r = m.r
    meeting = m.iris.document_part(r.doc_id, "event", "conversation")
    m.add(meeting, RDF.type, AKG.Meeting)
    m.add(m.doc, AKG.recordsMeeting, meeting)
    m.add(meeting, RDFS.label, m.lit(f"Conversation recorded in {r.title or r.doc_id}", lang="en"))
    for ref, agent in parts:
        role = role_of(getattr(ref, "part", None) or ref.role)  # "host"/"guest" stated by the title come first
        concept = m.node(AKG["role-" + role.key])
        p = m.part("participation", slug(ref.name or ref.written or "participant"))
        m.add(p, RDF.type, AKG.Participation)
        m.add(p, AKG.participationIn, meeting)
        m.add(p, AKG.participatingAgent, agent)
        m.add(p, AKG.inRole, concept)
        m.add(p, RDFS.label, m.lit(f"{ref.name or ref.written} as {role.label}", lang="en"))
        written = " ".join((ref.role or "").split())
        if written and written.lower() not in _LABELLED:
            m.add(p, AKG.roleAsWritten, m.lit(written))
        m.attest(AKG.inRole, concept, ref.span, subject=p)


def concept_turtle() -> str:
    """The role scheme's concepts as Turtle (what ``ontology/archive-kg.ttl`` lists; a test keeps them equal)."""
    lines = []
    for r in ROLES:
        lines.append(f'akg:role-{r.key} a skos:Concept , rico:RoleType ; skos:inScheme akg:ParticipantRoles ; '
                     f'skos:prefLabel "{r.label}"@en ; rdfs:label "{r.label}"@en ; '
                     f'skos:definition "{r.definition}"@en .')
    return "\n".join(lines) + "\n"
