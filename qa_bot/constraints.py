"""Does a candidate person hold the office the question asks about?

"Who is the president of Serbia?" asks for the holder of one office in one place. News
sentences name office holders with a capitalized title right before the name ("Kosovo
President Fatmir Sejdiu", "Serbian Prime Minister Vojislav Kostunica"). A candidate whose own
title names the place of another country, or another office in the asked place, does not
answer the question, however well the rest of the sentence matches: without this check the
bot answered "Who is the president of Serbia?" with Kosovo's president.

The check is deliberately narrow: it runs only for who-questions that name both an office
(lowercase words: "prime minister") and a place (capitalized: "Serbia", "Serbian", "Russia's"),
and only on candidates whose title holds a place entity (spaCy GPE/NORP). Anything else passes.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .abbreviations import expansion
from .types import Entity, Sentence

# words that qualify an office without changing who may hold it
_MODIFIERS = {"current", "new", "former", "then", "acting", "incoming", "outgoing", "interim",
              "present", "late", "newly", "elected", "sitting", "first", "second", "third",
              "last", "next", "previous", "only", "youngest", "oldest", "longest-serving"}
_STOP = {"to", "the", "of", "for", "in", "at", "a", "an", "on", "with", "and", "from", "by"}
_ROLE = r"((?:[a-z][\w-]*\s+){0,3}[a-z][\w-]*)"
# where the words around it mark the office off, it may be capitalized too: "the President of
# Russia", "Serbia's Prime Minister" (between "the" and a place it may not: "the Serbian Prime
# Minister" would read "Serbian Prime" as the place)
_ROLE_ANY_CASE = r"((?:[A-Za-z][\w-]*\s+){0,3}[A-Za-z][\w-]*)"
_PLACE = r"([A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)*)"
_NOT_POSSESSOR = r"(?![\w'’])"  # "the governor of India's central bank": India is not it
# the office must be what is asked: "Who is the president of Serbia?", not "Who did the
# Russian ambassador say ...?" (there the office holder is the subject, not the answer)
_ASKS = r"^\s*(?i:who|whom)\s+(?i:is|was|are|were|has\s+been|had\s+been|became|becomes|" \
    r"holds|held|serves\s+as|served\s+as)\s+(?:now\s+)?"
_QUESTION = [  # (pattern, group of the role, group of the place)
    (re.compile(rf"{_ASKS}the\s+{_ROLE_ANY_CASE}\s+of\s+(?:the\s+)?{_PLACE}{_NOT_POSSESSOR}"),
     1, 2),
    # "Russia's ambassador", "the US's ambassador"
    (re.compile(rf"{_ASKS}(?:the\s+)?{_PLACE}(?:'s|’s)\s+{_ROLE_ANY_CASE}"), 2, 1),
    (re.compile(rf"{_ASKS}the\s+{_PLACE}{_NOT_POSSESSOR}\s+{_ROLE}"), 2, 1),
]
# the head noun of an office: a question about anything else ("the Normans' main enemy")
# is not about an office holder
OFFICES = {
    "president", "minister", "ambassador", "envoy", "secretary", "secretary-general",
    "chancellor", "governor", "mayor", "king", "queen", "emperor", "empress", "pope", "premier",
    "chairman", "chairwoman", "chair", "director", "director-general", "commissioner",
    "senator", "speaker", "general", "commander", "chief", "head", "leader", "prince",
    "princess", "monarch", "sultan", "president-elect", "representative", "spokesman",
    "spokeswoman", "spokesperson", "mediator", "negotiator", "coach", "ceo", "prosecutor",
    "justice", "judge", "attorney-general", "archbishop", "bishop", "patriarch", "official",
    "deputy", "vice-president", "viceroy", "consul", "delegate", "dictator", "ruler", "boss",
    "member", "shah", "tsar", "czar", "emir", "khan", "caliph", "pharaoh", "regent",
}
# offices so general that any title may hold them ("leader" of Russia: its president): no check
_GENERIC = {"leader", "head", "chief", "ruler", "boss", "representative", "official", "member",
            "spokesman", "spokeswoman", "spokesperson", "envoy"}
# the capitalized title right before a name: "Kosovo President", "U.S. Secretary of State"
_TITLE = re.compile(r"((?:[A-Z][\w'’.-]*\s+(?:of\s+(?:the\s+)?)?){1,6})$")
# ", president of the Serbian province of Kosovo,": the office words, then its of-chain
_APPOSITION = re.compile(r",\s+(?:the\s+)?([a-z][\w-]*(?:\s+[a-z][\w-]*){0,3})\s+(?:of|for)\s+"
                         r"([^,;.]{1,80})")
_PLACE_LABELS = {"GPE", "NORP"}
# demonyms whose stem differs from the country's (the rest share a 4-letter prefix:
# Serbian/Serbia, Kosovar/Kosovo, Russian/Russia, Italian/Italy)
_DEMONYMS = {
    "french": "france", "dutch": "netherlands", "british": "britain", "english": "england",
    "welsh": "wales", "irish": "ireland", "danish": "denmark", "swiss": "switzerland",
    "spanish": "spain", "polish": "poland", "finnish": "finland", "greek": "greece",
    "norwegian": "norway", "peruvian": "peru", "american": "united states", "us": "united states",
    "u.s.": "united states", "uk": "britain", "u.k.": "britain", "america": "united states",
}


@dataclass(frozen=True)
class Office:
    """What a who-question asks for: an office (its words) in a place."""

    role: tuple[str, ...]
    place: str


def _norm_place(text: str) -> str:
    t = re.sub(r"(?:'s|’s)$", "", text.strip()).lower()
    t = re.sub(r"^the\s+", "", t)
    return _DEMONYMS.get(t, t)


def same_place(a: str, b: str) -> bool:
    """'Serbia' ~ 'Serbian', 'Kosovo' ~ 'Kosovar', 'France' ~ 'French'; 'Serbia' !~ 'Kosovo'."""
    x, y = _norm_place(a), _norm_place(b)
    n = min(4, len(x), len(y))
    return x[:n] == y[:n]  # nothing to compare (n == 0) is no conflict either


def known_places(index: Any) -> frozenset[str]:
    """The corpus's place and nationality entities (GPE/NORP, found at indexing), normalized;
    rebuilt only when the index changes. A question's "place" is checked only if it is one
    of them: "the Bank of England" or "the Broncos" are not places to compare titles with."""
    return index.derived("places", lambda idx: frozenset(
        _norm_place(e.text) for s in idx.sentences for e in s.entities
        if e.label in _PLACE_LABELS))


def asked_office(question: str, places: Collection[str]) -> Office | None:
    """The office and place a who-question names, if it names both and the place is one of
    ``places`` (``known_places``)."""
    office = parse_office(question)
    if office is None or not any(same_place(office.place, p) for p in places):
        return None
    return office


def unnamed_place(question: str, unseen: Callable[[str], bool]) -> bool:
    """An office question whose place the corpus never names, in the question's form or its
    country's ("Who is Canada's UN ambassador?" of articles that never say "Canada"):
    no sentence can title anyone as holding that office there, so the articles cannot say.
    ``unseen(text)``: whether no word of ``text`` occurs in the corpus."""
    office = parse_office(question)
    return office is not None and all(
        unseen(form) for form in {office.place, _norm_place(office.place)})


@lru_cache(maxsize=4096)
def parse_office(question: str) -> Office | None:
    """The office and place a who-question names, whether or not the place is known."""
    for pattern, role_group, place_group in _QUESTION:
        m = pattern.search(question)
        if not m:
            continue
        role: list[str] = []
        for w in m.group(role_group).lower().split():
            if w in _STOP:
                break
            if w not in _MODIFIERS and not w.endswith("ly"):  # "democratically elected"
                role.append(w)
        place = m.group(place_group)
        if role and role[-1] in OFFICES and place and place.split()[0].lower() not in _STOP:
            return Office(tuple(role), place)
    return None


def plain_office(question: str) -> bool:
    """Whether the question asks for an office holder and nothing more: "Who is the mayor of
    New Orleans?", not "Who was the first democratically elected president of Egypt?" nor
    "Who was Jacksonville's mayor at the time of the consolidation?", which ask for one
    holder among several (a title alone says nothing of "first" or "at the time")."""
    for pattern, role_group, _place in _QUESTION:
        m = pattern.search(question)
        if m and not question[m.end():].strip(" ?"):
            words = m.group(role_group).lower().split()
            return bool(words) and words[-1] in OFFICES and not any(
                (w in _MODIFIERS and w != "current") or w.endswith("ly") or w in _ORDINALS
                for w in words)
    return False


_ORDINALS = {"first", "second", "third", "last", "previous", "next", "latest", "longest",
             "youngest", "oldest", "only", "sole"}


def conflicts(office: Office | None, sentence: Sentence, entity: Entity) -> bool:
    """True when ``entity`` (a person) carries a title that names another place, or another
    office in the asked place: before the name ("Kosovo President Fatmir Sejdiu") or as an
    apposition after it ("Fatmir Sejdiu, president of the Serbian province of Kosovo", where
    the office's place is the last one named). No office asked, no title, or no place in the
    title: False."""
    if office is None or entity.label != "PERSON" or _GENERIC & set(office.role):
        return False  # "the leader of Russia" may be titled anything ("Soviet Premier")
    for words, places in _titles(sentence, entity):
        if not places:
            continue
        if not any(same_place(office.place, p.text) for p in places):
            return True
        if not set(office.role) <= _title_words(words):
            return True
    return False


def _titles(sentence: Sentence, entity: Entity) -> list[tuple[str, list[Entity]]]:
    """The titles ``sentence`` gives the person ``entity``, each with the places it names:
    before the name ("Kosovo President Fatmir Sejdiu") and as an apposition after it
    ("Fatmir Sejdiu, president of the Serbian province of Kosovo": the last place)."""
    titles = []
    before = _TITLE.search(sentence.text[: entity.start - sentence.start])
    if before:
        a = sentence.start + before.start(1)
        places = [e for e in sentence.entities
                  if e.label in _PLACE_LABELS and e.start >= a and e.end <= entity.start]
        titles.append((before.group(1), places))
    after = _APPOSITION.match(sentence.text[entity.end - sentence.start:])
    if after:
        a, b = entity.end + after.start(2), entity.end + after.end(2)
        places = [e for e in sentence.entities
                  if e.label in _PLACE_LABELS and e.start >= a and e.end <= b][-1:]
        titles.append((after.group(1), places))
    return titles


def _title_words(words: str) -> set[str]:
    return {re.sub(r"(?:'s|’s)$", "", w).lower() for w in words.split()}


def office_holder(office: Office, sentence: Sentence, earlier: Collection[Sentence] = ()
                  ) -> Entity | None:
    """The person ``sentence`` titles with the very office asked about, in its place: a
    title naming the place ("New Orleans Mayor Anthony Reyes", "Fatmir Sejdiu, president
    of Kosovo"), or a bare title ("Mayor Anthony Reyes") where the place is named earlier
    in the sentence or in ``earlier`` (the paragraph's sentences before it: "In New
    Orleans, ... Mayor Anthony Reyes imposed a curfew"). None when it titles nobody so.
    Generic offices ("leader") are titled any way, so never stated."""
    if _GENERIC & set(office.role):
        return None
    for e in sentence.entities:
        if e.label != "PERSON":
            continue
        for words, places in _titles(sentence, e):
            if not set(office.role) <= _title_words(words):
                continue
            if places:
                # (the place itself: a prefix is not enough, "New York" is no "New Orleans")
                if all(_norm_place(p.text) == _norm_place(office.place) or (
                        same_place(office.place, p.text) and " " not in p.text.strip())
                       for p in places):
                    return e
                continue
            named = [p for s in (*earlier, sentence) for p in s.entities
                     if p.label in _PLACE_LABELS and p.end <= e.start]
            if any(_norm_place(p.text) == _norm_place(office.place) for p in named):
                return e
    return None


# a title right before a name, its head an office word: "Russia's UN Ambassador", "UN envoy"
_TITLE_BEFORE = re.compile(r"((?:[A-Z][\w'’.-]*\s+(?:of\s+(?:the\s+)?)?){0,6}"
                           r"(?:[a-z][\w-]*\s+){0,2})$")
# ", president of the Serbian province of Kosovo,": a phrase between commas after the name
_APPOSED = re.compile(r"^,\s+(?:\d{1,3},\s+)?([^,;()]{2,100}?)\s*(?=[,;()]|\.(?:\s|$)|$)")
# "The national emergency agency, Senapred, said": a lowercase noun phrase after "the" and
# before a comma, the name right after it (and a comma after the name)
# (not after a preposition: "After the meeting, Senapred, ..." is no apposition)
_PREPOSITIONS = ("after", "before", "during", "in", "at", "on", "by", "with", "from", "for",
                 "to", "of", "since", "under", "following")
_APPOSED_BEFORE = re.compile(
    "".join(rf"(?<!\b{p} )(?<!\b{p.title()} )" for p in _PREPOSITIONS) +
    r"(?<![\w'’-])(?:[Tt]he|[Ii]ts|[Tt]heir|[Hh]is|[Hh]er|[Aa]n?)\s+"
    r"((?:(?!(?:[Tt]he|[Aa]n?)\s)[A-Za-z][\w'’-]*\s+){0,4}[a-z][\w-]*),"
    r"\s+(?:(?:called|named|dubbed|known\s+as)\s+)?(?:the\s+)?$")
# ... but not a time or a turn of phrase: "In the morning, Senapred, ..."
_NOT_APPOSED = {"morning", "afternoon", "evening", "night", "day", "week", "month", "year",
                "time", "meantime", "meanwhile", "end", "past", "moment", "same", "first",
                "last", "other", "contrary", "whole", "case", "event", "statement", "report"}
# "(1810-1849) was a Polish composer": the name defined by a copula, up to a clause break
_DEFINED = re.compile(r"^\s*(?:\([^()]{0,120}\)\s*)?,?\s*(?:is|was|are|were)\s+"
                      r"((?:a|an|the)\s+[^,;:()\"“”]{2,100}?)\s*(?=[,;:()\"“”]|\.(?:\s|$)|$|"
                      r"\s(?:who|which|that|whose)\b)")
# capitalized at a sentence's start, but no part of a title
_LEAD_WORDS = re.compile(r"^(?:(?:but|and|or|so|yet|meanwhile|however|earlier|later|then|also|"
                         r"now|still|when|while|after|before|on|in|at|as|with|the|a|an)\s+)+",
                         re.I)
# lowercase words inside a person's name ("Jaap de Hoop Scheffer")
NAME_PARTICLES = frozenset({"de", "van", "von", "der", "al", "bin", "da", "di", "la", "le"})


# what kind of place or body a name is, as news describes one: "the Serbian province of
# Kosovo", "Abkhazia, a breakaway region of Georgia,"
KINDS = frozenset({
    "province", "region", "city", "town", "village", "capital", "country", "state", "nation",
    "republic", "territory", "island", "county", "district", "enclave", "kingdom", "alliance",
    "organization", "organisation", "agency", "bloc", "company", "party"})
_KIND_OF = re.compile(rf"((?:[A-Z][\w'’.-]*\s+){{0,3}}(?:[a-z][\w-]*\s+)?"
                      rf"(?:{'|'.join(sorted(KINDS))}))\s+of")


# what kind of body a name is, as news writes it right before the name ("the cryptocurrency
# exchange FTX", "the streaming service Netflix")
ORG_KINDS = frozenset({
    "exchange", "firm", "bank", "airline", "carrier", "retailer", "startup", "start-up",
    "platform", "network", "chain", "maker", "manufacturer", "producer", "fund", "broadcaster",
    "newspaper", "magazine", "publisher", "service", "group", "giant", "conglomerate",
    "insurer", "lender", "operator", "developer", "union", "court", "university", "club",
    "team", "charity", "ministry", "department", "regulator", "watchdog", "militia",
    "movement", "coalition", "spacecraft", "probe", "satellite", "mission", "rocket",
    "telescope", "app", "website", "drug", "vaccine", "virus", "storm", "hurricane",
    "typhoon", "cyclone", "wildfire", "fire", "asteroid", "moon", "planet", "volcano",
    "river", "lake", "mountain"})
# what news calls people by besides offices: no office to hold ("Who is the economist?"
# asks no office), but what a "Who is <name>?" sentence may say they are ("co-founder Reed
# Hastings": "Who is Reed Hastings?" had been "company also said co-founder")
OCCUPATIONS = frozenset({
    "founder", "co-founder", "cofounder", "economist", "analyst", "engineer", "inspector",
    "investigator",
    "operator", "scientist", "researcher", "professor", "lawyer", "attorney", "doctor",
    "physician", "nurse", "teacher", "author", "writer", "novelist", "poet", "journalist",
    "reporter", "editor", "correspondent", "columnist", "designer", "architect", "executive",
    "co-chief", "entrepreneur", "investor", "activist", "artist", "singer", "actor", "actress",
    "musician", "player", "striker", "goalkeeper", "runner", "athlete", "manager", "owner",
    "officer", "historian", "philosopher", "astronaut", "pilot", "soldier", "firefighter",
    "farmer", "banker", "trader", "strategist", "adviser", "advisor", "consultant",
    "schoolteacher", "captain", "co-pilot", "copilot", "student", "mechanic", "driver", "chef",
    "photographer", "filmmaker", "coach", "midfielder", "defender", "winger", "forward",
    "biologist", "chemist", "physicist", "surgeon", "dentist", "pharmacist", "accountant",
    "priest", "pastor", "rabbi", "imam", "fisherman", "sailor", "detective", "paramedic",
    "technician", "programmer", "developer", "comedian", "dancer", "painter", "sculptor",
    "composer", "conductor", "pianist", "producer", "broadcaster", "presenter", "critic",
    "lecturer", "librarian", "archaeologist", "psychologist", "psychiatrist",
    "epidemiologist", "virologist", "veterinarian", "retiree", "businessman",
    "businesswoman", "politician", "diplomat", "spokesman", "spokeswoman", "spokesperson",
    # and what news calls people in a story: "Australian Statistician Catherine Mills",
    # "Denise Thibodeaux, a resident who rode out the storm"
    "statistician", "demographer", "meteorologist", "geologist", "volcanologist",
    "seismologist", "superintendent", "curator", "forecaster", "treasurer", "auditor",
    "resident", "survivor", "witness", "passenger", "volunteer", "miner", "worker",
    "shopkeeper", "tourist"})


def _is_kind_word(word: str) -> bool:
    return re.sub(r"(?:'s|’s|[,.])$", "", word).lower() in KINDS


def is_office_word(word: str) -> bool:
    """An office noun, as written in a title: "Ambassador", "Secretary-General", "envoy's"."""
    w = re.sub(r"(?:'s|’s)$", "", word).lower()
    return w in OFFICES or w.split("-")[0] in OFFICES


_OF_PLACE = re.compile(r"of\s+(?:the\s+)?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*")


def _ends_in_office(title: str) -> bool:
    """Whether a title before a name ends in an office noun, or in one and what it is of:
    "Russian Foreign Minister", "U.S. Secretary of State", "Minister of the Interior"."""
    words = title.split()
    for k in range(len(words) - 1, -1, -1):
        if is_office_word(words[k]):
            return k == len(words) - 1 or bool(_OF_PLACE.fullmatch(" ".join(words[k + 1:])))
    return False


def describes_whole(sentence: Sentence, name: str, titles_only: bool = False) -> bool:
    """Does ``sentence`` say what ``name`` is (:func:`description`; ``titles_only``: by a
    title or kind right before it) and hold every word of it? description() keys on the
    last word, so "Vladimir Churkin" would find Vitaly Churkin's title; a rule that answers
    by it needs the whole name."""
    words = [w for w in name.split() if w.lower() not in NAME_PARTICLES]
    return all(re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", sentence.text) for w in words) \
        and description(sentence, name, definitions=not titles_only,
                        appositions=not titles_only) is not None


def description(sentence: Sentence, name: str, definitions: bool = True,
                appositions: bool = True) -> tuple[int, int] | None:
    """Where ``sentence`` says who or what ``name`` is: the office title right before a
    mention of it ("Russia's UN Ambassador Vitaly Churkin"), else a definition after it
    ("Chopin (1810-1849) was a Polish composer"), else an apposition after it that names an
    office ("Fatmir Sejdiu, president of the Serbian province of Kosovo, ...").
    Document offsets, or None when the sentence only mentions the name. ``definitions=False``:
    titles and appositions only (what the sentence says in passing, not what it is about);
    ``appositions=False`` as well: only a title or kind right before the name."""
    text, base = sentence.text, sentence.start
    words = [w for w in name.split() if w.lower() not in NAME_PARTICLES | {"of", "the"}]
    if not words:
        return None
    spelled = expansion(text, name)
    if spelled is not None:
        # the words it is short for: "the California Department of Forestry and Fire
        # Protection, known as Cal Fire" ("Who is Cal Fire?" had been "spokesman", the title
        # of the man quoted as "a Cal Fire spokesman")
        return base + spelled[0], base + spelled[1]
    key = re.sub(r"(?:'s|’s)$", "", words[-1])
    # the whole name where the text writes it so, though no entity holds it
    whole = re.compile(r"(?<![\w-])" + r"\s+".join(map(re.escape, [*name.split()[:-1], key]))
                       + "$")
    for m in re.finditer(rf"(?<![\w-]){re.escape(key)}(?![\w-])", text):
        start, end = m.start(), m.end()
        written = whole.search(text[:end])
        if written:
            start = written.start()
        for e in sentence.entities:  # the whole mention: "Vitaly Churkin", not "Churkin"
            if e.start - base <= start and end <= e.end - base:
                head = text[e.start - base:start].split()
                if head and re.sub(r"(?:'s|’s)$", "", head[-1]).lower() in OCCUPATIONS | OFFICES:
                    break  # the tagger's "Statistician Catherine Mills": the title is no name
                start, end = e.start - base, e.end - base
                break
        before = _TITLE_BEFORE.search(text[:start])
        if before and before.group(1).strip():
            title = before.group(1).rstrip()
            a = before.start(1)
            lead = _LEAD_WORDS.match(title)  # "But Russian Foreign Minister"
            if lead:
                a, title = a + lead.end(), title[lead.end():]
            if title and _ends_in_office(title):
                return base + a, base + a + len(title)
            if title.split()[-1].lower() in KINDS | ORG_KINDS and title[:1].islower():
                # "the collapsed cryptocurrency exchange FTX": what kind of body it is
                return base + a, base + a + len(title)
            job = re.search(r"(?:[A-Z][\w'’.-]*\s+)*(\S+)$", title)
            if job and re.sub(r"(?:'s|’s)$", "", job.group(1)).lower() in OCCUPATIONS:
                # its last word, with the names before it ("Netflix co-founder"), not the
                # verb before it ("said co-founder")
                return base + a + job.start(), base + a + len(title)
            kind = _KIND_OF.fullmatch(title)
            if kind:  # "the Serbian province of Kosovo": what kind of place it is
                return base + a, base + a + len(kind.group(1))
        defined = _DEFINED.match(text[end:]) if definitions else None
        if defined:  # "Frédéric Chopin (1810-1849) was a Polish composer"
            a = end + defined.start(1)
            return base + a, base + a + len(defined.group(1))
        after = _APPOSED.match(text[end:]) if appositions else None
        if after:
            # up to a relative clause: "a schoolteacher from Arequipa who was travelling ...",
            # but a bare "the <noun>" needs its clause to say which: "the physician who runs
            # the unit"
            phrase = re.split(r"\s+(?:who|whom|which|that|whose)\s", after.group(1))[0]
            if re.fullmatch(r"the\s+[\w-]+", phrase):
                phrase = after.group(1)
            if any(is_office_word(w) or _is_kind_word(w) or w.lower() in OCCUPATIONS
                   for w in phrase.split()[:4]):
                a = end + after.start(1)
                return base + a, base + a + len(phrase)
        lead = _APPOSED_BEFORE.search(text[:start]) if appositions else None
        if lead and re.match(r"\s*,", text[end:]) and \
                lead.group(1).split()[-1].lower() not in _NOT_APPOSED:
            # "The national emergency agency, Senapred, said ...", "A camera on board, called
            # DRACO, ...": an apposition before it ("its own probe, Hera," with its owner)
            # ... or a relative's ("her son, Anders Vollan,")
            a = lead.start() if lead.group(1).startswith("own ") or re.match(
                r"(?:[Hh]is|[Hh]er|[Tt]heir)\s", lead.group()) else lead.start(1)
            return base + a, base + lead.end(1)
    return None
