"""Content terms (lowercased, stemmed, stop words dropped) and their IDF over the chunks.

Shared by the selector's overlap features and the conversation's follow-up detection, so
"described" in a question matches "describe" in an article.
"""

from __future__ import annotations

import math
import re
import threading
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

import Stemmer
from bm25s.stopwords import STOPWORDS_EN

# auxiliary and modal verbs: they end a noun phrase and never name what a question asks for
AUXILIARIES = frozenset({"is", "are", "was", "were", "do", "does", "did", "has", "have", "had",
                         "will", "would", "can", "could", "should", "may", "might", "must"})
_WORD = re.compile(r"\w+(?:[.,]\d+)*", re.UNICODE)
_STOP = frozenset(STOPWORDS_EN) | {
    "did", "does", "do", "many", "much", "say", "said", "s", "according", "also", "would",
    "could", "whose", "whom", "who", "what", "when", "where", "which", "why", "how", "he", "she",
    "him", "her", "his", "hers", "they", "them", "their", "its", "we", "our", "you", "your", "i",
    "me", "my", "us", "has", "have", "had", "been", "being", "am", "can", "will", "shall",
    # prepositions and quantifiers (bm25s' list is Lucene's 33 words): "say about conflicts"
    # must not count "about" as a rare word the articles lack
    "about", "above", "across", "after", "against", "along", "among", "around", "before",
    "behind", "below", "beneath", "beside", "between", "beyond", "despite", "down", "during",
    "except", "from", "inside", "like", "near", "off", "onto", "out", "outside", "over", "past",
    "since", "through", "throughout", "till", "toward", "towards", "under", "underneath",
    "until", "up", "upon", "within", "without", "whether", "while", "just", "very", "too",
    "so", "than", "here", "those", "only", "own", "same", "other", "another", "each", "every",
    "either", "neither", "both", "few", "more", "most", "some", "any", "all", "several",
}
# Nationality adjectives -> their place, so "Russia's foreign minister" matches "Russian Foreign
# Minister" (stemming leaves "russian" and "russia" apart). Common news places; plurals too.
_PLACES = {
    "afghan": "afghanistan", "african": "africa", "albanian": "albania",
    "american": "america", "arab": "arabia", "argentine": "argentina",
    "argentinian": "argentina", "armenian": "armenia", "asian": "asia",
    "australian": "australia", "austrian": "austria", "belgian": "belgium",
    "bosnian": "bosnia", "brazilian": "brazil", "british": "britain", "bulgarian": "bulgaria",
    "canadian": "canada", "chinese": "china", "colombian": "colombia", "croatian": "croatia",
    "cuban": "cuba", "czech": "czechia", "danish": "denmark", "dutch": "netherlands",
    "egyptian": "egypt", "english": "england", "ethiopian": "ethiopia", "european": "europe",
    "finnish": "finland", "french": "france", "georgian": "georgia", "german": "germany",
    "greek": "greece", "hungarian": "hungary", "indian": "india", "indonesian": "indonesia",
    "iranian": "iran", "iraqi": "iraq", "irish": "ireland", "israeli": "israel",
    "italian": "italy", "japanese": "japan", "jordanian": "jordan", "kenyan": "kenya",
    "korean": "korea", "kosovar": "kosovo", "kurdish": "kurdistan", "lebanese": "lebanon",
    "libyan": "libya", "macedonian": "macedonia", "mexican": "mexico",
    "montenegrin": "montenegro", "moroccan": "morocco", "nigerian": "nigeria",
    "norwegian": "norway", "pakistani": "pakistan", "palestinian": "palestine",
    "polish": "poland", "portuguese": "portugal", "romanian": "romania", "russian": "russia",
    "saudi": "arabia", "scottish": "scotland", "serb": "serbia", "serbian": "serbia",
    "slovak": "slovakia", "slovenian": "slovenia", "somali": "somalia",
    "spanish": "spain", "sudanese": "sudan", "swedish": "sweden", "swiss": "switzerland",
    "syrian": "syria", "turkish": "turkey", "ukrainian": "ukraine", "venezuelan": "venezuela",
    "vietnamese": "vietnam", "welsh": "wales", "yemeni": "yemen", "chilean": "chile",
    "peruvian": "peru", "bolivian": "bolivia", "ecuadorian": "ecuador",
    "uruguayan": "uruguay", "paraguayan": "paraguay", "haitian": "haiti",
    "jamaican": "jamaica", "filipino": "philippines", "thai": "thailand",
    "malaysian": "malaysia", "singaporean": "singapore", "bangladeshi": "bangladesh",
    "nepali": "nepal", "kazakh": "kazakhstan", "uzbek": "uzbekistan", "ghanaian": "ghana",
    "senegalese": "senegal", "tanzanian": "tanzania", "ugandan": "uganda",
    "rwandan": "rwanda", "zimbabwean": "zimbabwe", "zambian": "zambia", "angolan": "angola",
    "tunisian": "tunisia", "algerian": "algeria", "qatari": "qatar", "emirati": "emirates",
    "kuwaiti": "kuwait", "omani": "oman", "lithuanian": "lithuania", "latvian": "latvia",
    "estonian": "estonia", "belarusian": "belarus", "moldovan": "moldova",
    "icelandic": "iceland", "cypriot": "cyprus", "maltese": "malta",
    # the people ("How many Spaniards were killed?" of "six from Spain")
    "spaniard": "spain", "briton": "britain", "swede": "sweden", "dane": "denmark",
    "finns": "finland", "turk": "turkey", "scot": "scotland", "frenchman": "france",
    "frenchmen": "france", "englishman": "england", "englishmen": "england",
}
_PLACES.update({k + "s": v for k, v in list(_PLACES.items()) if not k.endswith(("sh", "se"))})
# Irregular verbs' past forms -> their base, so "How much did the euro rise?" matches "the
# euro ... rose 0.4 percent" (stemming leaves "rose" and "rise" apart, and questions ask in
# the present what news reports in the past). Forms that are as often other words stay out
# ("found", "left", "saw", "felt", "lay", "born", "bore", "ground", "wound", "fed",
# "sat").
_IRREGULAR = {
    "rose": "rise", "risen": "rise", "fell": "fall", "fallen": "fall", "won": "win",
    "grew": "grow", "grown": "grow", "began": "begin", "begun": "begin", "took": "take",
    "taken": "take", "gave": "give", "given": "give", "ran": "run", "sold": "sell",
    "bought": "buy", "built": "build", "brought": "bring", "paid": "pay", "spent": "spend",
    "lost": "lose", "met": "meet", "held": "hold", "kept": "keep", "thought": "think",
    "wrote": "write", "written": "write", "chose": "choose", "chosen": "choose",
    "drove": "drive", "driven": "drive", "flew": "fly", "flown": "fly", "fought": "fight",
    "struck": "strike", "stricken": "strike", "told": "tell", "knew": "know", "known": "know",
    "became": "become", "came": "come", "went": "go", "gone": "go", "sent": "send",
    "spoke": "speak", "spoken": "speak", "stood": "stand", "taught": "teach",
    "caught": "catch", "threw": "throw", "thrown": "throw", "drew": "draw", "drawn": "draw",
    "broke": "break", "broken": "break", "froze": "freeze", "frozen": "freeze",
    "shot": "shoot", "hid": "hide", "hidden": "hide", "fled": "flee", "sank": "sink",
    "sunk": "sink", "swore": "swear", "sworn": "swear", "wore": "wear", "worn": "wear",
    "ate": "eat", "eaten": "eat", "forgot": "forget", "forgotten": "forget", "sought": "seek",
    "sang": "sing", "sung": "sing", "swam": "swim", "swum": "swim", "understood": "understand",
    "withdrew": "withdraw", "withdrawn": "withdraw", "overtook": "overtake",
    "overtaken": "overtake", "undertook": "undertake", "undertaken": "undertake",
    "arose": "arise", "arisen": "arise", "awoke": "awake", "bent": "bend", "bled": "bleed",
    "bred": "breed", "clung": "cling", "dealt": "deal", "dug": "dig", "forbade": "forbid",
    "forbidden": "forbid", "foresaw": "foresee", "foreseen": "foresee", "forgave": "forgive",
    "forgiven": "forgive", "lent": "lend", "meant": "mean", "rode": "ride", "ridden": "ride",
    "rang": "ring", "rung": "ring", "shook": "shake", "shaken": "shake", "shone": "shine",
    "slept": "sleep", "slid": "slide", "spun": "spin", "stole": "steal", "stolen": "steal",
    "stuck": "stick", "stung": "sting", "strove": "strive", "striven": "strive",
    "swept": "sweep", "swung": "swing", "tore": "tear", "torn": "tear", "wept": "weep",
    "woke": "wake", "woken": "wake", "wove": "weave", "woven": "weave", "wrung": "wring",
    "led": "lead", "heard": "hear", "slew": "slay",
    "slain": "slay", "begotten": "beget", "sprang": "spring", "sprung": "spring",
}
# Nouns made from verbs whose stems differ from the verb's -> that verb, so "Who founded
# FTX?" matches "FTX founder ..." and "How much did sales fall?" "... sold". Only words
# whose stems the stemmer leaves apart (it already joins "approval"/"approve",
# "investigator"/"investigate"); nouns as often about something else stay out
# ("addition", "division", "application", "product").
_DERIVED = {
    "founder": "found", "founders": "found", "cofounder": "found", "winner": "win",
    "winners": "win", "owner": "own", "owners": "own", "leader": "lead", "leaders": "lead",
    "buyer": "buy", "buyers": "buy", "seller": "sell", "sellers": "sell", "sale": "sell",
    "sales": "sell", "killer": "kill", "killers": "kill", "builder": "build",
    "creator": "create", "inventor": "invent", "investor": "invest", "investors": "invest",
    "lender": "lend", "lenders": "lend", "prosecutor": "prosecute",
    "prosecutors": "prosecute", "protestor": "protest", "protestors": "protest",
    "governor": "govern", "successor": "succeed", "succession": "succeed",
    "conqueror": "conquer", "discoverer": "discover",
    "discovery": "discover", "writer": "write", "teacher": "teach", "teachers": "teach",
    "singer": "sing", "runner": "run", "runners": "run", "rider": "ride", "driver": "drive",
    "drivers": "drive", "farmer": "farm", "farmers": "farm", "ruler": "rule",
    "employee": "employ", "employees": "employ", "nominee": "nominate",
    "appointee": "appoint", "death": "die", "deaths": "die", "birth": "born", "loss": "lose",
    "losses": "lose", "growth": "grow", "flight": "fly", "flights": "fly",
    "choice": "choose", "proof": "prove", "speech": "speak", "entry": "enter",
    "failure": "fail", "departure": "depart", "closure": "close", "seizure": "seize",
    "denial": "deny", "decision": "decide", "conclusion": "conclude",
    "explosion": "explode", "invasion": "invade", "collision": "collide",
    "expansion": "expand", "extension": "extend", "admission": "admit",
    "permission": "permit", "emission": "emit", "emissions": "emit",
    "suspension": "suspend", "response": "respond", "defense": "defend",
    "defence": "defend", "pursuit": "pursue", "complaint": "complain",
    "agreement": "agree", "delivery": "deliver", "recovery": "recover",
    "marriage": "marry", "destruction": "destroy", "reduction": "reduce",
    "introduction": "introduce", "acquisition": "acquire", "description": "describe",
    "explanation": "explain", "injury": "injure", "injuries": "injure",
    "maintenance": "maintain", "occurrence": "occur",
    # nouns of size, and of a vote: "How deep is the wreck?" of "at a depth of 92 metres"
    "depth": "deep", "length": "long", "height": "high", "width": "wide",
    "abstention": "abstain", "abstentions": "abstain", "births": "born",
    "revenue": "sell", "revenues": "sell",
}
# Words news uses for one another -> one term (by stem, after the tables above), so "How many
# people died?" matches "were killed" and "When was he arrested?" "was detained".
_SYNONYMS = {
    "kill": "die", "dead": "die", "detain": "arrest", "apprehend": "arrest", "construct": "build",
    "erect": "build", "purchas": "buy", "acquir": "buy", "worth": "valu", "headquart": "base",
    "start": "begin", "commenc": "begin", "finish": "end", "recruit": "hire", "quit": "resign",
    "increas": "rise", "climb": "rise", "jump": "rise", "soar": "rise",
    "declin": "fall", "drop": "fall", "decreas": "fall", "slump": "fall", "plung": "fall",
    "wound": "injur", "hurt": "injur", "evacu": "flee", "prohibit": "ban", "halt": "stop",
    "attempt": "tri", "pick": "choos", "select": "choos", "forecast": "expect",
    "predict": "expect", "anticip": "expect", "shut": "close", "aid": "help", "assist": "help",
    "requir": "need", "hit": "strike", "price": "cost", "vehicl": "car", "children": "child",
    "men": "man", "women": "woman", "theft": "steal",
    "pledg": "promis", "vow": "promis", "oust": "dismiss", "sack": "dismiss",
    "initi": "origin", "caretak": "interim", "temporari": "interim", "jail": "prison",
    "imprison": "prison",
    # news words for the same thing ("free on a $750,000 bond" for "bail", "viewers" for
    # "people watched", "a probe" for "the investigation")
    "bail": "bond", "ref": "refere", "viewer": "watch", "spectat": "watch",
    "probe": "investig", "inquiri": "investig", "blaze": "fire", "physician": "doctor",
}
# the names of months and days: capitalized, but no person's, place's or body's
CALENDAR = frozenset({"January", "February", "March", "April", "May", "June", "July", "August",
                      "September", "October", "November", "December", "Monday", "Tuesday",
                      "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"})
_local = threading.local()


def _stemmer() -> Stemmer.Stemmer:
    st = getattr(_local, "stemmer", None)
    if st is None:  # PyStemmer objects are not thread-safe: one per thread
        st = _local.stemmer = Stemmer.Stemmer("english")
    return st


@lru_cache(maxsize=200_000)
def _stem(word: str) -> str:
    return _stemmer().stemWord(word)


def words(text: str) -> list[str]:
    return [m.group().lower() for m in _WORD.finditer(text)]


@lru_cache(maxsize=50_000)
def terms(text: str) -> tuple[str, ...]:
    """Stemmed content words in order (repeats kept). Cached: ``ask`` looks at the same
    candidate sentences and their neighbours again and again."""
    return tuple(_term(w) for w in words(text) if w not in _STOP)


def content_words(text: str) -> list[str]:
    """The words of ``text`` that are no stopwords, as written: what a question asks about,
    "What will he be calling for after December 10?" -> ["calling", "December", "10"]."""
    return [w for w in re.findall(r"[\w'’-]+", text) if w.lower() not in _STOP]


def nationality_place(word: str) -> str:
    """The place a nationality adjective names ("Chilean" -> "chile"); "" for other words."""
    return _PLACES.get(word.lower(), "")


# British spellings and their American forms, so a question in one matches an article in the
# other ("Did he apologize?" of "Solheim apologised ..."; "elderly neighbours" of "an elderly
# neighbor"): -our (not "hour", "four", "tour", ...), -ise and -yse verbs (after a consonant:
# not "raise", "noise"; nor words spelt -ise everywhere, ``_ONLY_ISE``), -tre and -bre, -ogue,
# and a few words of their own
_OUR = re.compile(r"^(\w{2,}?[^aeou\W])our(s|ed|ing|ite|ites|able|ably|er|ers|less|ful)?$")
_NOT_OUR = frozenset({"flour", "flours", "devour", "devoured", "devouring", "devours", "detour",
                      "detours", "contour", "contours", "scour", "scoured", "scours",
                      "paramour", "troubadour", "velour", "glamour"})
_ISE = re.compile(r"^(\w{2,}[^aeiou\W])(is|ys)(e|es|ed|ing|ation|ations|er|ers)$")
# words spelt -ise on both sides of the Atlantic, kept as they are so they still match their
# own derived forms ("precise" and "precisely", "surprise" and "surprisingly")
_ONLY_ISE = frozenset({"advis", "advertis", "chastis", "circumcis", "compris", "compromis",
                       "concis", "demis", "despis", "devis", "enterpris", "excis", "exercis",
                       "expertis", "franchis", "improvis", "incis", "merchandis", "precis",
                       "premis", "promis", "revis", "supervis", "surmis", "surpris", "televis",
                       "treatis", "paradis", "otherwis", "likewis", "clockwis", "repris"})
_TRE = re.compile(r"^(\w{2,}[tb])re(s|d)?$")
_OGUE = re.compile(r"^(\w{3,})ogue(s)?$")
_BRITISH = {"programme": "program", "programmes": "programs", "offence": "offense",
            "offences": "offenses", "licence": "license", "licences": "licenses",
            "pretence": "pretense", "grey": "gray", "tyre": "tire", "tyres": "tires",
            "aluminium": "aluminum", "enrolment": "enrollment", "fulfil": "fulfill",
            "cheque": "check", "cheques": "checks", "jewellery": "jewelry"}


def american(word: str) -> str:
    """The American spelling of a lower-cased British one ("neighbours" -> "neighbors",
    "apologised" -> "apologized", "kilometres" -> "kilometers"); the word as it is else."""
    if word in _BRITISH:
        return _BRITISH[word]
    m = _OUR.match(word)
    if m and word not in _NOT_OUR:
        return f"{m.group(1)}or{m.group(2) or ''}"
    m = _ISE.match(word)
    if m and m.group(1) + m.group(2) not in _ONLY_ISE:
        return f"{m.group(1)}{m.group(2)[0]}z{m.group(3)}"
    m = _TRE.match(word)
    if m:
        # "centred" -> "centered"
        return f"{m.group(1)}er{'ed' if m.group(2) == 'd' else m.group(2) or ''}"
    m = _OGUE.match(word)
    if m:
        return f"{m.group(1)}og{m.group(2) or ''}"
    return word


@lru_cache(maxsize=200_000)
def _term(word: str) -> str:
    """A lower-cased word as a term: American spelling, nationality -> place, past form or
    derived noun -> verb, then stemmed. Cached by word, as the stem is."""
    word = american(word)
    stem = _stem(_PLACES.get(word) or _IRREGULAR.get(word) or _DERIVED.get(word, word))
    return _SYNONYMS.get(stem, stem)


def name_terms(text: str) -> frozenset[str]:
    """Terms of the capitalized words after the first: the names a question asks about
    ("Who is China's ambassador?" -> {"china"}). A name the corpus never uses is strong
    evidence that the articles cannot answer; an unfamiliar common word is not."""
    out = set()
    for i, m in enumerate(_WORD.finditer(text)):
        w = m.group()
        lw = w.lower()
        if i and w[:1].isupper() and lw not in _STOP:
            out.add(_term(lw))
    return frozenset(out)


class TermStats:
    """Document frequencies of terms over chunk texts -> smoothed IDF in [0, ~log N]."""

    def __init__(self, texts: list[str]) -> None:
        self.n = max(1, len(texts))
        self.df: Counter[str] = Counter()
        for t in texts:
            self.df.update(set(terms(t)))

    def without(self, texts: list[str]) -> TermStats:
        """The statistics of the corpus minus ``texts`` (questions asked without their
        article must not see that article's words either)."""
        out = TermStats([])
        out.n = max(1, self.n - len(texts))
        out.df = self.df.copy()
        for t in texts:
            out.df.subtract(set(terms(t)))
        return out

    def unseen_share(self, terms_: Iterable[str]) -> float:
        """The share of ``terms_`` no text of the corpus uses (0 for none)."""
        ts = list(terms_)
        return sum(1 for t in ts if self.df.get(t, 0) == 0) / max(1, len(ts))

    def idf(self, term: str) -> float:
        return math.log(1 + (self.n - self.df.get(term, 0) + 0.5) / (self.df.get(term, 0) + 0.5))
