"""A question's abbreviations in the corpus's own words, and back; and the words an
abbreviation stands for, where an article sets them beside it (the expansion rule).

"Who is Acme's CEO?" of an article that writes "Chief Executive Jane Morales" shares no word
with the sentence that answers it, and every signal of the selector but the dense cosine is
lexical; the bot abstained. News writes titles and a few bodies both ways, so when the
question uses one form and the corpus only the other, the question is rewritten to the
corpus's form (and "Searched for" shows it). A short fixed table, not a model: the forms are
conventions, not paraphrases.
"""

from __future__ import annotations

import re

from .terms import TermStats, terms

# abbreviation (as written, case-sensitive) -> its words in running text
ABBREVIATIONS = {
    "CEO": "chief executive",
    "CFO": "chief financial officer",
    "COO": "chief operating officer",
    "CTO": "chief technology officer",
    "CIO": "chief information officer",
    "CISO": "chief information security officer",
    "CMO": "chief marketing officer",
    "PM": "prime minister",
    "VP": "vice president",
    "UN": "United Nations",
    "EU": "European Union",
    "GDP": "gross domestic product",
}
# (abbreviation, its words, the abbreviation as a word, the words as a phrase), compiled once
_FORMS = [(abbr, words, re.compile(rf"(?<![\w.]){re.escape(abbr)}(?![\w])"),
           re.compile(rf"(?<!\w){re.escape(words)}(?!\w)", re.I))
          for abbr, words in ABBREVIATIONS.items()]


def _uses(stats: TermStats, text: str) -> bool:
    ts = terms(text)
    return bool(ts) and all(stats.df.get(t, 0) > 0 for t in ts)


def _unused(stats: TermStats, text: str) -> bool:
    return any(stats.df.get(t, 0) == 0 for t in terms(text))


def to_corpus_words(question: str, stats: TermStats) -> str:
    """``question`` with each abbreviation (or spelled-out form) the corpus never uses
    replaced by the other form, where the corpus uses that one."""
    out = question
    for abbr, words, short, long in _FORMS:
        if short.search(out) and _unused(stats, abbr) and _uses(stats, words):
            out = short.sub(words, out)
        elif long.search(out) and _unused(stats, words) and _uses(stats, abbr):
            out = long.sub(abbr, out)
    return out


# "What does DART stand for?", "What is QED short for?", "What did the acronym AAP stand
# for?": the abbreviation asked to be spelled out (two capitals at least: "vBNS", "ctDNA")
_EXPANSION_QUESTION = re.compile(
    r"^\W*(?i:(?:what|that)\s+(?:does|do|did|is|was)\s+(?:the\s+)?(?:(?:acronym|abbreviation|"
    r"initialism|letters?)\s+)?)[\"“']?(?P<abbr>[\w&/-]+)[\"”']?\s+"
    r"(?i:stands?\s+for|short\s+for|an?\s+(?:acronym|abbreviation)\s+(?:for|of))\b")


def asked_expansion(question: str) -> str | None:
    """The abbreviation a question asks to be spelled out, as written; None for any other
    question."""
    m = _EXPANSION_QUESTION.match(question)
    # two capitals at least, counted here: in the pattern, a long word of capitals that is
    # no question made it backtrack for seconds (48 s for 1,990 letters)
    if m is None or sum(ch.isupper() for ch in m.group("abbr")) < 2:
        return None
    return m.group("abbr")


# words a spelling-out passes over: "Church of Jesus Christ", "Festival of the Arts"
_GLUE = {"of", "and", "the", "for", "in", "on", "a", "an", "to", "at", "de", "du", "des", "la",
         "le", "&"}


def _letters(abbr: str) -> str:
    return "".join(c.lower() for c in abbr if c.isalnum())


def _initials(words: list[str]) -> str:
    """The first letters of ``words`` and of their parts ("Command/Service", "Jean-Paul"),
    but of the words a spelling-out passes over."""
    parts = [p for w in words for p in re.split(r"[-/]", w) if p]
    return "".join(p[0].lower() for p in parts if p.lower() not in _GLUE)


def _scattered(words: str, abbr: str, backward: bool) -> int | None:
    """Schwartz & Hearst's (2003) looser reading, where the initials do not spell the
    abbreviation ("Very high-speed Backbone Network Service" for vBNS): its letters and
    digits found in order, its first at the start of a word. Read from the end
    (``backward``) it gives where the shortest such words start, from the start 0 when the
    words from the first on hold them; None when they do not."""
    chars = _letters(abbr)
    if not backward:
        if words[:1].lower() != chars[:1]:
            return None
        at = 1
        for c in chars[1:]:
            at = words.lower().find(c, at) + 1
            if at == 0:
                return None
        return 0
    at = len(words) - 1
    for k in range(len(chars) - 1, -1, -1):
        while at >= 0 and (words[at].lower() != chars[k] or (
                k == 0 and at > 0 and words[at - 1].isalnum())):
            at -= 1
        if at < 0:
            return None
        at -= 1
    return at + 1


# how news sets an abbreviation beside its words: "Double Asteroid Redirection Test, or
# DART," / "Lunar Excursion Module (LEM)" / "... Fire Protection, known as Cal Fire" before
# it, "AFC (American Football Conference)" / "QED, short for quantum electrodynamics," / "AAP
# stands for ..." after it
# (the last: a name in another language and its letters, in the brackets after the name:
# "The German Weather Service (Deutscher Wetterdienst, DWD)")
_BEFORE = (r"(?:\s*\(\s*(?:or\s+)?|,?\s+(?:or|(?:also\s+)?known\s+as|called)\s+(?:the\s+)?|"
           r",\s+(?={abbr}\s*\)))"
           r"{abbr}(?:\s*\)|(?=[\s,.;:)]|$))")
_AFTER = (r"{abbr}(?:\s*\(\s*|\s+[–—]\s+|,?\s+(?:short\s+for|which\s+stands\s+for|"
          r"stands\s+for|or)\s+)")
_LEADING = re.compile(r"[\"“]?(?:(?:the|a|an)\s+)?", re.I)
_EXPANSION_END = re.compile(r"\s*(?:[(),;\"”–—]|\.(?:\s|$)|$)")


def expansion(text: str, abbr: str) -> tuple[int, int] | None:
    """Offsets in ``text`` of the words ``abbr`` is short for, where ``text`` sets the two
    side by side; None when it does not. The words' initials spell the abbreviation, or
    failing that hold its letters in order (:func:`_scattered`); they open with its first
    letter, do not hold it, and are few: at most twice its letters, and its letters plus 5
    (Schwartz & Hearst's bound)."""
    if abbr not in text:  # most sentences (a speaker's titles scan a whole article)
        return None
    chars = _letters(abbr)
    most = min(2 * len(chars), len(chars) + 5)
    name = re.escape(abbr)

    def fits(a: int, b: int) -> bool:
        # words, not more abbreviations or formulas ("AS-205/208", "R-CO-R); aldehydes"),
        # and not across brackets or sentences
        words = text[a:b]
        return not re.search(rf"(?<!\w){name}(?!\w)|[()\[\];:\"“”]|\.\s", words) and \
            bool(re.search(r"[a-z]{3}", words))

    for m in re.finditer(_BEFORE.format(abbr=name), text):
        words = list(re.finditer(r"[^\s,;:()]+", text[:m.start()]))[-most:]
        if not words or text[words[-1].end():m.start()].strip(" ,"):
            continue
        end = words[-1].end()
        spelled = [i for i in range(len(words) - 1, -1, -1)
                   if words[i].group().lower() not in _GLUE
                   and _initials([w.group() for w in words[i:]]) == chars]
        if spelled:
            a = words[spelled[0]].start()
        else:
            lo = words[0].start()
            at = _scattered(text[lo:end], abbr, backward=True)
            if at is None:
                continue
            a = lo + at
            if re.search(r"known|called", m.group()) and not all(
                    w[:1].isupper() for w in text[a:end].split() if w.lower() not in _GLUE):
                # after a naming word, a name: "California Department of Forestry and Fire
                # Protection, known as Cal Fire", not "launched a new product, called
                # BankAmericard"
                continue
        if fits(a, end):
            return _whole_name(text, a), end
    for m in re.finditer(rf"(?<=[\w'’])\s*\(\s*{name}\s*\)", text):
        # letters of another language: "the Public Prosecution Service (OM)" (Openbaar
        # Ministerie), "the Spanish Socialist Workers' Party (PSOE)": the name before the
        # brackets, when it is a capitalized run of two or more words
        run = _NAME_BEFORE.search(text[:m.start()])
        if abbr in _COUNTRY_CODES or (run and re.search(
                r"[A-Z][\w'’-]*,?\s+(?:to|of|and|for|on|in|the)\s+$", text[:run.start()])):
            # "the Methodist Church (USA)" says where; "... Disasters to Advance Climate
            # Change Adaptation (SREX)" is the end of a longer name
            continue
        if run:
            a = run.start() + len(re.match(r"(?:(?:The|A|An)\s+)?", run.group()).group())
            if len(text[a:run.end()].split()) >= 2 and fits(a, run.end()):
                return a, run.end()
    for m in re.finditer(_AFTER.format(abbr=name), text):
        lead = _LEADING.match(text, m.end())
        a = lead.end() if lead else m.end()
        stop = _EXPANSION_END.search(text, a + 1)
        words = list(re.finditer(r"\S+", text[a:stop.start() if stop else len(text)]))
        if not words or len(words) > most:
            continue
        spelled = [i for i in range(1, len(words) + 1)
                   if _initials([w.group() for w in words[:i]]) == chars]
        b = a + (words[spelled[0] - 1].end() if spelled else words[-1].end())
        if (spelled or _scattered(text[a:b], abbr, backward=False) == 0) and fits(a, b):
            return a, b
    if not abbr.endswith("s") and re.search(rf"(?<!\w){name}s(?!\w)", text):
        # written in the plural: "nationally determined contributions (NDCs)"
        return expansion(text, abbr + "s")
    return None


# brackets saying which country a body is in, not what it is called
_COUNTRY_CODES = {"UK", "US", "USA", "U.S.", "EU", "UAE", "GB", "NZ", "SA", "PRC", "ROC", "DRC"}
# two or more capitalized words (glue between) ending where the text ends
_NAME_BEFORE = re.compile(r"(?<![\w'’-])[A-Z][\w'’-]*(?:\s+(?:(?:of|and|for|the|on|in|de|&)\s+)*"
                          r"[A-Z][\w'’-]*)+$")
# a name's glued head before the words that spell an abbreviation: "National Union of" before
# "Rail, Maritime and Transport Workers (RMT)"
_NAME_HEAD = re.compile(r"(?<![\w'’-])(?!(?:The|A|An)\s)(?:[A-Z][\w'’-]*\s+){1,3}(?:of|for)\s+$")


def _whole_name(text: str, a: int) -> int:
    """Where the name starting at ``a`` starts, when capitalized words glued by "of"/"for"
    come before it: the abbreviation names the whole body, "National Union of Rail, Maritime
    and Transport Workers", not "Rail, Maritime and Transport Workers"."""
    head = _NAME_HEAD.search(text[max(0, a - 80):a])
    return a - len(head.group()) if head else a


_CAPITALIZED_RUN = re.compile(r"(?<![\w-])[A-Z][\w'’-]*(?:\s+(?:(?:of|and|for|the|on|in|de|&)\s+)*"
                              r"[A-Z][\w'’-]*)+")


def spelled_name(text: str, abbr: str) -> tuple[int, int] | None:
    """Offsets in ``text`` of a name whose capitalized words' initials spell ``abbr`` (of
    three letters at least), where the text does not set the two side by side: "What does
    WHO stand for?" of "The World Health Organization recommends ..."; None for none."""
    chars = _letters(abbr)
    if len(chars) < 3 or not abbr.isupper():
        return None
    most = min(2 * len(chars), len(chars) + 5)  # as in expansion
    for m in _CAPITALIZED_RUN.finditer(text):
        spans = list(re.finditer(r"\S+", m.group()))
        words = [w.group() for w in spans]
        for i in range(len(words)):
            if words[i].lower() in _GLUE:
                continue
            for j in range(min(len(words), i + most), i, -1):
                if words[j - 1].lower() not in _GLUE and _initials(words[i:j]) == chars:
                    return m.start() + spans[i].start(), m.start() + spans[j - 1].end()
    return None
