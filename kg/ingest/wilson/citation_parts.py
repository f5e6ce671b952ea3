"""The labelled parts of one archive's citation, read as a small grammar.

A citation part is a list of comma chunks. Each chunk is one of:

- **labelled parts**, a label then its value ("f. 45", "Fond 059a", "Subject File No. 26", "Record Group 130",
  "Sygnatura XI A15", "Cx 324", "Bd. 119564") or, as Hungarian writes them, the value then the label ("60. doboz",
  "288. f.", "5/832. ö.e.", "3.d."); several may stand in one chunk ("288. f. 5/832. ö.e."), a call number or a
  name may stand before them ("PNB pn a 1968.06.15 pp. 149-159", "AVPRF F. 0102", "Nixon Files Box 7");
- **a repository**, **a place** after it ("SAPMO-BArch, Berlin", "Washington, DC"), the repository's parent
  institution ("Example Center, Example University"), **a call number**, **a note** ("Fond and Opis not given"),
  or text: a collection, a division, a file's title.

Which chunk is the repository depends on the order the citation is written in: from the archive down to the page
("AAN, KC PZPR, 2724, k. 181-86") or from the file up to the archive ("Sygnatura XI A15, KC PZPR, AAN, Warsaw").
"""

from __future__ import annotations

import re

from kg.ingest.wilson.citation_labels import PARTS, alternation, part_after
from kg.ingest.wilson.citation_sources import PROVENANCE
from kg.ingest.wilson.sigla import split_known_siglum
from kg.ingest.wilson.vocab import PLACES
from kg.records import ArchivalCitation

# a value: a number perhaps with letters, slashes, a range ("39-40", "12ob", "17(1773)/76", "059a")
_VALUE = (r"(?P<v>[\w-]*\d[\w./-]*(?:\(\d+\)[\w./-]*)?(?:\s*[-–]\s*[\w.]*\d[\w.]*|(?<=[-–])\s+\d[\w.]*)?"
          r"(?:\s*(?:ob\.?|verso)(?!\w))?)")
# label before value; for each key the words that label it, from the one table of labels by language
# (:mod:`.citation_labels`; docs/page-fields.md, citations)
LABELS: list[tuple[str, str]] = [(part, alternation(part)) for part in PARTS]
KEYS = [k for k, _ in LABELS]
# "Opis’ 2": a soft sign as an apostrophe after the word; "Fond Nº 2", "File No. 26": a number sign before the value
_NUMBER_SIGN = r"[’']?\s*(?:N[º°o]\.?\s*|№\s*|#\s*)?"
_LABEL_RES = [(k, re.compile(r"(?<![\w.])(?:" + p + r")(?:(?<=\.)|(?=[\s:’'#Nº№]|\d))" + _NUMBER_SIGN + _VALUE + r"\.?",
                             re.IGNORECASE)) for k, p in LABELS]
# a call number after its own label takes the rest of the chunk: "Sygnatura XI A15", "Matter 220/F", "sygn. 12/4"
_IDENTIFIER_LABEL = re.compile(r"^(?:" + alternation(None, "rest") + r")\s*:?\s*(?P<v>\S*\d.*?|\S.*?\d\S*)\.?$", re.IGNORECASE)
# the value first, then the label: "60. doboz", "81. tétel", "288. f.", "5/832. ö.e.", "3.d." (d. = doboz here);
# a fond's series letters may stand before its number ("M-KS 288. f.": the fond "M-KS 288")
_NUMBER_THEN_LABEL = re.compile(r"(?P<v>(?:[A-Z]{1,4}(?:-[A-Z]{1,4})+\s)?\d[\w/-]*)\.?\s*(?P<k>"
                                + alternation(None, "after")
                                + r")(?!\w)", re.IGNORECASE)

# words that name an archive or the institution that keeps one
ARCHIVE_WORD = re.compile(r"\b(?:Archives?|Archiv(?:e|o|um|es)?|Arkhiv|Arquivo|Library|Records Office|Bundesarchiv|"
                          r"Levéltár\w*|Institut[eo]?|Istituto|Foundation|Fondazione|Fundaci[oó]n|Stiftung|Museum|"
                          r"Center|Centre|Centro|Centrum|Zentrum|Archiwum|Arhiv\w*|Arkiv\w*)\b")
# an archive's siglum: "APRF", "AVP RF", "SAPMO-BArch", "PA AA", "MNL OL", "TsKhSD", "E.N.A."
SIGLUM = re.compile(r"^(?:[A-Z][A-Za-z]*[A-Z][A-Za-z]*(?:-[A-Z][A-Za-z]*)?|(?:[A-Z]\.){2,}|Ts[A-Z]+\w*)"
                    r"(?:\s+(?:[A-Z][A-Za-z]*[A-Z]\w*|[A-Z]{2,}))*\.?$")
# a parent institution after an archive's name: "..., Example University", "..., University of Testland"
PARENT = re.compile(r"^(?:[A-Z][\w’'.-]*\s+){1,5}University$|^University\s+of\s+[A-Z][\w ]+$")
# a state or country code after a city: "DC", "D.C.", "NY"
_STATE = re.compile(r"^(?:[A-Z]\.){2}|[A-Z]{2}$")
# a place named right after an archive: "Kew", "Warsaw", "Republic of Poland", "Mexico City"
_PLACE_AFTER_ARCHIVE = re.compile(r"(?!.*\d)(?!.*\b(?:Division|Department|Section|Branch|Collection|Papers|Records|Files?|"
                                  r"Fonds?|Series|Group|Box|Folder|Microfilm|Reel|Ministry|Office|Committee)\b)"
                                  r"[A-Z][a-z]+(?:[’'.-][A-Za-z]+)*(?:\s+(?:of|the|de|del|du|der|[A-Z][a-z]+(?:[’'.-]"
                                  r"[A-Za-z]+)*)){0,3}\.?")
NOT_GIVEN = re.compile(r"\b(?:not given|not indicated|not known|unknown|n\.\s?d\.)\b", re.IGNORECASE)
# a file's call number: words that each carry a digit or a "/" or "-", or short codes between them
# (a bracketed part of it too: "AAS1974.08.15 mre/pn [1/661]")
_CALL_NUMBER = re.compile(r"(?=.*\d)(?:[\w.]*[\d/‐-][\w./‐-]*|[A-Za-z]{1,3})"
                          r"(?:\s+(?:[\w.]*[\d/‐-][\w./‐-]*|[A-Za-z]{1,3}|\[[\w./‐-]*\d[\w./‐-]*\]))*")
# "MNL OL XIX-J-1-j Korea 25-005249/1980": an archive's initials, then its call number
_REPO_CODE = re.compile(r"^(?P<repo>(?:[A-Z][A-Za-z]?[A-Z]+\.?\s+)+?)(?P<id>(?:[IVXLC]+-[\w-]|\d)[\w/.-]*(?:\s.*)?)$")
# "PRC FMA 206-00049-01": an archive's abbreviation followed by a file number
_REPO_NUMBER = re.compile(r"^(?P<repo>.*?[A-Za-z)])\s+(?:No\.\s*)?(?P<id>\d[\w]*(?:-[\w]+)+|\d{3,}[\w-]*)$")
_NAMED_FILE = re.compile(r"^(?:file|dossier|dosar)\s+(?P<v>(?-i:[A-Z])[^\d,;]{1,60})$", re.IGNORECASE)
_NAMED_FOND = re.compile(r"^(?:(?P<repo>[A-Z][\w.()-]*(?:\s+[A-Z][\w.()-]*)*)\s+)?(?:fond|Fond)\s+(?P<v>[A-Z][^\d,]*)$")
_PROSE_REPO = re.compile(r".*\b(?:in|at|from)\s+(?:the\s+)?(?P<repo>[A-Z][\w.'’/ -]*)$")
# a collection, a colon, one of its items: "Ivan Testov Papers: Notepad 15.05.1989"
_PAPERS_ITEM = re.compile(r"(?P<coll>.+?\b(?:Papers|Collection|Files|Records|Fonds?))\s*:\s+(?P<item>[^\W\d]\w*\s.*\d.*)")
# "National Security Archive RADD/READD Collection": an archive, then one of its collections
_ARCHIVE_THEN_COLLECTION = re.compile(r"^(?P<repo>.*?\b(?:Archives?|Library))\s+(?P<coll>\S.*\bCollection)$")
# "Notes of O.A. Westad, TsKhSD, ...", "Notes by O.A. Westad at TsKhSD": who copied it, then (or at) the archive
_NOTES_OF = re.compile(r"^(?:Notes?|Copy|Excerpts?|Transcript(?:ion)?|Handwritten notes)\s+(?:of|by|made by|taken by)\s+"
                       r"(?P<who>.+?)(?:\s+(?:at|in|from)\s+(?P<repo>[A-Z].*))?$")


# a quotation opening a comma part: a file's own title ("“Telegrams, 1962,” Example Archives")
_LEADING_QUOTE = re.compile(r"^(?:„[^„”“\"]{1,600}[”“\"]|“[^“”]{1,600}”|\"[^\"]{1,600}\")[.,;]?\s*")


def _unquoted(chunk: str) -> str:
    """A comma part without the file's own title quoted at its head: the file's title is neither the archive nor
    a collection (docs/page-fields.md, "A file's own title"); the parts the quotation ends with are kept ("„Title.
    MNL OL 288. f. 66. d.”" -> "288. f. 66. d."), and what follows it ("“Title,” Example Archives")."""
    m = _LEADING_QUOTE.match(chunk)
    if m is None:
        return chunk
    if m.end() < len(chunk):
        return chunk[m.end():]
    inner = re.sub(r"[.,;]?\s*$", "", m.group(0).strip())[1:-1].strip()
    sp = scan_parts(inner)
    if sp is not None and sp[1]:
        return inner[len(sp[0]):].strip() if sp[0] else inner
    return ""


def label_at(text: str, pos: int) -> tuple[str, str, int] | None:
    """The labelled part that starts at ``pos`` (key, value, end), or None."""
    best: tuple[str, str, int] | None = None
    for key, rx in _LABEL_RES:
        m = rx.match(text, pos)
        if m and (best is None or m.end() > best[2]):
            best = (key, m["v"].strip().rstrip("."), m.end())
    m = _NUMBER_THEN_LABEL.match(text, pos)
    if m and best is None:
        best = (part_after(m["k"]) or "delo", m["v"], m.end())
    return best


def scan_parts(chunk: str) -> tuple[str, list[tuple[str, str]]] | None:
    """A chunk that ends in labelled parts: the text before them (perhaps empty) and the parts, or None when no
    run of labelled parts reaches the end of the chunk."""
    im = _IDENTIFIER_LABEL.match(chunk.strip())
    if im is not None:
        return "", [("identifier", im["v"].strip())]
    text = chunk.strip()
    if text.startswith("(") and text.endswith(")"):
        text = text[1:-1]  # "(Cx 324)": a part in brackets
    elif (bm := re.search(r"\s*\((?P<in>[^()]+)\)$", text)) is not None and text[: bm.start()].strip():
        inner = scan_parts(bm["in"])  # "Telegrams of 1962 (Cx 324)": a file's title, its box in brackets
        if inner is not None and not inner[0]:
            return text[: bm.start()].strip(), inner[1]
    for start in [0] + [m.end() for m in re.finditer(r"\s+", text)]:
        hit = label_at(text, start)
        if hit is None:
            continue
        parts, pos = [], start
        while hit is not None:
            parts.append(hit[:2])
            pos = hit[2]
            sep = re.match(r"[\s.,;:]*", text[pos:])
            assert sep is not None
            if pos + sep.end() >= len(text):
                return text[:start].strip(), parts
            hit = label_at(text, pos + sep.end())
        # "f. 1 468. op. 4": a run that stops before the end; a later run may still close the chunk
    return None


def has_keys_in(s: str) -> bool:
    """Some comma chunk of ``s`` is made of labelled parts only."""
    return any((sp := scan_parts(ch)) is not None and not sp[0] for ch in s.split(","))


def any_labelled(s: str, keys: tuple[str, ...] = ("fond", "opis", "delo")) -> bool:
    """``s`` holds a labelled part of one of these keys anywhere ("..., f. 45, ...")."""
    return any(k in keys and rx.search(s) for k, rx in _LABEL_RES)


def starts_labelled(s: str, keys: tuple[str, ...]) -> bool:
    """``s`` opens with a labelled part of one of these keys."""
    hit = label_at(s.strip(), 0)
    return hit is not None and hit[0] in keys


def comma_parts(text: str) -> list[str]:
    """The comma parts of a citation, a comma inside brackets or quotation marks left alone: "Hungarian National
    Archives (Magyar Országos Levéltár, MOL), XIX-J-1-j" has two parts, "“File Title, 1962,” Example Archives" too."""
    parts, depth, cur = [], 0, []
    straight = False  # inside "..."
    for ch in text:
        if ch in "([„“":
            depth += 1
        elif ch in ")]”" and depth:
            depth -= 1
        elif ch == '"':
            straight = not straight
            depth += 1 if straight else -1
        if ch == "," and depth == 0:
            parts.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
    parts.append("".join(cur))
    return parts


def is_place(chunk: str) -> bool:
    """A town or country the gazetteer knows, or a state's code ("DC", "D.C.")."""
    c = chunk.strip().rstrip(".") if not _STATE.match(chunk.strip()) else chunk.strip()
    return c in PLACES or c.title() in PLACES or bool(_STATE.fullmatch(c)) or c in _COUNTRIES


# countries named after an archive's town ("Brasilia, Brazil"); the gazetteer has towns and a few states
_COUNTRIES = {"Brazil", "Argentina", "Hungary", "Poland", "Romania", "Bulgaria", "Germany", "Italy", "Mexico", "Cuba",
              "Japan", "India", "Israel", "Russia", "China", "Korea", "Vietnam", "Mongolia", "Czech Republic",
              "Czechoslovakia", "Yugoslavia", "Serbia", "Albania", "France", "United Kingdom", "UK", "USA",
              "United States", "Canada", "Austria", "Switzerland", "Netherlands", "Belgium", "Sweden", "Norway",
              "Finland", "Denmark", "Iran", "Pakistan", "Egypt", "South Africa", "Chile", "Turkey", "Greece"}


def _repo_like(chunk: str) -> bool:
    return bool(ARCHIVE_WORD.search(chunk) and len(chunk.split()) <= 12) or bool(SIGLUM.match(chunk))


def _is_call_number(ch: str) -> bool:
    return bool(re.fullmatch(r"[IVXLC]+-[A-Z](?:-\w+)+", ch) or re.fullmatch(r"[a-z]{1,4}\d{5,}|[A-Z]{1,5}[-\s]?\d[\w.‐-]*", ch) or (
        _CALL_NUMBER.fullmatch(ch) and not re.fullmatch(r"(?:1[5-9]|20)\d\d(?:\s*[-–]\s*\d{2,4})?", ch)))


def parse_citation_part(part: str) -> ArchivalCitation:
    """One archive's part of a citation: "APRF, Fond 45, Opis 1, Delo 336, List 122", "APRF: F. 39, Op. 1, D. 31,
    Ll. 39-40", "PRC FMA 111-00019-01, 5-8", "AVPRF, f. 0100, op. 43, por. 12, papka 302, d. 8, l. 5",
    "Subject File No. 26, Papers of A. Sample, Example Museum and Library"."""
    c = ArchivalCitation(verbatim=part)
    text = part
    m = re.match(r"^(?P<repo>[^,:]{2,80}?):\s+(?=\S)", text)
    if m and label_at(text, m.end()) is not None:
        text = m["repo"] + ", " + text[m.end():]  # "APRF: F. 39, ...": the archive, a colon, its parts
    chunks = [_unquoted(x.strip()) for x in comma_parts(text)]
    rest: list[str] = []
    first_small = None  # the citation opens with the file's parts or call number, not with the archive
    pages_from_p = False
    named_file = False  # inside a file known by its name ("file Ivan Testov, Kuba, box 124")
    for i, ch in enumerate(chunks):
        if not ch:
            continue
        if named_file and c.delo is not None and len(ch.split()) <= 2 and not re.search(r"\d", ch) and \
                not ARCHIVE_WORD.search(ch) and not is_place(ch) and i + 1 < len(chunks) and \
                (sp_next := scan_parts(chunks[i + 1])) is not None and not sp_next[0]:
            c.delo += ", " + ch  # the name goes on up to the next labelled part
            continue
        named_file = False
        if c.delo is None and (fm_ := _NAMED_FILE.match(ch)) is not None and rest:
            c.delo, named_file = fm_["v"], True  # "file Ivan Testov": a file known by its name, not a number
            continue
        sp = scan_parts(ch)
        if sp is not None:
            prefix, parts = sp
            if first_small is None:
                first_small = not prefix or _is_call_number(prefix) or not _repo_like(prefix)
            for key, value in parts:
                chunk_label = ch[len(prefix):].strip().lstrip("(")[:2].lower()
                if key == "fond" and chunk_label == "f." and c.delo is not None and c.folios is None:
                    key = "folios"  # "file 109/1969, f. 2-10": an "f." after the file is its folio (fila)
                if key == "papka" and chunk_label == "p." and c.delo is not None and c.folios is None:
                    key = "folios"  # "delo 7, p.16-42": a "p." after the file is its pages (a folder comes before)
                    pages_from_p = True
                elif key == "folios" and pages_from_p and c.papka is None:
                    c.papka, c.folios = c.folios, None  # "d. 3, p. 11, l. 107": the "p." was a folder after all
                    pages_from_p = False
                if getattr(c, key) is None:
                    setattr(c, key, value)
            if prefix:
                if _is_call_number(prefix) and (rest or c.identifier is None) and not SIGLUM.match(prefix):
                    if c.identifier is None:
                        c.identifier = prefix  # "PNB pn a 1968.06.15 pp. 149-159": the file, then its pages
                    else:
                        rest.append(prefix)
                else:
                    rest.append(prefix)  # "AVPRF F. 0102", "Nixon Files Box 7": an archive or a collection
            continue
        wm = _NAMED_FOND.match(ch) if c.fond is None and len(rest) <= 1 else None
        if wm:  # "ANIC fond CC of RCP—Chancellery": a fond known by its name, not a number
            c.fond = wm["v"].strip()
            if wm["repo"]:
                rest.append(wm["repo"])
            first_small = False if first_small is None else first_small
            continue
        nm_ = _NOTES_OF.match(ch) if not rest and c.repository is None else None
        if nm_:
            note = ch[: nm_.start("repo")].rstrip() if nm_["repo"] else ch
            c.note = note if c.note is None else c.note + "; " + note
            if nm_["repo"]:
                rest.append(nm_["repo"])
            continue
        if (NOT_GIVEN.search(ch) and len(ch.split()) <= 8) or re.match(
                r"(?:compiled|selected|copied|transcribed)\s+by\s", ch) or (ch[0].islower() and PROVENANCE.match(ch)):
            # "..., compiled by X": who made the notes; "..., copies obtained by X": how the copy came
            c.note = ch if c.note is None else c.note + "; " + ch
            continue
        if len(rest) == 1 and _REPO_NUMBER.match(rest[0]) and re.fullmatch(r"\d[\d\s–-]*", ch) \
                and c.folios is None:  # "PRC FMA 111-00019-01, 5-8": the pages of that file
            c.folios = ch.strip()
            continue
        if first_small is None:
            first_small = not _repo_like(ch) and (_is_call_number(ch) or bool(re.match(r"\d", ch)))
        rest.append(ch)
    if rest and c.identifier is None and re.fullmatch(r"\d[\w/]*(?:-\d[\w/]*)+|\d{3,}[\w/]*|[A-Z]{1,3}-\d[\w‐-]*", rest[0]):
        # "2010-367, Act on Access to Information ...": a disclosure's number first; "B-330-002, ..., Example
        # Institute": a file's number, then its title and the archive
        c.identifier = rest.pop(0)
        if rest and not any(_repo_like(x) for x in rest):
            c.collection, rest = ", ".join(rest), []
    elif first_small and rest and c.identifier is None and re.match(r"\d", rest[0]) and len(rest) > 1 \
            and any(_repo_like(x) for x in rest[1:]):
        c.identifier = rest.pop(0)  # "1962 Testland File 502, Example Papers, Example Foundation": the file first
    _assign(c, rest, bool(first_small))
    return c


def _peel_places(rest: list[str]) -> list[str]:
    """The chunks without the place run at their end after an archive ("..., Library of Congress, Washington,
    DC", "..., Example Archives, Brasilia, Testland"): a known town, then states and countries."""
    k = len(rest)
    while k > 1 and (is_place(rest[k - 1]) or (k == len(rest) and k > 1 and _STATE.fullmatch(rest[k - 1].strip()))):
        k -= 1
    if k < len(rest) and k >= 1 and (_repo_like(rest[k - 1]) or is_place(rest[k])):
        return rest[:k]
    return rest


def _assign(c: ArchivalCitation, rest: list[str], first_small: bool) -> None:
    """Which of the chunks left is the repository, which its place, collection, division or call number."""
    if not rest:
        return
    after_repo = 0  # which of rest[1:] stood right after the archive's name on the page
    if first_small:
        # written from the file up to the archive: the archive is the last chunk before its place
        kept = _peel_places(rest)
        k = len(kept) - 1
        if k >= 1 and PARENT.match(kept[k]) and _repo_like(kept[k - 1]):
            k -= 1  # "Example Institute, Example University": the archive, then its parent institution
        named = [j for j in range(k + 1) if _repo_like(kept[j]) and ARCHIVE_WORD.search(kept[j])]
        if named and named[-1] != k and not SIGLUM.match(kept[k]):
            k = named[-1]
        if k > 0 and _repo_like(kept[k]):
            rest = [kept[k]] + kept[:k] + kept[k + 1:]
            after_repo = k
        else:
            rest = kept
    elif len(rest) > 1 and not ARCHIVE_WORD.search(rest[0]):
        # the archive named after a file's own title: "Szyfrogramy from Hawana 1962, 6/77, X Archive (AMSZ), Warsaw"
        named = [k for k, ch in enumerate(rest) if ARCHIVE_WORD.search(ch) and len(ch.split()) <= 8]
        if named and not SIGLUM.match(rest[0].split(" (")[0]) and not re.match(r"^[A-Z][A-Za-z]*[A-Z](?:\s|$)", rest[0]):
            k = named[0]
            rest = [rest[k]] + rest[:k] + rest[k + 1:]
            after_repo = k
    repo = rest[0]
    if len(repo.split()) > 5 and not ARCHIVE_WORD.search(repo.split(" (")[0][:60]) or re.search(
            r"\b(?:in|at|from)\s+(?:the\s+)?[A-Z]", repo) and len(repo.split()) > 5:
        pm = _PROSE_REPO.match(repo)  # "A copy was subsequently found in RGASPI"
        repo = pm["repo"].strip() if pm else repo
    am = _ARCHIVE_THEN_COLLECTION.match(repo)
    if am:
        repo, rest = am["repo"], [rest[0], am["coll"]] + rest[1:]
    cm = _REPO_CODE.match(repo)
    if cm and not _REPO_NUMBER.match(repo):
        repo, c.identifier = cm["repo"].strip(), cm["id"].strip()
    nm = _REPO_NUMBER.match(repo)
    if nm and not re.search(r"\b(?:papers|collection|records)\b", repo, re.IGNORECASE):
        repo, c.identifier = nm["repo"].strip(), nm["id"]
    fm = re.search(r"\s*\((?P<file>[^()]*(?:[“\"][^()]*[”\"]|\b(?:file|folder|dossier)\b)[^()]*)\)", repo)
    if fm is not None and fm.start() > 0:
        # "Example Archives (“Invented Matters: 1959-1975” file)": the file's title in brackets, not the archive's
        rest = [repo, fm["file"]] + rest[1:]
        repo = repo[: fm.start()] + repo[fm.end():]
        after_repo += 1  # the chunk that stood right after the archive's name comes one later
    repo = re.sub(r"^(?:(?:from|in|at)\s+)?[Tt]he\s+(?=[A-Z])|^(?:from|in|at)\s+(?=[A-Z])", "", repo)
    # "the Gorbachev Foundation Archive", "..., from the National Archives, ...": the archive's name
    if repo.endswith(".") and not re.search(r"(?:^|[\s.])[A-Z]\.$", repo):
        repo = repo[:-1]  # "AP RF. F. 3.": the full stop ends the archive's name, not an initial's ("E.N.A.")
    coll: list[str] = []
    if (glued := split_known_siglum(repo)) is not None:
        repo, more = glued  # "PA AA MfAA": the archive's siglum, then its collection's
        coll.append(more)
    c.repository = repo or None
    after_id = False
    in_place = False
    for idx, ch in enumerate(rest[1:]):
        if idx == after_repo and PARENT.match(ch) and _repo_like(repo):
            c.repository = f"{repo}, {ch}"  # "Example Center, Example University": the archive's parent
            continue
        if (idx == after_repo and _PLACE_AFTER_ARCHIVE.fullmatch(ch) and (ARCHIVE_WORD.search(repo) or is_place(ch))
                and not ARCHIVE_WORD.search(ch)) or (in_place and is_place(ch)) or (
                idx == after_repo and is_place(ch) and SIGLUM.match(repo)):
            # "National Archives, Kew", "SAPMO-BArch, Berlin", "Library of Congress, Washington, DC": where the
            # archive is, not a collection of it (it stays in the verbatim citation)
            in_place = True
            continue
        in_place = False
        if re.search(r"\bDivision\b", ch):
            c.division = ch
        elif c.identifier is None and _is_call_number(ch):
            c.identifier = ch  # "AB16/565", "D-I-R-0-2420-19/68", "6/77 w-82 t-1264": a file's call number
            after_id = True
            continue
        elif after_id and c.folios is None and re.fullmatch(r"\d[\d\s–-]*", ch):
            c.folios = ch  # "..., 2420-19/68, 24": the pages of that file
        else:
            coll.append(ch)
        after_id = False
    if coll and c.identifier is None and (pm := _PAPERS_ITEM.fullmatch(coll[-1])) is not None:
        coll[-1], c.identifier = pm["coll"], pm["item"]  # "Example Papers: Notepad 15.05.1989": the item after a colon
    if coll:
        c.collection = ", ".join(coll)
