"""Follow-up questions without a language model: detect, resolve, expand.

A deterministic detector decides whether a question leans on the previous turn (third-person
pronouns, "it/that/there", ellipsis such as "and the date?" or "what about Russia?", very short
questions that name nothing new). Only then is the *retrieval* query expanded with the previous
question and answer; the user's own words stay for answer selection, with he/she/his/her
replaced by the previous answer's person where that is the natural reading, and a fragment
("and the date?", "why?") read as the previous question with the new focus, and an "else"
question ("What else did he say?", "Who else?") asked past what was already given. New-topic
questions pass through untouched, so a topic switch is never dragged back to the old topic.
Small talk ("thanks", "hello") is no question at all: it is answered without searching and
skipped when later turns look back.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from .answer_types import classify, identity_name
from .constraints import NAME_PARTICLES, OCCUPATIONS, OFFICES
from .question import MAX_QUESTION_CHARS
from .terms import AUXILIARIES, CALENDAR, content_words, nationality_place, terms

_HE_WORDS, _SHE_WORDS = "he|him|his|himself", "she|her|hers|herself"
_HE = re.compile(rf"\b({_HE_WORDS})\b", re.I)
_SHE = re.compile(rf"\b({_SHE_WORDS})\b", re.I)
_PERSONAL = re.compile(rf"\b({_HE_WORDS}|{_SHE_WORDS})\b", re.I)
_OTHER_REF = re.compile(r"\b(it|its|they|them|their|theirs|that|this|there|those|these)\b", re.I)
# "there" that points nowhere: "How many aftershocks have there been?", "Is there a cure?"
_EXISTENTIAL = re.compile(r"\bthere\s+(?:is|are|was|were|has|have|had|will|would|could|might|"
                          r"may|must|should|seems?|appears?)\b|\b(?:is|are|was|were|has|have|"
                          r"had|will|would|could|might|should)\s+there\b", re.I)
# "it" as a question's subject: "When will it come to Europe?", "How much does it cost?"
_IT_SUBJECT = re.compile(r"^\W*(?:\w+\s+){0,2}?(?:is|was|does|did|do|will|would|can|could|"
                         r"has|had|should)\s+it\b(?!['’])", re.I)
_ELLIPSIS = re.compile(r"^\s*(and|what about|how about|and what about|what of|also)\b", re.I)
# asks for more than the conversation already gave: "What else did he say?", "Who else?"
_ELSE = re.compile(r"\b(?:what|who|whom|where|when|which|how|why|anything|anyone|anybody|"
                   r"something|someone|somebody|somewhere)\s+else\b", re.I)
# the assistant's reply when it had no answer (pipeline.ABSTAIN_TEXT and older phrasings)
_NO_ANSWER = ("the articles don", "i couldn", "sorry")
_NAME = re.compile(r"\b([A-Z][\w'’\-]+(?:\s+(?:de|van|von|der|al|bin|da|di|la|le)?\s*"
                   r"[A-Z][\w'’\-]+)*)")
_BOLD = re.compile(r"\*\*(.+?)\*\*", re.S)
_NOT_NAMES = {"The", "A", "An", "What", "Who", "Whom", "Whose", "When", "Where", "Which", "Why",
              "How", "Did", "Does", "Do", "Is", "Are", "Was", "Were", "And", "But", "In", "On",
              "Of", "It", "He", "She", "They", "I", "We", "You", "UN", "Of course"}
_PERSON_TYPES = {"person"}
MAX_TURNS_BACK = 4  # how far back a "he/she" may reach for its person
# a message that is only a greeting, thanks, goodbye, acknowledgement or a request for help
_SMALL_TALK = {
    "greeting": r"(hi|hello|hey|hiya|howdy|greetings|good (morning|afternoon|evening|day))"
                r"( there| all| everyone| bot| qa-bot)?",
    "thanks": r"(thanks|thank you|thx|ty|cheers|many thanks|much appreciated|appreciated)"
              r"( (a lot|so much|very much|again|for (that|this|the answer|your help)))*",
    "bye": r"(bye|goodbye|good bye|bye bye|see you|see ya|farewell)( later| soon)?",
    "ack": r"(ok|okay|k|cool|great|nice|good|perfect|awesome|alright|all right|got it|i see|"
           r"understood|interesting|wow|yes|no|sure|fine)",
    "help": r"(help|help me|what can you do|who are you|what are you|how does this work|"
            r"how do i use (this|you)|what do you know)",
}
_SMALL_TALK_RE = {k: re.compile(rf"^(?:{v})(?: (?:{_SMALL_TALK['thanks']}))?$")
                  for k, v in _SMALL_TALK.items()}
# a request for what the articles are about as a whole (lowercase, punctuation squeezed as
# small_talk squeezes it): no sentence answers it better than an article's own opening
_DOCS = (r"(?:the |this |these |that |those |your )?"
         r"(?:articles?|stor(?:y|ies)|news|texts?|documents?)")  # not "report": a story's own
# ... or of one article, named by a few words: "What is the flood article about?",
# "Summarize the article about Acme", "Summarize the Acme story"
_ONE_DOC = (r"(?:the |this |that )?((?:[\w'-]+ ){1,3})?"
            r"(?:article|story|piece|text|document)"
            r"(?: (?:about|on) ((?:[\w'-]+ ?){1,4}))?")
_NAMED_DOC = re.compile(_ONE_DOC + "$")
_OVERVIEW = re.compile(
    r"^(?:(?:please|ok|okay|so) )?(?:(?:can|could|would|will) you )?(?:"
    rf"(?:summari[sz]e|sum up|recap)(?: {_DOCS}| it| them| {_ONE_DOC})?(?: for me)?|"
    rf"(?:give|show|tell) me (?:a |an |the )?(?:summary|overview|gist|rundown|main points)"
    rf"(?: of {_DOCS}| of it| of them| of {_ONE_DOC})?|"
    rf"what(?:'s| is| are) {_DOCS} about|what(?:'s| is) it about|what are they about|"
    rf"what(?:'s| is) {_ONE_DOC} about|"
    rf"what do {_DOCS} (?:say|cover|report)|what(?:'s| is) the (?:gist|summary|story|news)|"
    r"(?:a |the )?(?:summary|overview|gist|tl ?dr)(?: please)?)$")
_OVERVIEW_VERBS = {"what", "what's", "is", "summarize", "summarise", "sum", "up", "recap", "give",
                   "show", "tell", "me", "a", "an", "of", "summary", "overview", "gist",
                   "rundown", "main", "points", "please", "can", "could", "would", "will",
                   "you", "ok", "okay", "so"}
_NOT_NAMING = {"the", "this", "that", "these", "those", "your", "my", "first", "second", "last",
               "whole", "entire", "full", "news", "main"}
# a question that carries its own wh-word and more: a sentence, not a fragment to graft onto
# the previous question ("What is the deadline?" vs "And the deadline?", "Why?"), unless it
# points back ("Who said that?" needs the previous question's words to know what "that" is)
# a fragment that only moves the previous question in time or place: "and a year earlier?",
# "and in 2010?", "what about last year?", "and before that?"
_CIRCUMSTANCE = re.compile(r"^(?:(?:in|on|at|during|by|before|after|since|until|from|for)\b|"
                           r".*\b(?:earlier|later|ago|before|after|previously|then|last|next|"
                           r"this|that)\s*(?:year|month|week|quarter|day|time)?$)", re.I)
_ANY_WH = re.compile(r"\b(?:what|which|who|whom|whose|when|where|why|how)\b", re.I)
# a question for an amount: "How much did it earn?" (number) + "what about revenue?" (money)
_AMOUNTS = {"number", "money", "percent"}
# "and" (also "so", "but", "also") before a whole question
_AND_QUESTION = re.compile(r"^\s*(?:and|also|so|but)\s*,?\s+(?=(?:what|which|who|whom|whose|"
                           r"when|where|why|how)\b)", re.I)
_WH_START = re.compile(r"^\s*(what|which|who|whom|whose|when|where|why|how)\b\W*\w+\W+\w+",
                       re.I)


@dataclass
class Turn:
    question: str
    answer: str  # the reply's text without its quoted sentence
    quoted: str = ""  # the answer sentence the reply quoted ("> ..."), for "Tell me more"


@dataclass
class Resolved:
    """What to search with, what to select with, and why."""

    question: str  # the user's words, pronouns resolved where natural (for selection)
    search_query: str  # what the retriever sees
    qtype: str
    is_followup: bool
    antecedent: str = ""
    reason: str = ""
    # answers the conversation already gave that this question asks past ("What else did he
    # say?"): their sentences and spans are not the answer again
    exclude: tuple[str, ...] = ()
    # what the user already has, whose words alone are no answer ("" = the search query)
    known: str = ""
    # the previous answer, when a question word alone asks the previous question again
    # ("Where?", "When?"): a span holding all of it is that answer again, not a new one
    again: str = ""
    # the name a new one replaced ("Kroger" in "And Albertsons?" after "How many stores does
    # Kroger operate?"): ``again`` holds only in a sentence that names it too, where that
    # answer was the old name's ("about 2,700" in "Kroger ... operates about 2,700 stores,
    # while Albertsons ... runs about 2,270"); a sentence about both may answer both alike
    again_if: str = ""
    # the question whose unanswered person a "he/she" means (``unanswered_referent``): there
    # is nobody in the articles to answer about
    unanswered: str = ""
    # the group a "they" was read as ("troika"), for a "they" in the next question
    group: str = ""
    # what an "it" was read as ("D66"), for an "it" in the next question
    thing: str = ""


def _content(msg: dict) -> str:
    c = msg.get("content", "")
    if isinstance(c, str):
        return c
    if isinstance(c, dict):  # gradio file/component messages
        return str(c.get("text") or c.get("value") or "")
    if isinstance(c, list):
        return " ".join(_content({"content": x}) if not isinstance(x, str) else x for x in c)
    return str(c or "")


def _squeezed(text: str) -> str:
    """Lowercase words, apostrophes and hyphens only, single-spaced: what the whole-message
    patterns (small talk, overview requests) read."""
    t = re.sub(r"[^\w' -]+", " ", text.lower()).replace("’", "'")
    return " ".join(t.replace(" - ", " ").split())


def small_talk(text: str) -> str | None:
    """The kind of small talk ("greeting", "thanks", "bye", "ack", "help") when the whole
    message is that and nothing else, else None: "Thanks, and who is Churkin?" is a question."""
    t = _squeezed(text)
    if not t or len(t) > 60:
        return None
    return next((k for k, rx in _SMALL_TALK_RE.items() if rx.match(t)), None)


# "Who said that?" of the last answer: whose words its sentence gives
_WHO_SAID = re.compile(r"^\s*(?:(?:and|so|but|ok|okay)[, ]+)?who\s+(?:said|says|wrote|writes|"
                       r"stated|warned|claimed|told\s+(?:them|us|reporters)|added|argued|"
                       r"insisted|made)\s+(?:that|this|it|so)(?:\s+(?:then|again))?\s*[?.!]*\s*$",
                       re.I)


# "What's his name?" after a question about someone by title ("What did the prosecutor say in
# closing arguments?")
_THEIR_NAME = re.compile(r"^\s*(?:(?:and|so|but|ok|okay)[, ]+)?what(?:['’]s|\s+is|\s+was)\s+"
                         r"(?:his|her)\s+(?:full\s+)?name\s*[?.!]*\s*$", re.I)


def asks_their_name(text: str) -> bool:
    """Whether the message asks the name of the one a pronoun means ("What's his name?")."""
    return bool(_THEIR_NAME.match(text))


def asks_who_said(text: str) -> bool:
    """Whether the message asks who said the last answer ("Who said that?")."""
    return bool(_WHO_SAID.match(text))


def asks_overview(text: str) -> str | None:
    """When the message asks what the articles are about as a whole ("Summarize the
    article", "What are these articles about?", "tl;dr"): the words naming one article
    ("flood" in "What is the flood article about?"), or "" for all of them; else None. No
    span answers that, and read as a question it abstained (0.00)."""
    t = _squeezed(text)
    if not (0 < len(t) <= 80 and _OVERVIEW.match(t)):
        return None
    m = _NAMED_DOC.search(t.removesuffix(" about"))
    words = " ".join(g or "" for g in m.groups()).split() if m else []
    return " ".join(w for w in words if w not in _NOT_NAMING and w not in _OVERVIEW_VERBS)


def turns(history: list[dict] | None) -> list[Turn]:
    """Every user question with the assistant's first reply to it (citations ignored),
    oldest first. Small talk is no turn: after "thanks" a "he" still means the person of the
    question before."""
    out: list[Turn] = []
    for i, msg in enumerate(history or []):
        if not isinstance(msg, dict) or msg.get("role") != "user":
            continue
        answer = ""
        for later in history[i + 1:]:
            if not isinstance(later, dict) or later.get("role") == "user":
                break
            if later.get("role") == "assistant" and \
                    not (later.get("metadata") or {}).get("title"):
                answer = _content(later)
                break
        if small_talk(_content(msg)) is None and _content(msg).strip():  # no empty turns
            # history is the caller's: a question squeezed and cut as clean_question does,
            # an answer cut (its lines matter: answer_entity reads the first), so no pattern
            # here or in the classifiers reads a huge or whitespace-padded message
            answer = answer[: 4 * MAX_QUESTION_CHARS]
            quoted = quoted_sentence(answer)
            if quoted:  # the short answer alone is what the other rules read
                answer = _QUOTED_LINE.sub("", answer).strip()
            out.append(Turn(" ".join(_content(msg).split())[:MAX_QUESTION_CHARS], answer,
                            quoted))
    return out


def last_turn(history: list[dict] | None) -> Turn | None:
    """The latest user question and the assistant's first reply to it (citations ignored)."""
    all_turns = turns(history)
    return all_turns[-1] if all_turns else None


def answer_text(answer: str) -> str:
    """The answer inside an assistant message: its bold part, else its first line; "" for
    the bot's "the articles don't say"."""
    m = _BOLD.search(answer)
    text = m.group(1) if m else answer.strip().splitlines()[0] if answer.strip() else ""
    text = text.strip().strip("\"'“”")
    return "" if not text or text.lower().startswith(_NO_ANSWER) else text


def answer_entity(answer: str) -> str:
    """The short answer inside an assistant message (:func:`answer_text`) when it is a name
    or phrase of at most 8 words, else "": what a follow-up may put in a question."""
    text = answer_text(answer)
    return text if len(text.split()) <= 8 else ""


def names(text: str) -> list[str]:
    out = []
    for m in _NAME.finditer(text):
        n = m.group(1).strip()
        if not text[:m.start()].strip(" \"'“‘(") and _opening_auxiliary(n):
            n = n.split(None, 1)[1]  # "Will Palmer appeal?": the question's verb, no given name
        if n not in _NOT_NAMES and not (len(n.split()) == 1 and n in _NOT_NAMES):
            out.append(n)
    return out


_WORD = re.compile(r"[\w'’.-]+")
MAX_NAME_WORDS = 6


@lru_cache(maxsize=8)
def _with_surnames(people: frozenset[str]) -> frozenset[str]:
    """The known names plus each one's surname: the user says "Lavrov" where the articles
    only ever wrote "Sergei Lavrov". Cached per corpus (the set is rebuilt only when the
    index changes)."""
    return people | {surname(n) for n in people if len(n.split()) > 1}


def person_mentions(text: str, people: Collection[str] = ()) -> list[str]:
    """People named in ``text``, in order. With ``people`` (the corpus's PERSON entities) only
    those count, the longest known name at each position first ("Vitaly Churkin" before
    "Churkin"); without, any capitalized name that is not a calendar word. Set lookups of the
    text's word n-grams, so thousands of known names cost no more than a few."""
    if not people:
        return [n for n in names(text) if n.split()[0] not in CALENDAR]
    known = _with_surnames(people if isinstance(people, frozenset) else frozenset(people))
    words = [m.group() for m in _WORD.finditer(text)]
    found, i = [], 0
    while i < len(words):
        for n in range(min(MAX_NAME_WORDS, len(words) - i), 0, -1):
            head, last = " ".join(words[i:i + n - 1]), words[i + n - 1]
            # the last word as written, without a full stop, without a possessive
            forms = dict.fromkeys([last, last.rstrip("."),
                                   re.sub(r"(?:'s|’s|')$", "", last.rstrip("."))])
            name = next((f"{head} {f}".strip() for f in forms if f"{head} {f}".strip() in known),
                        None)
            if name:
                prev = words[i - 1] if i else ""
                after = words[i + 1] if i + 1 < len(words) else ""
                opening = i == 1 and _opening_auxiliary(f"{prev} {name}")  # "Will Palmer ...?"
                if n == 1 and _given_name(prev) and not opening:
                    # a given name before a known surname makes another person: "Anders
                    # Vollan", the son, though the corpus knows only "Vollan", his mother
                    found.append(f"{prev} {name}")
                elif n == 1 and _given_name(after) and after not in _NOT_PERSONAL:
                    # ... and a surname after a known given name is the rest of the name:
                    # "Thomas Richter", where the tagger cut "Mayor Thomas Richter" to
                    # "Thomas" ("he" had become "Thomas")
                    found.append(f"{name} {after}")
                    i += 1
                else:
                    found.append(name)
                i += n
                break
        else:
            i += 1
    return found


def _opening_auxiliary(name: str) -> bool:
    """Whether a capitalized run opening a question starts with its auxiliary verb ("Will
    Palmer appeal?", "Can Ruiz stay?"): more words follow, and the first is no given name."""
    first, _, rest = name.partition(" ")
    return bool(rest) and first.lower() in AUXILIARIES


def _given_name(word: str) -> bool:
    """Whether ``word`` (right before a known surname) reads as a given name: capitalized,
    no possessive, no title, question word or calendar word."""
    return bool(re.fullmatch(r"[A-Z][a-z\u00c0-\u024f]+", word)) and word not in _NOT_NAMES \
        and word not in CALENDAR and word.lower() not in OFFICES \
        and word.lower() not in OCCUPATIONS and word.lower() not in _TITLE_WORDS


# capitalized before a name, but no given name
_TITLE_WORDS = {"mr", "mrs", "ms", "dr", "president", "prime", "minister", "king", "queen",
                "prince", "princess", "sir", "lady", "lord", "judge", "justice", "general",
                "colonel", "captain", "senator", "governor", "mayor", "chancellor", "pope",
                "saint", "st", "father", "sister", "brother", "coach", "chief", "secretary",
                "ambassador", "envoy", "said", "says", "told", "asked"}


def gender(question: str) -> str:
    """"he" or "she" by the question's third-person pronouns ("" for none or both)."""
    he, she = bool(_HE.search(question)), bool(_SHE.search(question))
    return "he" if he and not she else "she" if she and not he else ""


def referent(history_turns: list[Turn], people: Collection[str] = (), pronoun: str = ""
             ) -> str:
    """The person a "he/she/him/his/her" most naturally means, walking back over the turns:
    a person the assistant just gave as the answer to a who-question; else, if that turn
    itself said "he/she", whoever it meant (the referent carries through a run of
    follow-ups); else the last person the user named; else the first the answer named.
    ``pronoun`` ("he"/"she", :func:`gender`): a person the conversation already called by the
    other one is not meant ("What did she say?" after "What did he warn about?" of Lavrov)."""
    return next((found for _t, found in _referents(history_turns, people, pronoun) if found),
                "")


def unanswered_referent(history_turns: list[Turn], people: Collection[str] = (),
                        pronoun: str = "") -> str:
    """The question whose unknown answer a "he/she" means: "What did he say about Kosovo?"
    after "Who is the president of France?", which the articles could not answer, asks about
    that president, not about whoever the turns before named. "" when the pronoun reaches a
    person first (``referent``), or no such question."""
    for t, found in _referents(history_turns, people, pronoun):
        if found:
            return ""
        # "Who is the president of France?", or "Who is John Smith?" of a name the
        # articles never use
        asked_who = classify(t.question) in _PERSON_TYPES or (
            classify(t.question) == "identity" and re.match(r"\s*who\b", t.question, re.I))
        if asked_who and answered_nothing(t.answer) and not person_mentions(t.question, people):
            return t.question
    return ""


def answered_nothing(answer: str) -> bool:
    """Whether an assistant reply is the bot's "the articles don't say"."""
    return answer.strip().lower().lstrip("*").startswith(_NO_ANSWER)


def _referents(history_turns: list[Turn], people: Collection[str], pronoun: str
               ) -> Iterator[tuple[Turn, str]]:
    """``referent``'s walk: each turn back, newest first, with the person it offers ("")."""
    turns_back = history_turns[-MAX_TURNS_BACK:]
    other = {"he": "she", "she": "he"}.get(pronoun, "")
    first = len(history_turns) - len(turns_back)
    # (not where that pronoun meant a relative: "How old is he?" after a question about
    # "Denise Harlow's son" leaves Denise Harlow a "she")
    called_other = {referent(history_turns[:first + i], people)
                    for i, t in enumerate(turns_back) if other and gender(t.question) == other
                    and not (first + i > 0 and related_referent(
                        history_turns[first + i - 1].question, other))}
    for t in reversed(turns_back):
        ans = answer_entity(t.answer)
        found = ""
        if ans and classify(t.question) in _PERSON_TYPES and person_mentions(ans, people):
            found = person_mentions(ans, people)[0]
        elif ans and classify(t.question) in _PERSON_TYPES and _personal_name(ans):
            # the answer to a who-question, named as people are, though the tagger took it
            # for something else ("Lucas Tavares" as an organization: "How old is he?" after
            # "Who did Real Madrid sign?" had asked "How old is Madrid?")
            found = ans
        elif _PERSONAL.search(t.question):
            continue
        else:
            named = person_mentions(t.question, people) or person_mentions(t.answer, people)[:1]
            if not named and re.match(r"\s*who\b", t.question, re.I) \
                    and not answered_nothing(t.answer):
                # "Who is Timmermans?", answered, asks about a person, whatever the tagger
                # made of the name ("Timmermans" as a nationality: "What will he do?" had
                # found nobody)
                named = [n for n in (identity_name(t.question),) if n]
            found = named[-1] if named else ""
        yield t, found if found not in called_other else ""


# words that make a capitalized phrase an organization's or a place's name, not a person's
_NOT_PERSONAL = frozenset({
    "FC", "CF", "AC", "SC", "United", "City", "Real", "Club", "Inc", "Corp", "Co", "Ltd", "LLC",
    "Group", "Party", "Council", "Bank", "Ministry", "Department", "Union", "Association",
    "Committee", "Agency", "Court", "Company", "University", "College", "Institute",
    "Foundation", "Fund", "Authority", "Commission", "Board", "Service", "Office", "Police",
    "Army", "Force", "Forces", "Airlines", "Airways", "Motors", "Therapeutics",
    "Pharmaceuticals", "Holdings", "Partners", "Capital", "Times", "News", "Post", "Journal",
    "Street", "Avenue", "Road", "River", "Lake", "Mountain", "Island", "Islands", "County",
    "State", "States", "Republic", "Kingdom", "Province", "Region", "District", "Airport",
    "Station", "Stadium", "Hospital", "School", "Church", "Museum", "Centre", "Center", "Hotel",
    "Park", "Bridge", "Tower", "Hall", "House", "Senate", "Congress", "Parliament", "Assembly",
    "Government"})


# a relative by the gender of the noun: "her son", "Denise Harlow's son" is a "he"
_RELATIVES = {
    "he": "son|husband|father|brother|boyfriend|nephew|grandson|grandfather|uncle|stepson|"
          "stepfather",
    "she": "daughter|wife|mother|sister|girlfriend|niece|granddaughter|grandmother|aunt|"
           "stepdaughter|stepmother",
}


def related_referent(question: str, pronoun: str) -> str:
    """The one relative ``question`` names by a name's possessive ("Denise Harlow's son",
    "Harlow's younger brother") whose noun is of ``pronoun``'s gender, for the "he" or "she"
    of the next question ("How old is he?" had been asked of "Harlow's"); "" otherwise."""
    if pronoun not in _RELATIVES:
        return ""
    found = re.findall(rf"((?:[A-Z][\w'’-]*\s+){{0,3}}[A-Z][\w-]*['’]s\s+(?:[a-z]+\s+)?"
                       rf"(?:{_RELATIVES[pronoun]}))\b", question)
    return found[0] if len(found) == 1 else ""


def titled_referent(question: str) -> str:
    """The one person a question names by title, "the mayor", "the city's chief
    information officer" (as "the <title>"), when it names one; "" otherwise."""
    found = []
    for m in re.finditer(r"\bthe\s+(?=([a-z]+(?:\s+[a-z]+){0,2}))", question):
        words = m.group(1).split()
        n = next((k for k in range(1, len(words) + 1) if " ".join(words[:k]) in OFFICES
                  or words[k - 1] in OFFICES or words[k - 1] in OCCUPATIONS), 0)
        if n:
            found.append(" ".join(words[:n]))
    return f"the {found[0]}" if len(found) == 1 else ""


def organization_names(names: Iterable[str]) -> frozenset[str]:
    """Of ``names`` (as the tagger called people), those that are a body's, and the first word
    of each as its short name: "Celtis Therapeutics" (a word no person's name has,
    ``_NOT_PERSONAL``) and so "Celtis", which the tagger had called a person too, so "it"
    after "Where is Celtis based?" was no thing and "he" might have been the company."""
    bodies = {n for n in names if any(w in _NOT_PERSONAL for w in n.split())}
    return frozenset(bodies | {n.split()[0] for n in bodies if len(n.split()) > 1})


def _personal_name(text: str) -> bool:
    """Two to four capitalized words, as a person's name is written ("Lucas Tavares", "Jaap
    de Hoop Scheffer"), none of them a word of an organization's or a place's name."""
    words = text.split()
    caps = [w for w in words if w[:1].isupper()]
    return 2 <= len(caps) <= 4 and len(words) - len(caps) <= 2 and all(
        re.fullmatch(r"[A-Z][a-z\u00c0-\u024f'’]+(?:-[A-Z]?[a-z\u00c0-\u024f'’]+)*", w)
        and w not in _NOT_PERSONAL and w not in CALENDAR for w in caps) and all(
        w in NAME_PARTICLES for w in words if not w[:1].isupper())


def surname(name: str, people: Collection[str] = ()) -> str:
    """How a news article refers to a person after the first mention: "Jaap de Hoop Scheffer"
    -> "Scheffer". Selection scores the question's words against sentences, and later
    sentences (quotes, "he said") rarely repeat the full name, whose many rare words would
    otherwise outweigh what the user actually asked. A word of the name that the corpus
    itself uses alone as a person wins ("Churkin"); a hyphenated given name last ("Ban
    Ki-moon") keeps the full name, and so does one whose surname another person of the
    corpus shares ("Anders Vollan", the son of the novelist Margarethe Vollan: "How old is
    Vollan?" is her age)."""
    words = name.split()
    if len(words) < 2:
        return name
    if any(p != name and len(p.split()) > 1 and p.split()[-1] == words[-1] for p in people):
        return name
    alone = [w for w in words if w in people]
    if alone and alone[-1] == words[0] and name not in people:
        # the first word alone, and the whole name never tagged: the tagger's cut of the
        # name ("Mayor Thomas Richter" tagged "Thomas"; "he" had become "Thomas"). ("Xi
        # Jinping", tagged whole and then "Xi", is called "Xi".)
        return name
    if alone:
        return alone[-1]
    last = words[-1]
    if last[:1].isupper() and len(last) > 2 and not re.search(r"-[a-z]", last):
        return last
    return name


def names_own_person(question: str, people: Collection[str] = ()) -> bool:
    """Whether the question names a person before its first he/she/his/her, who is then
    what the pronoun means: "Where did Sejdiu present his views?" is about Sejdiu's views,
    whoever the conversation was about."""
    m = _PERSONAL.search(question)
    return bool(m and person_mentions(question[:m.start()], people))


def is_followup(question: str, prev: Turn | None, people: Collection[str] = ()
                ) -> tuple[bool, str]:
    if prev is None:
        return False, "no earlier turn"
    if _ELLIPSIS.search(question):
        return True, "elliptical (and / what about ...)"
    if _ELSE.search(question):
        return True, "asks for something else"
    if _PERSONAL.search(question) and not names_own_person(question, people):
        return True, "third-person pronoun"
    # a month or a day names no new subject: "What did it do in April?"
    named = [n for n in names(question[1:]) if n.split()[0] not in CALENDAR]
    if _OTHER_REF.search(_EXISTENTIAL.sub(" ", question)) and not named:
        return True, "refers back (it/that/there/they)"
    if _IT_SUBJECT.search(question) and not _IT_EVENT.search(question):
        # "When will it come to Europe?" after "How much does the Arc Fold cost?": a name
        # after the verb is where it goes, not what "it" is
        return True, "refers back (it as the subject)"
    if len(set(terms(question))) <= 1 and not named and not (
            # "Is there a cure?" names what it asks after "there"
            _EXISTENTIAL.search(question) and terms(question)):
        # "What did Churkin say?" is short but names its subject: a new question
        return True, "very short question"
    return False, "stands alone"


_COPULAR = re.compile(r"^((?:who|what) (?:is|was|are|were)) (.+?)\s*\?*$", re.I)
_VERBISH = re.compile(r"\b(what|which|who|whom|whose|when|where|why|how|is|are|was|were|do|"
                      r"does|did|has|have|had|will|would|can|could|say|said)\b", re.I)


def graft(focus: str, prev_q: str, people: Collection[str] = ()) -> str:
    """The previous question asked of a new subject, when an elliptical question names one:
    "Who is the Serbian prime minister?" + "and the Kosovo president?" -> "Who is the Kosovo
    president?"; "What did he say about conflicts?" + "what about Lavrov?" -> "What did
    Lavrov say about conflicts?". Only a bare phrase holding a name counts as a subject: "and
    the date?" asks the old question for another thing, and returns ""."""
    if not focus or _VERBISH.search(focus) or not names(focus) or focus.endswith(("'s", "’s")):
        return ""
    m = _COPULAR.match(prev_q.strip())
    if m:
        return f"{m.group(1)} {focus}?"
    if re.search(r"\b(he|she|him)\b", prev_q, re.I):
        return re.sub(r"\b(he|she|him)\b", focus, prev_q, count=1, flags=re.I)
    old = person_mentions(prev_q, people) if people else []
    if old:
        return prev_q.replace(old[-1], focus, 1)
    return ""


_MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|"
           "December")
# a date a user may ask about instead of the previous question's ("What about December 19?")
_DATE = re.compile(rf"\b(?:(?:{_MONTHS})(?:\s+\d{{1,2}})?(?:,?\s+\d{{4}})?|"
                   rf"\d{{1,2}}\s+(?:{_MONTHS})(?:\s+\d{{4}})?|"
                   r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|1[5-9]\d\d|20\d\d)\b")
_POSSESSIVE = re.compile(r"(?:'s|’s|')$")
_NOT_SUBJECTS = _NOT_NAMES - {"UN"} | CALENDAR
# a name after a preposition of place or time: "in Texas", "at the UN", "on December 19"
_PREPOSITIONS = r"in|at|on|from|to|during|for"
_PLACED = re.compile(rf"({_PREPOSITIONS})\s+(.+)$", re.I)


# a name written with full stops: "U.S.", "U.K."
_DOTTED = re.compile(r"\b((?:[A-Z]\.){2,}(?:'s|’s)?)(?!\w)")


def _name_spans(text: str) -> list[re.Match]:
    """The capitalized names of ``text`` (``_NAME``) and its dotted abbreviations, in order."""
    dotted = list(_DOTTED.finditer(text))
    found = []
    for m in _NAME.finditer(text):
        first = m.group(1).split()[0]
        if first in _NOT_NAMES and m.group(1) != first:
            # a question word glued to the name after it: "When Jerry Brown declared ...?"
            # (a bare "When?" reframed) names Jerry Brown, not "When Jerry Brown"
            m = _NAME.search(text, m.start() + len(first)) or m
        found.append(m)
    return sorted([m for m in found
                   if not any(d.start() <= m.start() < d.end() for d in dotted)] + dotted,
                  key=lambda m: m.start())


def substitution(focus: str, prev_q: str, people: Collection[str] = (),
                 kinds: dict[str, str] | None = None) -> tuple[str, str]:
    """The previous question asked of another name or date of the same kind, when an
    elliptical question is only that: "What is the capital of Australia?" + "and Kosovo?" ->
    "What is the capital of Kosovo?" (not "What is Kosovo?"); "Who is Russia's foreign
    minister?" + "and Serbia's?" -> "Who is Serbia's foreign minister?"; "What happens on
    December 10?" + "what about December 19?" -> "... on December 19?". ``kinds``: the
    corpus's names and their kinds (``pipeline.name_kinds``), which pick among several names
    ("and the US?" means Russia's, not the UN's); a name the corpus lacks replaces the only
    name there is. With it, the name or date put the focus in place of, without a possessive
    ("Russia" for "Russia's"): ``Resolved.again_if``. ("", "") when the focus is no bare name
    or date, or nothing fits."""
    # "and in Texas?" after "How many cases in Lea County?": the place after the same word
    prep = _PLACED.match(focus.strip())
    named = prep.group(2) if prep else focus.strip()
    core = re.sub(r"^the\s+", "", named, flags=re.I)
    had_the = core != named
    core = _POSSESSIVE.sub("", core)
    if _DATE.fullmatch(core):
        dates = list(_DATE.finditer(prev_q))
        if not dates or core in prev_q:
            return "", ""
        m = dates[-1]
        before = prev_q[:m.start()]
        word = re.search(rf"\b(?:{_PREPOSITIONS})\s+$", before, re.I)
        if prep and word:  # "in 2006" for "on December 10", not "on 2006"
            before = before[:word.start()] + prep.group(1) + " "
        return before + core + prev_q[m.end():], m.group()
    if not core or _DATE.search(core) or [m.group(1) for m in _name_spans(core)] != [core] \
            or core.split()[0] in _NOT_NAMES:  # "When?" is no name to ask of
        return "", ""
    known = _with_surnames(frozenset(people)) if people else frozenset()
    is_person = core in known

    def kind(name: str) -> str:
        bare = _POSSESSIVE.sub("", name)
        return (kinds or {}).get(bare) or (kinds or {}).get(bare.replace(".", "")) or (
            "place" if nationality_place(bare) else "")

    slots = []
    for m in _name_spans(prev_q):
        name = m.group(1)
        first = name.split()[0]
        if first in _NOT_SUBJECTS or m.start() == 0 or _POSSESSIVE.sub("", name) == core:
            continue
        if prep and not re.search(rf"\b{prep.group(1)}\s+(?:the\s+)?$", prev_q[:m.start()],
                                  re.I):
            continue
        if (_POSSESSIVE.sub("", name) in known) == is_person:
            slots.append(m)
    if not is_person:
        # a name of the focus's kind; else the only name there is of no known kind
        same = [m for m in slots if kind(core) and kind(m.group(1)) == kind(core)]
        unknown = [m for m in slots if not kind(m.group(1))] if kind(core) else slots
        slots = same or (unknown if len(unknown) == 1 else [])
    if not slots and prep and kind(core) == "place":
        # "and from the United States?" after "How many Chilean tourists died?": the place
        # after the noun the nationality went with, "How many tourists from the United
        # States died?"
        for m in _name_spans(prev_q):
            noun = re.match(r"\s+([a-z][\w-]*)\b", prev_q[m.end():])
            if m.start() and nationality_place(m.group(1)) and noun and \
                    noun.group(1).lower() not in AUXILIARIES:
                after = m.end() + noun.end()
                return (prev_q[:m.start()] + noun.group(1) + " " + focus.strip() +
                        prev_q[after:]), m.group(1)
    if not slots:
        return "", ""
    m = slots[-1]
    new = core + ("'s" if _POSSESSIVE.search(m.group(1)) else "")
    before = prev_q[:m.start()]
    if _POSSESSIVE.search(m.group(1)):
        # a possessor's "the" is its own ("the US's ambassador"), not the office's
        before = re.sub(r"\bthe\s+$", "", before, flags=re.I)
    if had_the and not re.search(r"\bthe\s+$", before, re.I):
        new = "the " + new
    elif not had_the and _THE_NAME.match(m.group(1)) and not _THE_NAME.match(core):
        # the old name's own "the" goes with it: "from Japan", not "from the Japan", in
        # place of "from the United States"
        before = re.sub(r"\bthe\s+$", "", before, flags=re.I)
    return before + new + prev_q[m.end():], _POSSESSIVE.sub("", m.group(1))


# names written with "the": "the United States", "the Netherlands", "the UN"
_THE_NAME = re.compile(r"(?:United|Republic|Kingdom|Netherlands|Philippines|Bahamas|Gambia|"
                       r"Maldives|UK|US|U\.S\.|EU|UN|European Union|Vatican)\b")
# a fragment that is only a new question word: "When?", "And why?", "How many?", "Why not?"
_WH_FRAGMENT = re.compile(r"^(?P<wh>(?:by|for|with|to|from)\s+whom|when|where|why|how|who|whom|"
                          r"what|which|"
                          r"how\s+(?:many|much|long|often|far|old|deep|high|big|large|tall|wide|"
                          r"heavy|strong|fast|close|severe|bad))"
                          r"(?:\s+(?:exactly|then|not|so|else))?$",
                          re.I)
# the previous question's own question word: "Who", "How many", "What"
_LEAD_WH = re.compile(r"^\s*(?:(?:and|so|but)[, ]+)?(?:what|which|who|whom|whose|when|where|why|"
                      r"how(?:\s+(?:many|much|long|often|far|old))?)\b", re.I)
_MORE = re.compile(r"^(?:anything|something|anyone|anybody|someone|somebody)\s+else$", re.I)
# a request for more of what was just answered: "Tell me more", "Go on", "More about him?";
# with a topic of its own, "Tell me more about the troika", a search for that topic
_TELL_MORE = re.compile(
    r"^\s*(?:(?:ok|okay|and|so|please|can you|could you)[, ]+)*"
    r"(?:tell me (?:more|everything)|more|go on|continue|keep going|say more|elaborate|"
    r"(?:any |some )?more (?:details?|info(?:rmation)?)|explain(?: more)?)"
    r"(?:\s+(?:about|on|of)\s+(?P<topic>[^?.!]+?))?(?:,?\s*please)?\s*[?.!]*\s*$", re.I)
_BACK_REF = re.compile(rf"^(?:{_HE_WORDS}|{_SHE_WORDS}|it|that|this|them|they|those|these)$",
                       re.I)
# the answer sentence a reply quotes ("> ..." under the short answer)
_QUOTED_LINE = re.compile(r"^>\s?(.+)$", re.M)
_AUX_WORD = re.compile(r"\b(?:is|are|was|were|do|does|did|has|have|had|will|would|can|could|"
                       r"should)\b", re.I)
_AUX_NEXT = re.compile(r"^\s*(?:is|are|was|were|do|does|did|has|have|had|will|would|can|could|"
                       r"should)\b", re.I)


_DETERMINERS = {"the", "a", "an", "its", "his", "her", "their", "this", "that", "these",
                "those"}
# words that end a noun phrase on its left: question words, verbs, determiners, prepositions
_NP_STOP = _DETERMINERS | AUXILIARIES | {
    "what", "which", "who", "whom", "whose", "when", "where", "why", "how", "many", "much", "of",
    "in", "on", "at", "to", "for", "by", "with", "from", "about", "and", "or"}
# a focus that names only the kind of answer ("and the date?"): the old question's own words
# must stay, so the fragment goes before it rather than being asked of
_TYPE_WORDS = {"date", "day", "year", "month", "time", "number", "amount", "total", "count",
               "place", "location", "name", "names", "reason", "answer", "figure", "source"}
_BARE_PHRASE = re.compile(r"^[\w'’ -]+$")


def _phrase(focus: str) -> list[str]:
    """A bare noun phrase's words without its determiner, or [] for anything else (a verb,
    a question word, punctuation, more than four words)."""
    if not _BARE_PHRASE.match(focus) or _VERBISH.search(focus):
        return []
    words = focus.split()
    while words and words[0].lower() in _DETERMINERS:
        words = words[1:]
    return words if 0 < len(words) <= 4 else []


def swap_head(focus: str, prev_q: str) -> str:
    """The previous question with its noun phrase of the same head noun made the focus:
    "Who is the Serbian prime minister?" + "and the foreign minister?" -> "Who is the Serbian
    foreign minister?" (the focus's words replace as many words at the end of the phrase);
    "" when the previous question has no such noun or would not change."""
    new = _phrase(focus)
    if not new:
        return ""
    words = prev_q.strip().rstrip("?.! ").split()
    heads = [k for k, w in enumerate(words) if w.lower().strip(",") == new[-1].lower()]
    if not heads:
        return _swap_like(new, words)
    j = heads[-1]
    i = j
    while i > 0 and words[i - 1].lower() not in _NP_STOP:
        i -= 1
    old = words[i:j + 1]
    swapped = old[:max(0, len(old) - len(new))] + new
    if [w.lower() for w in swapped] == [w.lower() for w in old]:
        return ""
    return " ".join(words[:i] + swapped + words[j + 1:]) + "?"


def _swap_like(new: list[str], words: list[str]) -> str:
    """The previous question's words with a phrase like the focus in the focus's place: the
    same words but the last ("Who won best actor?" + "And best actress?" -> "Who won best
    actress?"), or another possessive ("What was the men's winning time?" + "And the
    women's?" -> "What was the women's winning time?"); "" when it has none."""
    low = [w.lower().strip(",") for w in words]
    n = len(new)
    if n >= 2:
        for k in range(len(words) - n, -1, -1):
            if low[k:k + n - 1] == [w.lower() for w in new[:-1]] and \
                    low[k + n - 1] != new[-1].lower():
                return " ".join(words[:k] + new + words[k + n:]) + "?"
    elif re.search(r"(?:'s|’s)$", new[0]):
        for k in range(len(words) - 1, -1, -1):
            if re.search(r"(?:'s|’s)$", words[k]) and low[k] != new[0].lower() and \
                    words[k][:1].islower() == new[0][:1].islower():
                return " ".join(words[:k] + new + words[k + 1:]) + "?"
    return ""


# people named by what they are or do, as news writes them in the plural: a follow-up of one
# such group asks the previous question of it ("What did prosecutors ask for?" + "And his
# lawyers?"), where a thing asks the question word of itself ("When the deadline?")
PEOPLE_NOUNS = OFFICES | OCCUPATIONS | {
    "lawyer", "prosecutor", "defendant", "plaintiff", "juror", "jury", "witness", "victim",
    "official", "analyst", "economist", "investor", "voter", "resident", "critic", "supporter",
    "opponent", "protester", "activist", "scientist", "researcher", "doctor", "expert",
    "regulator", "lawmaker", "legislator", "shareholder", "customer", "employee", "worker",
    "union", "police", "officer", "soldier", "rebel", "student", "teacher", "parent", "fan",
    "player", "rival", "ally", "neighbour", "neighbor", "citizen", "diplomat", "negotiator",
    "mediator", "authority", "agency", "government", "company", "firm", "defense", "defence",
    "prosecution", "campaign", "organiser", "organizer", "organisers", "organizers",
    "coalition", "opposition", "passenger", "patient", "survivor", "rescuer"}


def _people_noun(word: str) -> bool:
    w = word.lower().strip(",")
    return w in PEOPLE_NOUNS or (w.endswith("s") and w[:-1] in PEOPLE_NOUNS) or (
        w.endswith("ies") and w[:-3] + "y" in PEOPLE_NOUNS)


_SUBJECT = re.compile(r"^(\s*(?:(?:and|so|but)[, ]+)?(?:what|which|when|where|why|"
                      r"how(?:\s+(?:many|much)\s+\w+|\s+\w+)?)\s+(?:did|does|do|will|would|can|"
                      r"could|have|has|had|"
                      r"are|were|is|was)\s+)"
                      r"((?:(?:the|his|her|their|its)\s+)?(?:[a-z][\w-]*\s+)??[a-z][\w-]*)"
                      r"(\s+[a-z].*)$", re.I)


def swap_people(focus: str, prev_q: str) -> str:
    """The previous question asked of another group of people in its subject's place: "What
    did prosecutors ask for?" + "And his lawyers?" -> "What did his lawyers ask for?" (had
    been "What his lawyers?", answered with the prosecutors' sentence again). Both the
    subject and the focus must name people by what they are (``PEOPLE_NOUNS``); "" else."""
    new = _phrase(focus)
    m = _SUBJECT.match(prev_q.strip())
    if not new or m is None or not _people_noun(new[-1]):
        return ""
    old = m.group(2).split()
    if not _people_noun(old[-1]) or [w.lower() for w in old] == [w.lower() for w in
                                                                  focus.split()]:
        return ""
    return f"{m.group(1)}{focus.strip()}{m.group(3)}"


_NAME_WORDS = r"[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)*"
_AGE_OF = re.compile(rf"(?i:the\s+)?(?:(?i:his|her)|(?P<name>{_NAME_WORDS})(?:'s|’s))\s+age|"
                     rf"(?i:the\s+)?(?i:age)\s+of\s+(?P<of>{_NAME_WORDS})")


def age_of(focus: str, antecedent: str) -> str:
    """"And her age?" asks how old she is: "How old is Whitfield?" (had been "What was her
    age?", abstained at 0.00); "And Whitfield's age?" the same. "" for any other focus."""
    m = _AGE_OF.fullmatch(focus.strip())
    who = m and (m.group("name") or m.group("of") or antecedent)
    return f"How old is {who}?" if who else ""


def reask(focus: str, prev_q: str) -> str:
    """The previous question's question word asked of a bare noun phrase: "When will the
    council discuss the report?" + "What about the deadline?" -> "When the deadline?"; a
    copular question keeps its verb: "What is the troika?" + "and the plan?" -> "What is the
    plan?". Before, the phrase went in front of the whole previous question, whose words
    then chose the old answer's sentence ("the deadline When will the council discuss the
    report?" -> "the Kosovo report"). "" when the focus is no bare phrase, is already in the
    previous question, or names only a kind of answer ("the date")."""
    words = _phrase(focus)
    if not words or focus.lower() in prev_q.lower() or words[-1].lower() in _TYPE_WORDS:
        return ""
    m = _COPULAR.match(prev_q.strip())
    if m:
        return f"{m.group(1)} {focus}?"
    # the phrase's head: "share" of "share of the vote"
    head = words[words.index("of") - 1] if "of" in words[1:] else words[-1]
    if head.lower() in _WHAT_NOUNS:
        # "And the score?" after "Who won the final?" asks what the score was ("Who the
        # score?" had been asked)
        past = re.search(r"\b(?:did|was|were|had)\b|\b\w+ed\b", prev_q, re.I)
        return f"What {'was' if past else 'is'} {focus}?"
    wh = lead_wh(prev_q)
    return f"{wh[:1].upper()}{wh[1:]} {focus}?" if wh else ""


# things asked for by "what", whatever the previous question's word
_WHAT_NOUNS = {"score", "result", "outcome", "cost", "price", "toll", "tally", "margin",
               "verdict", "sentence", "fine", "cause", "budget", "salary", "fee", "fare",
               "ranking", "rank", "record", "forecast", "estimate", "target",
               # "And its share of the vote?" after "How many seats did it win?" (had been
               # asked "How many its share of the vote?")
               "share", "turnout", "percentage", "proportion", "rate", "majority"}


def lead_wh(question: str) -> str:
    """The question's own question word, without a leading "and/so/but": "How many", "When";
    "" when it has none."""
    m = _LEAD_WH.match(question)
    return re.sub(r"^\s*(?:and|so|but)[, ]+", "", m.group(), flags=re.I).strip() if m else ""


def given_answers(all_turns: list[Turn]) -> tuple[str, ...]:
    """What an "else" question asks past: the last answer, and while the turns before were
    "else" questions too ("Who else?" twice), theirs; newest first, abstentions left out."""
    out: list[str] = []
    for t in reversed(all_turns[-MAX_TURNS_BACK:]):
        m = _BOLD.search(t.answer)
        a = (m.group(1) if m else t.answer).strip()
        if a and not a.lower().startswith(_NO_ANSWER):
            out.append(a)
        if not _ELSE.search(t.question):
            break
    return tuple(out)


def reframe(wh: str, prev_q: str, prev_answer: str) -> str:
    """The previous question asked again with a new question word: "Who blocked the plan?"
    (answered "Russia") + "When?" -> "When Russia blocked the plan?"; "What did Churkin say
    about the talks?" + "Why?" -> "Why did Churkin say about the talks?". Not grammar, but the
    words that matter, in the order the reader knows, and the question word that sets the
    answer's type. "" when the previous question has no question word to replace."""
    prev = prev_q.strip().rstrip("?.! ")
    m = _LEAD_WH.match(prev)
    if not m:
        return ""
    body = prev[m.end():].strip()
    if not body:
        return ""
    if m.group().split()[-1].lower() == "who" and not _AUX_NEXT.match(body) and prev_answer:
        # "who" was the subject ("Who blocked ..."): its answer takes its place
        body = f"{prev_answer} {body}"
    elif m.group().split()[-1].lower() in ("many", "much") and \
            wh.lower() != lead_wh(prev).lower():
        # "How many peacekeepers does NATO keep in Kosovo?" + "Why?": the counted noun goes
        # after the verb with its count, "Why does NATO keep in Kosovo 16,000 peacekeepers?"
        # (it had read "Why peacekeepers does NATO keep ...")
        aux = _AUX_WORD.search(body)
        if aux and aux.start() > 0:
            noun = body[:aux.start()].strip()
            body = f"{body[aux.start():]} {prev_answer} {noun}".replace("  ", " ")
    return f"{wh[:1].upper()}{wh[1:].lower()} {body}?"


_THEY = re.compile(r"\bthey\b", re.I)
_GROUP_QUESTION = re.compile(r"^\s*(?:(?:and|so|but)[, ]+)?(?:which|what|how\s+many)\s+"
                             r"([a-z][a-z-]*)(?:\s+([a-z][a-z-]*))?", re.I)
# "Who are the troika?", "What were the talks?": the group a "they" then means
_ARE_THE = re.compile(r"^\s*(?:(?:and|so|but)[, ]+)?(?:who|what)\s+(?:are|were)\s+the\s+"
                      r"([a-z][a-z-]*)\s*\??\s*$", re.I)
# words that can follow "what" and end in -s without naming a group ("What happens ...?")
_NOT_GROUPS = {"happens", "remains", "means", "seems", "causes", "makes", "takes", "gives",
               "goes", "comes", "becomes", "includes", "contains", "follows", "matters", "news"}


def _plural(word: str) -> bool:
    w = word.lower()
    return len(w) > 3 and w.endswith("s") and not w.endswith("ss") and \
        w not in AUXILIARIES and w not in _NOT_GROUPS


_IT = re.compile(r"\bit\b(?!['’])", re.I)
# "Who is its leader?" after "How many seats did the Party for Freedom win?"
_ITS = re.compile(r"\bits\b", re.I)
# "it" as an event or a filler, not a thing: "When did it happen?", "Is it true?"
_IT_EVENT = re.compile(r"\bit\s+(?:happen|happened|happens|occur|occurred|took\s+place|take\s+"
                       r"place|mean|means|meant|matter|true)\b|\b(?:is|was|does|did)\s+it\s+"
                       r"(?:true|so|matter|mean|happen)\b", re.I)


def with_thing(text: str, thing: str) -> str:
    """``text`` with its first "it" (else "its") put as ``thing`` ("its" as "<thing>'s")."""
    return _IT.sub(thing, text, count=1) if _IT.search(text) else \
        _ITS.sub(f"{thing}'s", text, count=1)


_DOES = re.compile(r"\s*what\s+(?:does|did|do|will|would|can|could|is|was|are|were)\s+\S.*"
                   r"\s+do(?:ing)?\W*$", re.I)


def thing_referent(question: str, prev_q: str, answer: str, people: Collection[str] = (),
                   carried: str = "") -> str:
    """What the one "it" (or "its") of ``question`` most naturally means after ``prev_q``, as
    a phrase to put in its place: the previous answer, when a what/which question asked for a thing
    and got one (no date, amount, person or someone's words), by its name when it has one
    ("Which party won the most seats?" + "the centrist D66 party" -> "D66"; "What did the
    judge block?" + "the deal" -> "the deal"); else the one name, no person, that the
    previous question asked a property of ("What is the Freedom Party?" -> "the Freedom
    Party", "How many seats did the Labour-Green alliance win?" -> "the Labour-Green"); else
    ``carried``, what the previous question's own "it" meant. "" for none, or when the
    question has no single "it"."""
    if len(_IT.findall(question)) + len(_ITS.findall(question)) != 1:
        return ""
    if carried:
        # a run of "it" keeps its thing: "What caused the Alpair crash?" (answered "faulty
        # airspeed sensor") + "What type of plane was it?" asks of the crash still
        return carried
    ans = answer_entity(answer)
    prev_type = classify(prev_q)
    # (not a date or an amount, "December 10": "What happens after it?" was better answered
    # searched with the turn before; resolved, it abstained at 0.08)
    amount = bool(_DATE.search(ans) or re.fullmatch(r"[\W\d]*\d[\W\d]*(?:\s+\w+)?", ans))
    # "What does Hera do?" asks what it does: its answer ("send its own probe") is no thing,
    # and Hera is the name asked about ("When will it launch?" had been asked "When will
    # send its own probe launch?")
    does = bool(_DOES.match(prev_q))
    if ans and not amount and not does and re.match(r"\s*(?:which|what)\b", prev_q, re.I) \
            and prev_type in ("other", "organization", "place") \
            and not re.search(r"[\"“”]", ans) \
            and not person_mentions(ans, people) and not answered_nothing(answer) \
            and not re.search(r"\b(?:say|said|tell|told|describe|call)\b", prev_q, re.I):
        # its name alone when it has one: "the centrist D66 party" pulled the search back to
        # the sentence that gave it
        named = [n for n in names(ans) if n.split()[0] not in CALENDAR]  # not "December"
        if len(named) == 1:
            return named[0]
        return ans[:1].lower() + ans[1:] if re.match(r"(?:The|A|An)\b", ans) else ans
    if prev_type in ("other", "person", "organization", "quote") and not does and not re.match(
            r"\s*(?i:what\s+(?:is|was|are|were)\s+(?:the\s+)?)(?:[A-Z][\w'’.-]*\s*)+\?*\s*$",
            prev_q):
        # "What did the FTC ask for?" + "Did the judge grant it?": "it" is what was asked
        # for, not the FTC; after "Who issued a joint statement after the Security Council
        # consultations?", the statement. A name the question asks a property *of* is "it":
        # "What is X?", "How many seats did X win?", "Where is X based?"
        return carried
    people_named = set(person_mentions(prev_q, people))
    things = [m for m in _THING.finditer(prev_q) if m.start() > 0 and m.group(1) not in _NOT_NAMES
              and m.group(1) not in people_named and m.group(1).split()[0] not in CALENDAR]
    if not things:
        # no name: the thing the previous question asked of by a common noun ("When was the
        # do-not-drink advisory issued?" + "When will it be lifted?" had searched the answer's
        # date with "it")
        return _asked_thing(prev_q) or carried
    if len(things) != 1:
        return carried
    m = things[0]
    the = re.search(r"\bthe\s+$", prev_q[:m.start()], re.I)
    name = re.sub(r"(?:'s|’s)$", "", m.group(1))
    noun = re.match(r"\s+([a-z][\w-]*)\W*$", prev_q[m.end():])
    if the and noun and not name.endswith(("'s", "’s")) and m.group(1) == name and re.search(
            rf"\b(?:{_PREPOSITIONS})\s+the\s+$", prev_q[:m.start()], re.I):
        # the name is a word of the thing's: "How many people died in the Varenia
        # earthquake?" + "How strong was it?" asks of the earthquake, not of Varenia (not
        # "did the Party for Freedom win?", whose last word is a verb)
        return f"the {name} {noun.group(1)}"
    return ("the " if the else "") + name


_PREPOSITIONS = "in|of|at|on|from|by|after|during|about|for|with|to|into|over|since|before"
# the subject of a question, between its auxiliary and its last verb: "When was [the
# do-not-drink advisory] issued?", "How long will [the heat dome] last?", "How much is [the
# biggest lawsuit] seeking?" (its verb last, or before a preposition's phrase)
_ASKED_THING = re.compile(
    r"^\W*(?:when|where|why|how(?:\s+(?:much|many\s+[a-z]+|long|old|big|far|fast|often))?|"
    r"what(?:\s+[a-z]+)?)\s+(?:is|was|are|were|did|does|do|will|would|has|have|had|can|could)"
    rf"\s+(the(?:\s+(?-i:[a-z][\w-]*)){{1,3}}?)\s+(?-i:[a-z]+)"
    rf"(?:\s*\?*\s*$|\s+(?:{_PREPOSITIONS})\b)", re.I)


def _asked_thing(prev_q: str) -> str:
    """The subject of ``prev_q`` when it is a definite common noun phrase, else ""."""
    m = _ASKED_THING.match(prev_q)
    if m is None:
        return ""
    words = m.group(1).split()
    if any(w.lower() in _NP_STOP or w.lower() in _TYPE_WORDS for w in words[1:]) or \
            _people_noun(words[-1]):
        return ""  # "the date", "the people": no thing; "the workers" are "they"
    return m.group(1)


# a name as a thing's is written, with "of" or "for" inside: "the Party for Freedom", "the
# Bank of England" (``_NAME`` would make two names of each)
_THING = re.compile(r"\b([A-Z][\w'’\-]+(?:\s+(?:(?:of|for)\s+(?:the\s+)?)?[A-Z][\w'’\-]+)*)")


_THEIR = re.compile(r"\btheir\b", re.I)


def body_noun(question: str, prev_q: str, answer: str, kinds: dict[str, str]) -> str:
    """What a "they" or "their" means when the turn before asked for a body and was answered:
    the body's noun as the previous question asked for it ("the union", of "Which union
    represents Marwick workers?"), or for a who-question answered with an organization of
    the corpus the body's name ("Meravion", of "Who made the sensor?"); "" for none."""
    if not answer or not (_THEY.search(question) or _THEIR.search(question)):
        return ""
    if re.match(r"\W*who\b", prev_q, re.I):
        return answer if kinds.get(answer) == "organization" else ""
    # the noun "Which union ...?" asks for (a how-many question is never an organization's)
    m = _GROUP_QUESTION.match(prev_q) if classify(prev_q) == "organization" else None
    noun = m.group(1).lower() if m else ""
    return f"the {noun}" if noun and noun not in AUXILIARIES and not _plural(noun) else ""


def possessive(name: str) -> str:
    """ "the union" -> "the union's", "the mediators" -> "the mediators'"."""
    return name + ("'" if name.endswith("s") else "'s")


def group_noun(question: str) -> str:
    """The plural noun a question asks which of ("Which mediators tried ...?" -> "mediators",
    "Which news agencies ...?" -> "news agencies"), or asks who they are ("Who are the
    troika?" -> "troika"): what a "they" in the next question refers to. "" when there is
    none."""
    m = _ARE_THE.match(question)
    if m:
        # a plural verb makes a collective noun plural: "Who are the troika?"
        return m.group(1).lower()
    m = _GROUP_QUESTION.match(question)
    if not m or m.group(1).lower() in AUXILIARIES:
        # or the people the question is about: "How much are the hackers asking for?"
        the = _THE_PLURAL.search(question)
        last = the.group(1).split()[-1] if the else ""
        return the.group(1).lower() if the and _plural(last) and not last.endswith(
            ("us", "is")) else ""  # not "the status", "the crisis"
    first, second = m.group(1).lower(), (m.group(2) or "").lower()
    # after a singular noun, a word in -s with an object after it is the verb: "Which union
    # represents Marwick workers?" asks of no group "union represents"
    verb = not _plural(first) and bool(_OBJECT_NEXT.match(question[m.end():]))
    if second and _plural(second) and not verb:
        return f"{first} {second}"
    return first if _plural(first) else ""


# what opens a verb's object: a determiner, a number or a name
_OBJECT_NEXT = re.compile(r"\s+(?:(?:the|a|an|its|their|his|her|this|that|these|those|some|"
                          r"most|more|all)\b|\d|[A-Z])")
# "the hackers", "the rebel fighters": a plural noun (and a word before it) after "the"
_THE_PLURAL = re.compile(r"\bthe\s+((?:[a-z][a-z-]*\s+)?[a-z][a-z-]*s)\b")


def quoted_sentence(answer: str) -> str:
    """The answer sentence a reply quotes on a line of its own ("> ..."), "" for none: the
    chat's and ``qa-bot chat``'s replies do (the chat's history unescapes its Markdown)."""
    m = _QUOTED_LINE.search(answer)
    return m.group(1).strip() if m else ""


def reply_content(text: str, sentence: str) -> str:
    """An assistant turn for the history: the short answer, and the sentence it came from on
    a quoted line of its own when that differs (what :func:`quoted_sentence` reads back)."""
    return text if not sentence or sentence == text else f"{text}\n\n> {sentence}"


def more_of(question: str, all_turns: list[Turn], people: Collection[str], depth: int
            ) -> Resolved | None:
    """"Tell me more" (and "Go on", "More about it?"): the subject of the last answer, a
    name it gave, else what the last question asked about, searched as a topic past the
    sentences already given; "Tell me more about the troika" searches the troika. None when
    the question is no such request or there is nothing to say more about."""
    m = _TELL_MORE.match(question)
    if not m:
        return None
    topic = (m.group("topic") or "").strip()
    if topic and not _BACK_REF.match(topic):
        return Resolved(topic, topic, "other", bool(all_turns),
                        reason="asks for more about a topic")
    if not all_turns:
        return None
    # a run of "more" is more of what the turn before the run was about
    i = len(all_turns) - 1
    while i > 0 and len(all_turns) - i < MAX_TURNS_BACK and \
            _TELL_MORE.match(all_turns[i].question):
        i -= 1
    first = all_turns[i]
    subject = answer_entity(first.answer)
    if not subject or not (person_mentions(subject, people) or names(subject)):
        # no name was the answer: the person the question asked about ("How did Churkin
        # describe ...?"), else its words less its question words
        asked = _resolve(first.question, all_turns[:i], people, depth + 1).question \
            if depth < MAX_TURNS_BACK else first.question
        named = person_mentions(asked, people) if people else []
        subject = named[0] if named else " ".join(content_words(asked)) or subject
    if not subject:
        return None
    search = f"{subject} {first.question}"
    if people and person_mentions(subject, people) == [subject]:
        # later sentences name a person by surname ("Churkin"), and a search is answered
        # by a sentence holding every word searched for
        subject = surname(subject, people)
    given = tuple(dict.fromkeys(x for t in all_turns[i:]
                                for x in (t.quoted, answer_entity(t.answer) or t.answer.strip())
                                if x and not x.lower().startswith(_NO_ANSWER)))
    return Resolved(subject, search, "other", True, reason="asks for more", exclude=given,
                    known=subject)


def resolve(question: str, history: list[dict] | None, people: Collection[str] = (),
            kinds: dict[str, str] | None = None) -> Resolved:
    """``people``: the corpus's person names (``known_people``), so "he" resolves to a person
    and not to the last capitalized word; without them any capitalized name may serve.
    ``kinds``: the corpus's names and their kinds (``name_kinds``), for "and Serbia?"."""
    r = _resolve(question, turns(history), people, kinds=kinds)
    if not (r.question.strip() and r.search_query.strip()):
        # nothing usable in the conversation to resolve against: the question as asked
        return Resolved(question, question, classify(question), False, reason="stands alone")
    return r


def _resolve(question: str, all_turns: list[Turn], people: Collection[str], depth: int = 0,
             kinds: dict[str, str] | None = None) -> Resolved:
    more = more_of(question, all_turns, people, depth)
    if more is not None:
        return more
    whole = _AND_QUESTION.match(question)
    if whole and _WH_START.search(question[whole.end():]):
        # "And where will he go on Tuesday?" is a whole question, not a fragment to glue to
        # the previous one (it had been "where will he go on Tuesday What did Boric
        # declare?", answered with the place of the declaration)
        rest = question[whole.end():]
        question = rest[:1].upper() + rest[1:]
    prev = all_turns[-1] if all_turns else None
    follow, reason = is_followup(question, prev, people)
    qtype = classify(question)
    if not follow or prev is None:
        return Resolved(question, question, qtype, False, reason=reason)
    # the previous question as it was understood ("What did he say?" -> "What did Churkin
    # say?"), so a fragment after it does not carry an unresolved "he"
    prev_q = prev.question
    # ... but searched as the user wrote it: the resolved name is already in this question's
    # words, and twice over it pulled the search to sentences naming the person rather than
    # the quotation after them (gold g070)
    prev_raw = prev.question
    prev_group = prev_thing = ""
    if depth < MAX_TURNS_BACK and len(all_turns) > 1:
        prev_r = _resolve(prev.question, all_turns[:-1], people, depth + 1, kinds)
        prev_q, prev_group, prev_thing = prev_r.question, prev_r.group, prev_r.thing
    ans = answer_entity(prev.answer)
    prev_type = classify(prev_q)
    # "Who else presented views?" after "Where did Sejdiu present his views?" asks past
    # Sejdiu as well as past the answers given
    exclude = tuple(dict.fromkeys(given_answers(all_turns) + tuple(
        person_mentions(prev_q, people)))) if _ELSE.search(question) else ()
    pointing = bool(_PERSONAL.search(question)) and not names_own_person(question, people)
    # "Denise Harlow's son" for a "he" after a question about him
    related = related_referent(prev.question, gender(question)) if pointing else ""
    unanswered = unanswered_referent(all_turns, people, gender(question)) \
        if pointing and not related else ""
    if unanswered:
        return Resolved(question, question, qtype, True, reason="a pronoun for a person the "
                        "articles did not name", unanswered=unanswered)
    # (a name the user wrote as a possessive is the person: "Denise Harlow's son" names
    # Denise Harlow, not "Harlow's")
    antecedent = related or _POSSESSIVE.sub("", surname(
        referent(all_turns, people, gender(question)), people)) if pointing else ""
    if pointing and not antecedent:
        # no one named: the one the previous question asked about by title ("What did the
        # mayor say about paying?" + "What's her name?" -> "What's the mayor's name?")
        antecedent = titled_referent(prev_q)
    resolved = question
    if antecedent and _PERSONAL.search(question):
        resolved = re.sub(r"\b(his|her)\b(?=\s+\w)", antecedent + "'s", resolved, count=1,
                          flags=re.I) if re.search(r"\b(his|her)\s+\w", resolved, re.I) and \
            not re.search(r"\b(he|she|him)\b", resolved, re.I) else \
            re.sub(r"\b(he|she|him|her)\b", antecedent, resolved, count=1, flags=re.I)
        if classify(resolved) == "identity":
            # "Who is she?" after "What did Rice say?" asks what "Who is Rice?" asks: what
            # the articles say she is, not another person's name
            qtype = "identity"
    # the group a "they" of the turn before meant carries on: "When did they report?" after
    # "What did they conclude?" after "Who are the troika?"
    group = (group_noun(prev_q) or prev_group) if _THEY.search(question) and not antecedent \
        else ""
    body = "" if group or antecedent else body_noun(question, prev_q, ans, kinds or {})
    if not body and not group and not antecedent and prev_thing and len(all_turns) > 1 and \
            answer_entity(all_turns[-2].answer) == prev_thing:
        # ... and through an "it" that meant it: "Which union represents Marwick workers?"
        # ("UFCW") + "How many workers does it represent?" + "What did their spokesman say?"
        body = body_noun(question, all_turns[-2].question, prev_thing, kinds or {})
    if group:
        # "What day did they report?" after "Which mediators tried to broker a deal?": they
        # are the mediators, in the words the articles use for them
        resolved = _THEY.sub(group if group[:1].isupper() else f"the {group}", resolved,
                             count=1)
    elif body:
        # a body a which-question asked for, or a who-question was answered with: "What did
        # their spokesman say?" after "Which union represents Marwick workers?" ("UFCW") asks
        # what the union's spokesman said (the whole previous question had been glued on);
        # "What did they say?" after "Who made the sensor?" ("Meravion") what Meravion said
        group = body
        resolved = _THEIR.sub(possessive(body), _THEY.sub(body, resolved, count=1), count=1)
    # the thing an "it" means, when the turn before gave or named one: "How many seats did it
    # win?" after "Which party won the most seats?" (answered "the centrist D66 party")
    # (or what the turn before's own "it" meant, through a run of them)
    thing = "" if antecedent or group or _IT_EVENT.search(question) else \
        thing_referent(question, prev_q, prev.answer, people, carried=prev_thing)
    if thing:
        resolved = with_thing(resolved, thing)
    # with its group in place, "What did they conclude?" is a question of its own words
    own = resolved if group or thing else question
    circumstance = False
    # (an abbreviation keeps its full stop: "and the U.S.?")
    focus = re.sub(r"(?<!\b[A-Z])\.+$", "", _ELLIPSIS.sub("", question).strip(" ?!")).strip()
    own_wh = False  # the question's own question word sets its type, even "other"
    if _ELLIPSIS.search(question) or _MORE.match(focus) \
            or (len(set(terms(own))) <= 1
                                      and not _PERSONAL.search(question)
                                      and not (_WH_START.search(own)
                                               and not _OTHER_REF.search(own))):
        # "and the date?": ask the previous question again with the new focus
        if _MORE.match(focus):  # "Anything else?": the previous question, asked past its answer
            focus = f"{lead_wh(prev_q) or 'what'} else"
        wh = _WH_FRAGMENT.match(focus)
        # "Who else?" asks past the previous answer, so it does not take the subject's place
        reframed = reframe(wh.group("wh"), prev_q, "" if exclude else ans) if wh else ""
        if reframed:
            # "When?" after "Who blocked the plan?": the old question, a new question word
            search = " ".join(dict.fromkeys(x for x in (reframed, prev_raw, ans) if x))
            # the previous answer is searched with, but may hold the new answer: "How
            # many?" after "What did NATO pledge?" ("keep its 16,000 peacekeepers")
            return Resolved(reframed, search, classify(reframed), True, antecedent,
                            "question word only: the previous question reframed", exclude,
                            known=f"{reframed} {prev_raw}", again=answer_text(prev.answer))
        typed = classify(f"what {focus}?") if focus else "other"
        if typed == "other" and re.search(r"\bwhen\b", focus, re.I):
            typed = "date"
        # "and a year earlier?", "and in 2010?" ask the previous question at another time or
        # place, not for a date ("a year earlier How much did Northwind earn?" had been typed
        # a date question), and not for the answer already given
        circumstance = bool(_CIRCUMSTANCE.search(focus)) and not _ANY_WH.search(focus)
        qtype = typed if typed != "other" else classify(focus + "?") if focus else prev_type
        own_wh = bool(_WH_START.search(focus))
        if circumstance:
            qtype = prev_type
        if qtype == "other" and not own_wh:
            # "and Serbia?" asks what the previous question asked; "What did it propose?"
            # (after "Who drew up the plan?") has a question word of its own, which says what
            # kind of answer it wants, though "it" needs the previous question's words
            qtype = prev_type
        aged = age_of(focus, antecedent)
        if aged:
            # "And her age?", "And Naylor's age?": how old they are, whatever was asked before
            return Resolved(aged, " ".join(dict.fromkeys(x for x in (aged, prev_raw) if x)),
                            classify(aged), True, antecedent, "elliptical, an age", exclude)
        swapped_q, swapped = substitution(focus, prev_q, people, kinds)
        grafted = swapped_q or graft(focus, prev_q, people)
        if grafted:
            # a new subject in the old frame: the old subject and answer would drag the search
            # back ("And the Kosovo president?" is not about the Serbian one)
            return Resolved(grafted, grafted, classify(grafted), True, antecedent,
                            "elliptical, new subject", exclude,
                            again=answer_text(prev.answer) if swapped else "",
                            again_if=swapped)
        # (a focus of its own type, "and the date?", is no phrase to ask the old question of)
        people_q = "" if circumstance else swap_people(focus, prev_q)
        if people_q:
            # another group in the old one's place: searched alone (the old subject and
            # answer would drag the search back to the old sentence) and past the old answer,
            # which the same sentence may hold ("Prosecutors had asked for 40 to 50 years,
            # while his lawyers had argued for no more than six and a half years.")
            return Resolved(people_q, people_q, classify(people_q), True, antecedent,
                            "elliptical, the previous question of other people", exclude,
                            known=f"{people_q} {prev_raw}", again=answer_text(prev.answer))
        asked = "" if circumstance else swap_head(focus, prev_q) or (
            reask(focus, prev_q)
            if typed in ("other", prev_type) or {typed, prev_type} <= _AMOUNTS else "")
        if asked and thing:
            # with its "it" in place: "And its share of the vote?" asks of the party
            asked = with_thing(asked, thing)
        if asked:
            # "And the foreign minister?" after "Who is the Serbian prime minister?": the old
            # question of the new thing, searched with the old question and its answer
            search = " ".join(dict.fromkeys(x for x in (asked, prev_raw, ans) if x))
            return Resolved(asked, search, classify(asked), True, antecedent,
                            "elliptical, the previous question of a new thing", exclude,
                            known=f"{asked} {prev_raw}")
        resolved = f"{focus} {prev_q}".strip() if focus else prev_q
    # the previous question once: a fragment's resolved question already holds it
    search = " ".join(dict.fromkeys(x for x in (resolved, prev_raw, ans)
                                    if x and (x is resolved or (
                                        x not in resolved
                                        and not (x is prev_raw and prev_q in resolved)))))
    # a question of its own about the one a pronoun means ("Where was she from?" after "Who
    # is Elena Torres?" -> "a schoolteacher from Arequipa") may be answered by a part of the
    # previous answer: only the questions are what the user already has, and the whole
    # previous answer is not asked again
    own_question = pointing and resolved != question and bool(_WH_START.search(question))
    # (a circumstance keeps the previous question's type, "other" too: "a year earlier What
    # was net income?" is no date question)
    return Resolved(resolved, search,
                    qtype if qtype != "other" or own_wh or circumstance
                    else classify(resolved), True,
                    antecedent, reason, exclude, group=group, thing=thing,
                    known=f"{resolved} {prev_raw}" if own_question else "",
                    again=answer_text(prev.answer) if circumstance or own_question else "")
