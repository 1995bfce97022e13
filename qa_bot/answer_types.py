"""What kind of answer a question wants, and which spans of a sentence could be it.

Question classes map to spaCy NER labels (plus our NUMBER/QUOTE patterns). Rules, not a model:
they are transparent and cover the wh-words that carry most of the signal.
"""

from __future__ import annotations

import re

from .constraints import NAME_PARTICLES, OCCUPATIONS, OFFICES, is_office_word
from .terms import AUXILIARIES, terms
from .types import Entity, Sentence

PERSON = {"PERSON"}
ORG = {"ORG", "NORP"}
PLACE = {"GPE", "LOC", "FAC"}
DATE = {"DATE", "TIME"}
NUMBER = {"CARDINAL", "QUANTITY", "MONEY", "PERCENT", "NUMBER", "ORDINAL"}
QUOTE = {"QUOTE"}

TYPES: dict[str, set[str]] = {
    "person": PERSON | {"ORG", "NORP", "GPE"},  # "who" is a person, an organization, a country
    "organization": ORG | {"GPE"},
    "place": PLACE,
    "date": DATE,
    "number": NUMBER,
    "money": {"MONEY", "CARDINAL", "NUMBER"},
    "percent": {"PERCENT", "CARDINAL", "NUMBER"},
    "duration": {"DATE", "TIME", "QUANTITY", "CARDINAL"},
    "quote": QUOTE,
    "event": {"EVENT", "ORG"},
    "law": {"LAW", "ORG"},
    "language": {"LANGUAGE", "NORP"},
    "work": {"WORK_OF_ART", "ORG", "PRODUCT"},
    "nationality": {"NORP", "GPE"},
    "identity": set(),  # a title or apposition (constraints.description), not an entity
    "other": set(),
}

_NOUN_TYPES = [
    (r"countr(y|ies)|nation|state|cit(y|ies)|town|province|region|capital|village|continent|"
     r"island|territor(y|ies)|area|location|place", "place"),
    (r"year|month|day|date|decade|century|time|period|era|season|deadline",
     "date"),
    (r"organi[sz]ation|agency|company|bod(y|ies)|alliance|group|party|team|institution|"
     r"council|union|bank|universit(y|ies)|newspaper|government|network|firm|club", "organization"),
    (r"person|man|woman|minister|ambassador|president|envoy|leader|official|king|queen|"
     r"secretary|diplomat|player|author|scientist|emperor|general|chancellor|mediator|"
     r"politician|spokes(man|woman)|founder|director|actor|singer|coach|pope|governor",
     "person"),
    (r"percentage|percent|proportion", "percent"),
    (r"costs?|prices?|budgets?|fees?|profits?|revenues?|sales|earnings|salar(y|ies)|wages?|"
     r"fares?", "money"),
    (r"number|amount|population|total|count", "number"),
    (r"language", "language"),
    (r"law|resolution|treaty|act", "law"),
    (r"war|battle|event|election|summit|conference", "event"),
    (r"nationality|ethnicity|ethnic group|religion", "nationality"),
]
_NOUN_RE = [(re.compile(rf"^(?:{p})$"), t) for p, t in _NOUN_TYPES]
_SAY = re.compile(r"\b(describe[sd]?|call(ed|s)?|characteri[sz]ed?|term(ed)?|"
                  r"sa(y|id|ys)|warn(ed|s)?|stress(ed|es)?|urge[sd]?|quote[sd]?|"
                  r"insist(ed|s)?|argue[sd]?|state[sd]?|tell|told|claim(ed|s)?|"
                  r"word(s|ed)?)\b")


# verbs that take a clause ("said NATO would act"), and words that start a topic instead
_CLAUSE_VERBS = {"say", "warn", "stress", "insist", "argue", "claim"}
_QUOTE_TOPIC = {"about", "of", "on", "regarding", "concerning", "to", "in", "at", "after",
                "before", "during", "when", "while", "following", "with", "as", "afterwards",
                "then", "today", "yesterday", "later", "next", "first"}


# "Who is Fatmir Sejdiu?", "What is UNMIK?": the question is a name and nothing else. Not a
# definite description ("Who was the MVP of Super Bowl XLI?"), a possessive ("Who was Guy's
# rival?") or a title with "of" ("Who was Count of Melfi?"): those ask for a person.
_IDENTITY = re.compile(r"^\s*(?:who\s+(?:is|was|are|were)|what\s+(?:is|was|are|were)(?:\s+the)?)\s+"
                       r"([A-Z0-9][\w.-]*"
                       rf"(?:\s+(?:(?:{'|'.join(sorted(NAME_PARTICLES))})\s+)*"
                       r"[A-Z0-9][\w.-]*)*)\s*\??\s*$", re.I)


# "What is Fatmir Sejdiu's title?", "What position does Massimo D'Alema hold?", "What
# profession was Nathan Alterman?": the same question about a name's office or occupation
_ROLE = r"(?:title|position|job|role|post|office|occupation|profession)"
_ROLE_QUESTION = re.compile(
    rf"^\s*what\s+(?:is|was)\s+(.+?)(?:'s|’s)\s+(?:official\s+|current\s+)?{_ROLE}\s*\??\s*$"
    rf"|^\s*what\s+{_ROLE}\s+(?:does|did)\s+(.+?)\s+(?:hold|have|occupy)\s*\??\s*$"
    rf"|^\s*what\s+{_ROLE}\s+(?:is|was)\s+(.+?)\s*\??\s*$", re.I)


def identity_name(question: str) -> str:
    """The name a "Who is <name>?" question (or "What is <name>'s title?", "What position
    does <name> hold?") asks about, else "". Such a question wants what the articles say the
    name is (a title, a definition, an apposition), not another name; SQuAD v1.1 dev has 24
    "Who is" and ~10 such role questions in 10,570, too few to fit on: a rule decides, and
    the fitted models see the question as "other" (``model_type``)."""
    question = " ".join(question.split())  # one space between words: no runs to backtrack
    m = _IDENTITY.match(question) or _ROLE_QUESTION.match(question)
    if not m:
        return ""
    name = next(g for g in m.groups() if g is not None)
    words = [w for w in name.split() if w.lower() not in NAME_PARTICLES]
    # every word of the name capitalized as the user wrote it (the pattern ignores case)
    if not words or not all(w[:1].isupper() or w[:1].isdigit() for w in words):
        return ""
    if is_office_word(words[-1]):
        return ""  # "Who is President?" / "Who is Secretary-General?": an office question
    return name


_WH_WORD = r"\b(?:who|whom|whose|what|which|where|why|how)\b"


def _asks_when(q: str) -> bool:
    """Whether "when" is the question's own question word, not a conjunction inside it:
    "Who replaced him when John Fox left?" and "When John Fox left, who replaced him?" ask
    for a person (both had been date questions), "When did Fox leave?" for a date."""
    m = re.search(r"\bwhen\b", q)
    return bool(m) and not re.search(_WH_WORD, q[:m.start()]) and \
        not re.search(rf",\s*{_WH_WORD}", q[m.end():])


def _asks_who(q: str) -> bool:
    """Whether "who/whom/whose" is the question's own word, not a relative pronoun after
    another question word ("What would a teacher do for someone who is timid?")."""
    m = re.search(r"\b(?:who|whom|whose)\b", q)
    return bool(m) and not re.search(_WH_WORD, q[:m.start()])


def classify(question: str, identity: bool = True) -> str:
    """One of TYPES' keys. 'other' means no typed span is expected (answer = sentence);
    'identity' is a "Who is <name>?" question (see identity_name; ``identity=False``: the
    class it had before that rule, to measure the rule)."""
    if identity and identity_name(question):
        return "identity"
    q = question.lower().strip()
    q = re.sub(r"^(and|so|but|ok|okay|then|also|now)[, ]+", "", q)
    if re.search(r"\bhow (many|much)\b", q):
        return "money" if re.search(r"\b(costs?|money|paid|pay|prices?|worth|dollars?|"
                                    r"profits?|revenues?|sales|earnings|spen[dt]|budgets?|"
                                    r"salar(y|ies)|fees?)\b", q) \
            else "number"
    if re.search(r"\bhow (long|old)\b", q):
        return "duration"
    if re.search(r"\bhow (hot|cold|warm|cool)\b", q):
        # a temperature: "roughly 3,300 degrees Celsius" (had been answered with the star's
        # name)
        return "number"
    if re.search(r"\b(what|which) (percentage|percent|proportion)\b", q) or re.search(
            r"^\W*(?:and\s+)?what\s+(?:share|(?:is|was|were|'s)\s+(?:the\s+|its\s+|their\s+|"
            r"his\s+|her\s+|(?:[\w-]+\s+){0,3}?[\w-]+(?:'s|’s)\s+)?share)\b", q):
        # "What was its share of the vote?", "What share did the Greens win?": a percentage
        return "percent"
    # ("In what minute?" of a match: "the 23rd minute", a time, not a name)
    if _asks_when(q) or re.search(r"\bwhat (year|date|day|month|time|decade|century|minute|"
                                  r"hour)\b|\b(which|what) (year|date|day|month|minute)\b",
                                  q):
        return "date"
    if re.search(r"\bwhere\b|\bfrom what (country|city|place)\b", q):
        return "place"
    if _asks_who(q):
        return "person"
    if re.search(r"^how (did|does|do|would|will|has|have|had|was|were|is)\b", q) and _SAY.search(q):
        return "quote"
    m = re.search(r"\bwhat (?:else )?did .+? (say|warn|stress|urge|tell|insist|argue|claim|call)\b"
                  r"\s*(\w*)", q)
    if m and not (m.group(1) in _CLAUSE_VERBS and m.group(2) and
                  m.group(2) not in _QUOTE_TOPIC):
        # "What did he say about X?" wants the quote; "What did he say NATO would do?" asks
        # for a phrase inside it (a complement clause follows the verb)
        return "quote"
    m = re.search(r"\b(?:what|which) (?:is|was|are|were) (?:the|a|an) ([a-z]+)\b", q) or \
        re.search(r"\b(?:what|which)\s+(?:kind of\s+|type of\s+|sort of\s+)?"
                  r"(?:[a-z]+\s+)?([a-z]+)\b", q)
    if m:
        # the noun right after the wh-word, wherever the wh-word stands ("In which city ...";
        # not "what type of city", which asks for a kind, not an instance)
        after = re.search(r"\b(?:what|which)\s+([a-z]+)", q)
        for word in (m.group(1), q.split()[1] if len(q.split()) > 1 else "",
                     after.group(1) if after else ""):
            for rx, typ in _NOUN_RE:
                if rx.match(word):
                    return typ
    return "other"


_POLAR = re.compile(r"^(?:(?:and|so|but|then|also)[, ]+)?(?:is|are|was|were|am|do|does|did|can|"
                    r"could|will|would|shall|should|has|have|had|may|might|must)(?:n[o'’]?t)?\b",
                    re.I)
_WH_ANY = re.compile(r"\b(what|which|who|whom|whose|when|where|why|how)\b", re.I)


def is_polar(question: str) -> bool:
    """A yes/no question ("Is Kosovo independent?", "Did Russia block the plan?"): the articles
    never hold "yes" or "no" verbatim, so the answer is the sentence that bears on it, not a
    span of it. A wh-word anywhere ("Did he say what NATO would do?") or a choice ("... high
    or low?") asks for a span."""
    q = question.strip()
    return bool(_POLAR.match(q)) and all(_relative(q, m) for m in _WH_ANY.finditer(q)) \
        and not re.search(r"\bor\b", q, re.I)


# verbs and prepositions an indirect question follows: "Did he say which race ...?", "Did
# they talk about where ...?"; after any other word "who", "which", "where" start a relative
# clause ("Was the woman who was questioned charged?") and ask for nothing
_INDIRECT = frozenset({
    "say", "says", "said", "know", "knows", "knew", "ask", "asks", "asked", "tell", "tells",
    "told", "explain", "explains", "explained", "reveal", "revealed", "disclose", "disclosed",
    "decide", "decided", "confirm", "confirmed", "specify", "specified", "indicate",
    "indicated", "announce", "announced", "mention", "mentioned", "show", "showed", "report",
    "reported", "state", "stated", "clarify", "clarified", "wonder", "determine", "determined",
    "learn", "learned", "discuss", "discussed", "identify", "identified", "name", "named",
    "about", "on", "of", "as", "to"})
_AUXILIARY = AUXILIARIES | {"am", "shall"}  # a yes/no question's opening word


def _relative(question: str, m: re.Match[str]) -> bool:
    """Whether the wh-word at ``m`` opens a relative clause: "who", "whom", "whose", "which",
    "where" or "when" right after a noun or a comma, not after a verb of saying or knowing."""
    if m.group(1).lower() not in {"who", "whom", "whose", "which", "where", "when"}:
        return False
    before = re.search(r"([\w'’-]+|,)\s*$", question[max(0, m.start() - 60):m.start()])
    if before is None:
        return False
    word = before.group(1).lower()
    return word == "," or (word not in _INDIRECT and word not in _AUXILIARY)



# what a question opens with when it is a question or a request: an auxiliary (yes/no), a
# conjunction of a follow-up fragment ("and the date?"), an imperative ("name the mediators")
_NOT_TOPIC = re.compile(r"^(?:(?:and|so|but|then|also|or|plus|now|ok|okay|tell|name|list|give|"
                        r"show|find|explain|describe|define|summari[sz]e|according|is|are|was|"
                        r"were|am|do|does|did|can|could|will|would|shall|should|has|have|had|"
                        r"may|might|must)\b)", re.I)
TOPIC_MAX_WORDS = 6
# a verb of being or doing anywhere, or a blank or a preposition at the end, makes a few words
# a cloze question ("The symbol for mercuric oxide is?", "Telnet was sold to"): those want a span
_CLOZE_WORDS = {"is", "are", "was", "were", "be", "been", "being", "am", "do", "does", "did",
                "has", "have", "had", "will", "would", "can", "could", "shall", "should", "may",
                "might", "must"}
_OPEN_END = {"of", "to", "for", "in", "on", "at", "by", "with", "from", "as", "the", "a", "an",
             "and", "than", "into", "about"}


def is_topic(question: str) -> bool:
    """A search, not a question: a few words with no question word, no auxiliary or
    imperative before them and no follow-up conjunction ("Kosovo independence", "NATO
    peacekeepers", "Churkin"). It names what to read about, not a name, date or number to pick
    out, so the answer is the sentence: a span of it was arbitrary ("Kosovo independence" had
    been answered "rest of the world", "NATO peacekeepers" "16,000")."""
    q = question.strip()
    words = [w.lower() for w in re.findall(r"[^\W_]+(?:['’-][^\W_]+)*", q)]
    return 0 < len(words) <= TOPIC_MAX_WORDS and not _WH_ANY.search(q) and \
        not _NOT_TOPIC.match(q) and "_" not in q and not _CLOZE_WORDS & set(words) and \
        words[-1] not in _OPEN_END


# a request to hear about something, as chat is typed: "Tell me about NATO", "What do the
# articles say about Rice?", "Any news on the deadline?"
_TOPIC_REQUEST = re.compile(
    r"^\W*(?:(?:please|so|and|ok|okay|now)\W+)?(?:(?:can|could|would|will)\s+you\s+)?(?:"
    r"tell\s+(?:me|us)(?:\s+(?:more|something|anything|everything|a\s+bit|a\s+little))?|"
    r"(?:give|show|get)\s+(?:me|us)\s+(?:(?:some|more|the)\s+)?(?:info(?:rmation)?|details|"
    r"background|news|facts)|"
    r"what\s+do\s+(?:you|we|they|the\s+(?:articles?|documents?|texts?|stor(?:y|ies)|news))\s+"
    r"(?:know|say|report|have|tell\s+(?:me|us))|"
    r"what\s+(?:is|was)\s+(?:said|reported|known|written)|"
    r"(?:is\s+there\s+)?(?:any(?:thing)?|some)(?:\s+(?:news|info(?:rmation)?))?|"
    r"info(?:rmation)?|news|more)\s+"
    r"(?:about|on|regarding|concerning)\s+(?P<topic>.*\w)\W*$", re.I)


def topic_request(question: str) -> str | None:
    """What a request to hear about something names ("Tell me about NATO" -> "NATO"), when
    that is a search (:func:`is_topic`), else None. Such requests are searches in a chat's
    clothes: read as questions they had no question word and abstained ("Tell me about NATO"
    at 0.06)."""
    m = _TOPIC_REQUEST.match(question)
    if not m:
        return None
    topic = m.group("topic").strip()
    return topic if is_topic(topic) and terms(topic) else None  # not "him", "it"


_WHY = re.compile(r"^\W*(?:(?:and|so|but|then)\W+)?why\b", re.I)


def is_why(question: str) -> bool:
    """A question asking for a reason ("Why did NATO pledge to keep its peacekeepers?"): a
    reason is a clause ("to deter any clashes", "because ..."), never a bare name, number or
    date of the sentence."""
    return bool(_WHY.match(question))


# question classes that answer by rule, and the class the fitted models see them as (their
# training has too few such questions to learn a class of their own)
_FITTED_AS = {"identity": "other"}


def model_type(qtype: str) -> str:
    """The class the fitted models know ``qtype`` by: fitting and answering both use it."""
    return _FITTED_AS.get(qtype, qtype)


def expected_labels(qtype: str) -> set[str]:
    return TYPES.get(qtype, set())


_QUOTE_EDGE = "\"'“”‘’ ,.;:!?"


def trim_quote(e: Entity) -> tuple[int, int]:
    """Offsets of a quote without its quotation marks and trailing punctuation."""
    t = e.text
    lo, hi = 0, len(t)
    while lo < hi and t[lo] in _QUOTE_EDGE:
        lo += 1
    while hi > lo and t[hi - 1] in _QUOTE_EDGE:
        hi -= 1
    return (e.start + lo, e.start + hi) if hi > lo else (e.start, e.end)


_DATE_INTO_COUNT = re.compile(r"\s+of\s+(?:\d{1,2}|one|two|three|four|five|six|seven|eight|"
                              r"nine|ten|eleven|twelve)$", re.I)


def candidates(sentence: Sentence) -> list[Entity]:
    """Candidate short answers in a sentence: entities, numbers, quotes (quotes trimmed)."""
    out: list[Entity] = []
    seen: set[tuple[int, int]] = set()
    for e in sentence.entities:
        a, b = (trim_quote(e) if e.label == "QUOTE" else (e.start, e.end))
        text = sentence.text[a - sentence.start : b - sentence.start]
        if e.label == "DATE":
            # the tagger runs a date on into a count: "November of seven" (counts of fraud)
            count = _DATE_INTO_COUNT.search(text)
            if count:
                b -= len(text) - count.start()
                text = text[:count.start()]
        # strip a leading "the " so "the European Union" and "European Union" both match
        if (a, b) in seen or not text.strip():
            continue
        seen.add((a, b))
        out.append(Entity(a, b, e.label, text))
    open_quote = _open_quote(sentence)
    if open_quote is not None and not any(e.label == "QUOTE" for e in out):
        out.append(open_quote)
    return out


def _open_quote(sentence: Sentence) -> Entity | None:
    """A quotation that spans sentences: the part inside this one ('saying: "NATO's ... remains
    crucial.' or 'We will not accept it," he said.'). Sentence splitting cuts such quotes, so
    the index-time pattern, which needs both marks, misses them."""
    t = sentence.text
    lo = hi = None
    if t.count('"') % 2 == 1:
        i = t.index('"')
        # an odd mark near the end closes a quote opened earlier; otherwise it opens one
        lo, hi = (0, i) if _closes(t, i) else (i + 1, len(t))
    elif t.count("“") > t.count("”"):
        lo, hi = t.rindex("“") + 1, len(t)
    elif t.count("”") > t.count("“"):
        lo, hi = 0, t.index("”")
    if lo is None or hi is None:
        return None
    e = Entity(sentence.start + lo, sentence.start + hi, "QUOTE", t[lo:hi])
    a, b = trim_quote(e)
    if b - a < 8:
        return None
    return Entity(a, b, "QUOTE", t[a - sentence.start : b - sentence.start])


def _closes(text: str, i: int) -> bool:
    """A lone straight quote mark after a comma/period with no word right after it closes."""
    return i > 0 and text[i - 1] in ",.!?" and (i + 1 == len(text) or not text[i + 1].isalnum())


# an amount in words: "seven", "a dozen", "2 million", "half"
_NUMBER_WORD = re.compile(
    r"\b(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
    r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|"
    r"seventy|eighty|ninety|hundreds?|thousands?|millions?|billions?|trillions?|dozens?|"
    r"half|halves|thirds?|quarters?|double|twice|triple|single|several|few|many|most|all|"
    r"none|no|once|"
    # a count by its last: "his ninth tour-level title" (how many has he won?)
    r"first|second|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|"
    r"\w+teenth|\w+tieth)\b", re.I)
_CHANGE = re.compile(
    r"\b(?:f[ae]ll(?:en|s)?|falling|drop(?:ped|s)?|rise[ns]?|rose|rising|gr[eo]w(?:n|s)?|"
    r"increased?|decreased?|declined?|climb(?:ed|s)?|jump(?:ed|s)?|shr[iau]nk|cut|slow(?:ed)?|"
    r"gain(?:ed)?|los[et]|lower(?:ed)?|raised?|reduced?|go\s+up|went\s+up|gone\s+up)\b", re.I)
_SHARE = re.compile(r"\b(?:half|halves|thirds?|quarters?|fifths?|tenths?|double[ds]?|twice|"
                    r"tripled?|percent|per\s+cent)\b|%", re.I)


def gives_kind(question: str, qtype: str, answer: str) -> bool:
    """Whether ``answer`` is of the kind the question asks for, where the kind is plain to
    see: a how-many question is answered by a number (a digit, or a number in words:
    "seven", "several"), a how-much question about money by a digit or a large number. The
    span model, when the articles do not say, takes whatever phrase the sentence offers:
    "several months" for what a pontoon will cost (0.94). Any other question takes any
    answer: "What is the name of ...?" would want a name, but SQuAD's are as often a concept
    ("trial division", "primality"; measured, 2026-12-07)."""
    m = re.search(r"\bhow\s+(many|much)\b", question, re.I)
    if m is None or re.search(_WH_WORD, question[:m.start()].lower()):
        return True  # "How was it determined how many ... would be appointed?" asks how
    if qtype == "money" and m.group(1).lower() == "much":
        return bool(re.search(r"\d", answer) or re.search(
            r"\b(?:hundreds?|thousands?|millions?|billions?|trillions?)\b", answer, re.I) or (
            # how much something changed is as often a share ("her sales had fallen by a
            # third", abstained at 0.00) as an amount
            _CHANGE.search(question) and _SHARE.search(answer)))
    if qtype in ("number", "money") and m.group(1).lower() == "many":
        return bool(re.search(r"\d", answer) or _NUMBER_WORD.search(answer))
    return True


# "What is the name of the firefighter who was swept away?": a person's name is asked
_NAME_OF = re.compile(
    r"^\s*(?i:and\s+)?(?i:what)\s+(?:is|was|are|were)\s+the\s+(?:full\s+)?names?\s+of\s+"
    r"(?:the|this|that|his|her|their|its)\s+(?P<what>[\w'’-]+(?:\s+[\w'’-]+){0,3}?)"
    r"(?:\s+(?:who|that|whom|whose|which|in|at|on|for|from|with|by|of)\b.*)?\s*\??\s*$")
_PERSONS = OFFICES | OCCUPATIONS | {
    "suspect", "victim", "defendant", "man", "woman", "boy", "girl", "child", "person",
    "winner", "owner", "husband", "wife", "son", "daughter", "mother", "father", "lawyer"}


def asks_persons_name(question: str) -> bool:
    """Whether the question asks for a person's name by what they are ("What was the name
    of the bus driver?"): answered by a name of a person, or not at all. (Not "the name of
    the company", nor SQuAD's "the name of the process", which a concept answers.)"""
    m = _NAME_OF.match(" ".join(question.split()))
    if m is None:
        return False
    noun = m.group("what").split()[-1].lower()
    return noun in _PERSONS or (noun.endswith("s") and noun[:-1] in _PERSONS)
