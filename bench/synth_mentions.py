"""Seeded synthetic texts with names no authority file knows, and the names a reader sees in them.

Each text is a few sentences in the styles of the archive's documents (records of conversation, telegrams,
Politburo minutes, participant lists, signatures, addresses) with invented persons, places and organizations,
plus words in capitals that are not names. Used by ``bench/bench_recognize.py`` and ``tests/test_recognize.py``.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

_ONSETS = ["b", "br", "d", "g", "gr", "k", "kr", "l", "m", "n", "p", "r", "s", "sh", "t", "v", "z", "zh", "ch"]
_VOWELS = ["a", "e", "i", "o", "u", "ya", "yu"]
_CODAS = ["", "n", "r", "l", "m", "sh", "k"]
_RU_ENDINGS = ["ov", "ev", "enko", "sky", "in", "yan", "adze", "escu"]
_ASIAN = ["Sok", "Tae", "Hyun", "Jun", "Min", "Won", "Chol", "Hui", "Shan", "Ming", "Quan", "Duc", "Thanh"]
_ASIAN_FAMILY = ["Kim", "Pak", "Choe", "Li", "Zhou", "Wang", "Nguyen", "Pham", "Tran", "Ri"]
_GIVEN = ["Mikhail", "Nikolai", "Ivan", "Pavel", "Erich", "Helmut", "Nicolae", "Todor", "Janos", "George"]
_PLACE_ENDINGS = ["grad", "sk", "ovo", "ino", "stan", "abad", "ville", "burg", "an", "ia"]
_DOMAINS = ["Trade", "Fisheries", "Railway", "Coal", "Light Industry", "Geology", "Water"]
_PARTY_ADJ = ["Zarovian", "Kelmish", "Tovarese", "Ostrumian", "Belgarian"]
_ARABIC_GIVEN = ["Husam", "Farid", "Nabil", "Karim", "Tariq", "Salim", "Adnan"]
_MEETINGS = ["talks", "meeting", "summit", "negotiations", "correspondence"]
_PLAIN_ENDINGS = ["u", "e", "a", "i", "ata", "ebe"]
_ACTED = ["checked", "signed", "raised", "deciphered", "approved", "drafted"]


def _syllable(rng: random.Random) -> str:
    return rng.choice(_ONSETS) + rng.choice(_VOWELS) + rng.choice(_CODAS)


def _stem(rng: random.Random, n: int = 2) -> str:
    return "".join(_syllable(rng) for _ in range(n)).capitalize()


def surname(rng: random.Random) -> str:
    return _stem(rng) + rng.choice(_RU_ENDINGS)


def initials(rng: random.Random) -> str:
    a, b = rng.choice("ABDEGIKLMNPSTVY"), rng.choice("ABDEGIKLMNPSTVY")
    return rng.choice([f"{a}. {b}.", f"{a}.{b}.", f"{a}."])


def asian_name(rng: random.Random) -> str:
    return f"{rng.choice(_ASIAN_FAMILY)} {rng.choice(_ASIAN)}-{rng.choice(_ASIAN).lower()}"


def place(rng: random.Random) -> str:
    return _stem(rng) + rng.choice(_PLACE_ENDINGS)


@dataclass
class SynthText:
    text: str
    person: list[str] = field(default_factory=list)
    place: list[str] = field(default_factory=list)
    organization: list[str] = field(default_factory=list)
    non_names: list[str] = field(default_factory=list)  # capitalized words that must not be found

    def expectations(self) -> dict[str, list[str]]:
        return {"person": self.person, "place": self.place, "organization": self.organization,
                "ignore": [], "non_names": self.non_names}


def generate(rng: random.Random) -> SynthText:
    """One text of 6 to 10 sentences."""
    st = SynthText(text="")
    parts: list[str] = []

    def person(style: str | None = None) -> str:
        style = style or rng.choice(["ru", "init", "asian", "given"])
        if style == "init":
            fam = surname(rng)
            name = f"{initials(rng)} {fam}"
        elif style == "asian":
            name = asian_name(rng)
        elif style == "given":
            name = f"{rng.choice(_GIVEN)} {surname(rng)}"
        else:
            name = surname(rng)
        st.person.append(name)
        return name

    def a_place() -> str:
        p = place(rng)
        st.place.append(p)
        return p

    def org() -> str:
        o = rng.choice([
            f"Ministry of {rng.choice(_DOMAINS)}",
            f"Central Committee of the {rng.choice(_PARTY_ADJ)} Workers' Party",
            f"{rng.choice(_PARTY_ADJ)} People's Army",
            f"{rng.choice(_PARTY_ADJ)} Trade Union Council",
        ])
        st.organization.append(o)
        return o

    def signature() -> str:
        fam = surname(rng)
        st.person.append(fam)
        return f"[signature] ({initials(rng)} {fam.upper()})"

    templates = [
        lambda: f"Comrade {person()} said that the harvest was poor this year.",
        lambda: f"Present: Cdes. {person('ru')}, {person('ru')}, and {person('init')}.",
        lambda: f"{person('init')} informed the ambassador about the talks in {a_place()}.",
        lambda: f"Ambassador {person()} arrived in {a_place()} on 3 May.",
        lambda: f"The delegation travelled from {a_place()} to {a_place()} by rail.",
        lambda: f"{person('ru').upper()}. We agree with the proposal of the {org()}.",
        lambda: f"To Comrade {person()}",
        signature,
        lambda: f"Premier {person('asian')} received the delegation of the {org()}.",
        lambda: f"A letter from {person()} was handed to the {org()}.",
        lambda: f"Minister {person('given')} stressed the role of the {org()}.",
        lambda: f"{person('asian')} replied that the situation near {a_place()} was calm.",
        # the fifth to seventh held-out readings: names joined by hyphens, a chain of names, the Arabic article,
        # an acronym after "the", who did something, a name set off by commas after a title
        lambda: f"After the {person('ru')}-{person('ru')} {rng.choice(_MEETINGS)} a communiqué was issued.",
        lambda: chain(),
        lambda: f"The coup by {arabic()} was reported from {a_place()}.",
        lambda: f"The talks with the {acronym()} went on for a week.",
        lambda: f"The text was {rng.choice(_ACTED)} by {person('ru')} on the same day.",
        lambda: f"The ambassador to {a_place()}, {person('ru')}, reported on the harvest.",
        # the eighth reading (fourteen held-out pages and the known bugs): an office named after a title with a
        # hyphen, an editor's gloss after an army's name, a name with no cue named twice, a list of such names,
        # a given name in brackets, a person's name right after an organization's head word
        lambda: f"The order went out from the {office()}.",
        lambda: f"Units of the {army()} [the northern troops] fell back to the coast.",
        lambda: recurring(),
        lambda: listed(),
        lambda: f"President [{rng.choice(_GIVEN)}] {plain('person')} opened the session.",
        lambda: f"Deputy Chairman of the {council()} {plain('person', given=True)} was present as well.",
        # the ninth reading: a Chinese cable writes the family name in capitals
        lambda: f"The students met {capital_family()} in the hall of the university.",
    ]

    def capital_family() -> str:
        fam, given = rng.choice(_ASIAN_FAMILY), _stem(rng).lower().capitalize()
        st.person.append(f"{fam} {given}")
        return f"{fam.upper()} {given}"

    def plain(kind: str, given: bool = False) -> str:
        """A name with no telling ending (no "-ov", no "-sky"): only the context can say it is a name."""
        name = _stem(rng) + rng.choice(_PLAIN_ENDINGS)
        if given:
            name = f"{_stem(rng, 1)}o {name}"
        getattr(st, kind).append(name)
        return name

    def organization(o: str) -> str:
        if o not in st.organization:
            st.organization.append(o)
        return o

    def office() -> str:
        return organization(f"{rng.choice(['Staff Office', 'Secretariat', 'Chancellery'])} for the Supreme "
                            "Commander-in-Chief")

    def army() -> str:
        st.non_names.append("northern troops")
        return organization(f"{rng.choice(_PARTY_ADJ)} People's Army")

    def council() -> str:
        return organization(f"{rng.choice(['Federal', 'State', 'Republican'])} Executive Council")

    def recurring() -> str:
        name = plain("person")
        return f"The envoys met {name} at noon.\nLater that week the envoys saw {name} again at the airport."

    def listed() -> str:
        a, b, c = plain("person"), plain("person"), plain("person")
        return f"At the dinner were {a}, {b} and {c}, with their wives."

    def chain() -> str:
        g, fams = rng.choice(_GIVEN), [surname(rng) for _ in range(3)]
        st.person.extend([f"{g} {fams[0]}", fams[1], fams[2]])
        return f"{g} {fams[0]}-{fams[1]}-{fams[2]}:"

    def arabic() -> str:
        name = f"{rng.choice(_ARABIC_GIVEN)} al-{_stem(rng).capitalize()}"
        st.person.append(name)
        return name

    def acronym() -> str:
        a = "".join(rng.choice("BDFGKLMNPRSTVZ") for _ in range(rng.randint(3, 5)))
        st.organization.append(a)
        return a
    negatives = [
        ("TOP SECRET", ["TOP SECRET"]),
        ("English HTML", ["HTML"]),
        ("Translated for CWIHP by a staff translator.", ["CWIHP"]),
        ("CORRESPONDENT: none", ["CORRESPONDENT"]),
        ("However, the Soviet side agreed.", ["However", "Soviet"]),
        ("In March the Cold War was discussed.", ["March", "Cold War"]),
        ("Copy No. 2. Special File.", ["Special File"]),
        ("Report on the Alleged Use of Gas in the Mountain Districts", ["Alleged Use"]),
        ("The Sino-Soviet talks were long.", ["Sino", "Sino-Soviet"]),
        ("The Brazilian government agreed.", ["Brazilian government"]),
        ("ADD SEARCH FILTER CANCEL SEARCH FILTER", ["ADD SEARCH FILTER", "SEARCH FILTER", "CANCEL"]),
        ("Her Majesty's Government was informed twice, and Her Majesty agreed.", ["Majesty"]),
    ]
    for _ in range(rng.randint(6, 10)):
        if rng.random() < 0.25:
            text, bad = rng.choice(negatives)
            parts.append(text)
            st.non_names.extend(bad)
        else:
            s = rng.choice(templates)()
            if s:
                parts.append(s)
    st.text = "\n".join(parts) + "\n"
    return st


def corpus(count: int, seed: int = 1) -> list[SynthText]:
    rng = random.Random(seed)
    return [generate(rng) for _ in range(count)]
