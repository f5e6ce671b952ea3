"""Titles written before a person's name: forms of address ("Comrade", "Mr.") and offices, ranks and dignities
("Prime Minister", "First Secretary", "Chairman of the Council of Ministers", "Senator"). One list for the page
parser's name reading (:mod:`kg.ingest.wilson.offices`: "Senator Testov" is Testov in that office) and for the
resolver (:mod:`kg.authorities.names`: "Premier Testov" and "Testov" are one person). The recognizer keeps its own
word lists (:mod:`kg.recognize.lexicon`). Nothing here imports any other module of the project.

Written as a reader writes them; compared after folding case and dropping full stops. A longer title is tried before
its shorter tail ("Deputy Foreign Minister" before "Foreign Minister" before "Minister")."""

from __future__ import annotations

# forms of address: dropped from any name a resolver is given, whatever its kind
FORMS_OF_ADDRESS: tuple[str, ...] = (
    "Cde", "Cdes", "Comr", "Comrs", "Comrade", "Comrades", "Tov", "Tovarishch", "Mr", "Mrs", "Ms", "Messrs", "Dr",
    "Prof", "Sir", "Citizen", "Herr", "Frau", "Genosse", "Monsieur", "Madame", "Mme",
)

# offices, ranks and dignities: dropped from a person's name only ("General Assembly" keeps its first word)
OFFICE_TITLES: tuple[str, ...] = (
    # heads of government and of state
    "Prime Minister", "Premier", "Vice Premier", "Deputy Premier", "First Deputy Premier", "President",
    "Vice President", "Chancellor", "Vice Chancellor", "Chairman of the Council of Ministers",
    "Deputy Chairman of the Council of Ministers", "First Deputy Chairman of the Council of Ministers",
    "Chairman of the Presidium of the Supreme Soviet", "Chairman of the State Council", "Chairman of the Council of State",
    "King", "Queen", "Prince", "Princess", "Emperor", "Shah", "Sultan", "Emir", "Sheikh",
    # parties
    "General Secretary", "Secretary General", "Secretary-General", "First Secretary", "Second Secretary",
    "Secretary", "Chairman", "Chairwoman", "Vice Chairman", "Deputy Chairman", "First Deputy Chairman",
    # ministers and envoys
    "Foreign Minister", "Deputy Foreign Minister", "First Deputy Foreign Minister", "Defense Minister",
    "Defence Minister", "Minister", "Deputy Minister", "Vice Minister", "Vice-Minister", "Minister of Foreign Affairs",
    "Minister of Defense", "Minister of Defence", "Ambassador", "Envoy", "Consul", "Consul General", "Consul-General",
    "Counsellor", "Counselor", "Charge", "Chargé", "Charge d'Affaires", "Chargé d'Affaires",
    # parliaments and cities
    "Senator", "Congressman", "Congresswoman", "Deputy", "Speaker", "Governor", "Mayor",
    # ranks
    "Marshal", "Marshal of the Soviet Union", "General", "General of the Army", "Lieutenant General",
    "Colonel General", "Major General", "Lt Gen", "Maj Gen", "Gen", "Colonel", "Col", "Lieutenant Colonel",
    "Major", "Captain", "Admiral", "Vice Admiral", "Rear Admiral",
    # learning and the church
    "Professor", "Academician", "Cardinal", "Archbishop", "Bishop", "Father",
    # the article before an office's title ("the Premier Testov")
    "the",
)
