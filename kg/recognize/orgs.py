"""Organizations: names with a head word ("Ministry of Foreign Affairs"), acronyms after "the", a country's
name before a head word in lower case, organizations in texts in capitals."""

from __future__ import annotations

from kg.recognize import lexicon as lx
from kg.recognize.context import DocBase
from kg.recognize.spans import Candidate, SpanIndex
from kg.recognize.words import _PLACE_PHRASES, _is_common, _is_title, _namelike, _phrase

_SOVIET_BEFORE = frozenset({"supreme", "city", "village", "district", "moscow", "petrograd", "leningrad",
                            "deputies", "workers", "regional"})
_CAPS_ORG_WORDS = lx.ORG_HEADS | lx.ORG_MODIFIERS | frozenset({
    "foreign", "affairs", "ministers", "commissars", "affair", "intelligence", "information", "communications",
    "atomic", "energy", "commerce", "industry", "war", "naval", "air", "armed", "navy", "party", "people's",
    "peoples", "ministry", "staff", "operations", "propaganda", "relations", "development", "transport"})
_LOWER_HEADS = frozenset({"embassy", "government", "army", "navy", "ministry", "consulate", "legation",
                          "mission", "parliament", "cabinet", "party"})


def _office_after_of(words: list[str], s: int, e: int) -> bool:
    """``words[e]``, a title, names the office an organization serves ("Staff Office for the Supreme
    Commander-in-Chief", "Office of the High Commissioner"): titles and modifiers back to "of"/"for" (the)."""
    k = e - 1
    while k > s and words[k] not in ("of", "for", "the") and (_is_title(words[k]) or words[k] in lx.ORG_MODIFIERS) \
            and e - k <= 3:
        k -= 1
    if k > s and words[k] == "the":
        k -= 1
    return k >= s and k < e and words[k] in ("of", "for")


class OrgRules(DocBase):
    def _lower_head_orgs(self, found: list[Candidate]) -> list[Candidate]:
        """ "the Ceylon embassy", "the US army": a country's name before a head word written in lower case."""
        out = []
        for k, t in enumerate(self.toks[:-1]):
            nxt = self.toks[k + 1]
            if not (t.cap and nxt.text in _LOWER_HEADS and self.text[t.end:nxt.start] == " "):
                continue
            if not (t.low in lx.PLACES or t.low in lx.PLACE_ACRONYMS) or t.low in lx.DEMONYMS:
                continue  # ("the Brazilian government", an adjective, is a description, not a name)
            if k > 0 and self.toks[k - 1].cap and self.text[self.toks[k - 1].end:t.start] == " ":
                continue  # "the Soviet Union government": the run's business
            out.append(Candidate(t.start, nxt.end, "organization", self.text[t.start:nxt.end], "lower-head"))
        hits = SpanIndex([(c.start, c.end) for c in out]).hits
        found[:] = [c for c in found if not hits(c.start, c.end)]
        return out

    def _the_acronyms(self, found: list[Candidate]) -> list[Candidate]:
        """ "the FNLA", "of the PURS,": a word in capitals after "the" in ordinary text is an organization."""
        taken = {c.start for c in found}
        out = []
        for k, t in enumerate(self.toks):
            if not (t.caps and 3 <= len(t.text) <= 6 and k > 0):
                continue
            explained = self.text[t.end:t.end + 6] in (" (the ", " (a co") or self.text[t.end:t.end + 5] == " (an "
            if not (self.toks[k - 1].text == "the" or explained) \
                    or t.start in taken or t.low in lx.PLACE_ACRONYMS or t.low in lx.CAPS_NOT_NAMES \
                    or t.low in lx.FIELD_LABELS or _is_title(t.low) or _is_common(t.low) or t.footnote:
                continue
            if self.text[self.toks[k - 1].end:t.start] != " " and not explained:
                continue
            line = self.lines[t.line] if t.line < len(self.lines) else ""
            if sum(1 for c in line if c.islower()) < 10:  # a heading in capitals
                continue
            nxt = self.toks[k + 1] if k + 1 < len(self.toks) else None
            if nxt is not None and nxt.cap and self.text[t.end:nxt.start] == " ":
                continue  # "the USIA Director": the run's business
            out.append(Candidate(t.start, t.end, "organization", t.text, "the-acronym"))
        return out

    def _caps_orgs(self) -> list[Candidate]:
        """In a text in capitals: "THE FOREIGN OFFICE", "MINISTRY OF FOREIGN AFFAIRS", "CENTRAL COMMITTEE OF THE
        PARTY": a head word with the words of an organization's name around it (never a verb or a place)."""
        toks, out = self.toks, []

        def joined(x: int, y: int) -> bool:  # two tokens one space apart on one line
            return self.text[toks[x].end:toks[y].start] == " "

        def word(x: int) -> bool:
            return 0 <= x < len(toks) and toks[x].caps and (toks[x].low in _CAPS_ORG_WORDS)

        k = 0
        while k < len(toks):
            t = toks[k]
            if not (t.caps and t.low in lx.ORG_HEADS and t.low not in ("soviet", "soviets", "front", "service",
                                                                          "desk", "group", "groups", "union")):
                k += 1
                continue
            a = k
            while a > 0 and word(a - 1) and joined(a - 1, a):
                a -= 1
            b = k
            while True:
                if word(b + 1) and joined(b, b + 1):
                    b += 1
                    continue
                if b + 2 < len(toks) and toks[b + 1].low in ("of", "for") and toks[b + 1].text.isupper() \
                        and joined(b, b + 1) and joined(b + 1, b + 2):
                    c = b + 2
                    if toks[c].low == "the" and toks[c].text.isupper() and word(c + 1) and joined(c, c + 1):
                        c += 1
                    if word(c):
                        b = c
                        continue
                break
            if b > a:
                out.append(self._cand(a, b, "organization", "caps-org"))
            k = b + 1
        return out

    def _org(self, i: int, j: int) -> Candidate | None:
        key = (i, j)
        if key in self._orgs:  # a chunk is asked twice: as a whole, then when it is classified
            return self._orgs[key]
        got = self._orgs[key] = self._org_of(i, j)
        return got

    def _org_of(self, i: int, j: int) -> Candidate | None:
        toks = self.toks
        words = [t.low for t in toks[i:j + 1]]
        # drop leading sentence words and trailing titles ("Party Central Committee Secretary")
        s = 0
        while s < len(words) and (words[s] in lx.COMMON or words[s] in lx.HONORIFICS) \
                and words[s] not in lx.DEMONYMS and words[s] not in lx.ORG_ACRONYMS \
                and words[s] not in lx.ORG_MODIFIERS:
            s += 1
        e = len(words) - 1
        while e >= s and (_is_title(words[e]) and not _office_after_of(words, s, e)
                          or words[e] in ("of", "the", "for")):
            e -= 1
        if s > e:
            return None
        ws = words[s:e + 1]
        if self.caps_mode:  # "APPOINTMENT WITH SED GENERAL SECRETARY": the acronyms alone
            acr = [k for k, w in enumerate(ws) if w in lx.ORG_ACRONYMS and w not in ("who", "us", "mac")]
            if not acr:
                return None
            k0 = k1 = acr[0]
            both = lx.ORG_ACRONYMS | lx.PLACE_ACRONYMS
            while k0 > 0 and ws[k0 - 1] in both:
                k0 -= 1
            while k1 + 1 < len(ws) and ws[k1 + 1] in both:
                k1 += 1
            return self._cand(i + s + k0, i + s + k1, "organization", "acronym")
        if any(w in lx.ORG_ACRONYMS and toks[i + s + k].caps or w == "vkp(b)" for k, w in enumerate(ws)):
            if all(toks[i + s + k].caps or not _namelike(toks[i + s + k]) or w in lx.ORG_MODIFIERS
                   for k, w in enumerate(ws)):
                return self._cand(i + s, i + e, "organization", "acronym")
        if len(ws) < 2:
            return None
        heads = [k for k, w in enumerate(ws) if (w in lx.ORG_HEADS and k > 0 or
                 w in lx.ORG_HEADS and k + 1 < len(ws) and ws[k + 1] in ("of", "for"))
                 and (w not in ("soviet", "soviets") or k > 0 and ws[k - 1] in _SOVIET_BEFORE)]
        if not heads:
            return None
        last_head = heads[-1]
        if last_head == len(ws) - 1 or ws[last_head + 1] in ("of", "for"):
            # a place phrase with a head word ("People's Republic of China") is a place, not an organization
            if _phrase(ws) in _PLACE_PHRASES:
                return None
            if ws[-1] in lx.PLACE_HEADS:
                return None
            return self._cand(i + s, i + e, "organization", "org-head")
        return None
