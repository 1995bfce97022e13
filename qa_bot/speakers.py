"""Whose words a question asks for, and which sentences can give them.

"What did Churkin say about the talks?" asks for Churkin's words. Without this check the bot
answered it with "The report says the talks led to ...", the sentence whose words matched
best, though it quotes the mediators' report and not Churkin; and "What did Churkin say?"
(his words and nothing else) was abstained on at confidence 0.05, because the fitted models
learned from SQuAD, where such bare questions do not occur, that a question sharing no word
with a sentence beyond a name is not answered by it.

A rule, like the office rule (``constraints.py``): a sentence that gives someone else's words
(a verb of saying or a quotation, the speaker not named, no "he said" that may continue their
words) leaves the ranking. Sentences that say nothing of anyone's words stay: an encyclopedia
paraphrases ("Erfurt was a beerhouse and a whorehouse") where a newspaper quotes, and on
SQuAD a filter keeping only sentences that name the speaker (or continue the sentence before
that does) cost 10 of 67 right answers. For a *bare* question ("What did Churkin say?", "How
did Kostunica respond?") the question asks for the speaker's words and nothing more: only a
sentence that names them, or continues one that does, may answer, and one that also reports
speech (a verb of saying or a quotation) answers it, whatever the fitted confidence (which
still ships with the answer, as it was fitted).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, replace

from .constraints import NAME_PARTICLES, OCCUPATIONS, description, is_office_word
from .types import Entity, Sentence

# verbs of saying and of stated views that take the speaker as subject in a question
_VERBS = (r"say|tell|describe|call|characteri[sz]e|term|stress|warn|insist|argue|claim|add|"
          r"urge|announce|state|declare|think|believe|suggest|propose|reply|respond|answer|"
          r"comment|note|write|predict|promise|threaten|demand|explain|mention|consider|feel|"
          r"want|hope|fear|conclude|report|assert|maintain|deny|admit|recommend|accuse|"
          r"critici[sz]e|blame|praise|reiterate|emphasi[sz]e|ask|react|testify")
# of those, the verbs that ask for words rather than a view or a feeling
_WORD_VERBS = re.compile(r"say|tell|write|state|declare|announce|add|reply|respond|answer|"
                         r"comment|note|mention|explain|report|stress|insist|reiterate|"
                         r"emphasi[sz]e|warn|claim|assert|testify")
_PARTICLES = "|".join(sorted(NAME_PARTICLES))
_NAME = rf"[A-Z][\w.'’-]*(?:\s+(?:(?:{_PARTICLES})\s+)?[A-Z][\w.'’-]*)*"
_QUESTION = re.compile(
    rf"^\s*(?i:(?:and|so|but)[, ]+)?(?i:what|how|why)\s+(?i:else\s+)?"
    rf"(?i:did|does|do|has|had|have|would|will|could)\s+(?:the\s+)?"
    # "Kroger executives", "NATO allies": a named group (a plural: not "hypothesis", "status")
    rf"(?P<who>{_NAME}(?:\s+[a-z]*[abcdefghjklmnopqrtvwxyz]s)?)\s+"
    rf"(?P<verb>{_VERBS})\b(?P<rest>.*)$")  # the verb as questions write it: "report", not "Report"
# ... or a group or body in lowercase: "What do scientists say?", "What did the report say?",
# "What did the mediators conclude?" (a plural, or any noun after a determiner)
_GROUP_QUESTION = re.compile(
    rf"^\s*(?i:(?:and|so|but)[, ]+)?(?i:what|how|why)\s+(?i:else\s+)?"
    rf"(?i:did|does|do|has|had|have|would|will|could)\s+"
    rf"(?:(?P<det>the|its|their|some|many|most|other|these|those)\s+)?"
    rf"(?P<group>[a-z][a-z-]*[a-z])\s+"
    rf"(?P<verb>{_VERBS})\b(?P<rest>.*)$")
_NOT_GROUPS = {"he", "she", "they", "it", "you", "we", "i", "this", "that", "there", "his",
               "its", "us", "was", "is", "has", "does", "anyone", "someone", "everyone", "one",
               "ones", "others", "other", "yes", "less", "unless", "thus", "perhaps",
               # the articles themselves: "What do the articles say about ...?" asks them,
               # not a speaker they quote (their words are every sentence)
               "article", "articles", "document", "documents", "text", "texts", "story",
               "stories", "source", "sources", "news", "paper", "papers", "piece", "pieces"}
# what may follow the verb in a bare question: nothing, or only "it/that/so" and a time
# ... or where, when or to whom they said them, which asks for nothing but their words:
# "What did Wilders write on X?", "What did she say in a statement?", "What did he tell
# reporters on Friday?" (not "on the economy": that is what the words are about; "told
# supporters" as "to supporters")
_CIRCUMSTANCE = (
    r"on\s+(?:X|Twitter|Facebook|Instagram|TikTok|Telegram|Truth\s+Social|social\s+media|"
    r"television|TV|radio|(?:his|her|their|its)\s+(?:blog|website|account|channel|podcast))|"
    r"in\s+(?:a|an|his|her|their|its|the)\s+(?:(?:written|joint|brief|short|televised)\s+)?"
    r"(?:statement|post|interview|speech|letter|op-ed|video|tweet|message|address|"
    r"news\s+conference|press\s+conference)|"
    r"(?:to\s+)?(?:reporters|journalists|supporters|lawmakers|parliament|the\s+(?:press|"
    r"council|court|crowd|audience|nation|country))|"
    r"(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|yesterday|today|"
    r"at\s+(?:a|the)\s+(?:news|press)\s+conference")
_BARE_REST = re.compile(rf"^\s*(?:(?:it|that|this|so|then|there|again|next|about\s+(?:it|that|"
                        rf"this))\s*)?(?:(?:{_CIRCUMSTANCE})\s*){{0,2}}[?.!]*\s*$", re.I)
# what the words are asked about: "What did Scheffer say about violence?" -> "violence"
# ("of" and "on" are left out: "What did Luther think of Purgatory?" was answered from a
# saying of Tetzel's that Luther objected to, "What does X ask of Y?" asks no topic)
_ABOUT = re.compile(r"^\s*(?:about|regarding|concerning)\s+(?P<topic>.*\w)[?.!\s]*$", re.I)
_NOT_SPEAKERS = {"He", "She", "They", "It", "I", "We", "You", "This", "That", "There"}
# a sentence that says someone said something: the verbs in lowercase, as running text
# writes them ("the United States" states nothing), "According to" either way
_SAYING = re.compile(
    r"\b(?:said|says|say|told|tells|stressed|stresses|warned|warns|described|describes|"
    r"called|calls|added|adds|argued|argues|insisted|insists|urged|urges|noted|notes|"
    r"stated|states|declared|declares|announced|announces|claimed|claims|explained|"
    r"explains|replied|replies|responded|responds|suggested|suggests|proposed|proposes|"
    r"testified|testifies|"
    r"predicted|predicts|wrote|writes|commented|comments|reiterated|reiterates|emphasi[sz]ed|"
    r"emphasi[sz]es|asked|asks|[Aa]ccording\s+to|[Ii]n\s+(?:a|his|her|their)\s+(?:statement|"
    r"speech|address|remarks))\b")
# what makes a verb of saying say nothing: "did not say which race he would run next",
# "declined to immediately say"
_NEGATED = re.compile(r"(?:\bnot|\bnever|n[’']t|\b(?:declin|refus)(?:ed|es|ing|e)\s+to)"
                      r"(?:\s+\w+ly)?\s+$", re.I)
QUOTE_MARK = re.compile(r"[\"“”]")
_WORDS = re.compile(r"[\w.'’-]*\w")
TYPO_MIN = 6  # letters a name word needs before one misspelt letter is forgiven
_CONTINUES = re.compile(r"\b(?:he|she|his|her|him|they|their)\b", re.I)


# the ways news writes a few speaking bodies: "What did the US say?" is answered by "the
# United States ... issued a joint statement", which names it in full
_ALIASES = (("US", "U.S.", "USA", "United States"), ("UK", "U.K.", "United Kingdom"),
            ("UN", "United Nations"), ("EU", "European Union"))


@dataclass(frozen=True)
class Speaker:
    name: str  # as the question writes it: "Vitaly Churkin", "NATO"
    forms: tuple[str, ...]  # how a sentence may name them: the name, its last word
    bare: bool  # the question asks for their words and nothing more
    # the titles the articles give them ("Russian Ambassador"), as (office word, the other
    # words), lowercase: "the Russian ambassador said" names them too (``with_titles``)
    titles: tuple[tuple[str, frozenset[str]], ...] = ()
    # what their words are asked about ("violence" in "What did Scheffer say about
    # violence?"), "" for none: a sentence of theirs holding it answers (``selector``)
    topic: str = ""
    # named in lowercase ("scientists", "the report"): a sentence names them in any case
    caseless: bool = False
    # the question asks for words ("What did Nelson say / write?"), not a view ("What does
    # Russia want?"): a sentence that only names them is then no answer (``selector``)
    words: bool = False


def asked_speaker(question: str) -> Speaker | None:
    """The named person or body whose words the question asks for, else None."""
    m = _QUESTION.match(question)
    if not m:
        return _group_speaker(question)
    name = m.group("who").strip()
    if name.split()[0] in _NOT_SPEAKERS or re.search(r"(?:'s|’s|s')(?:\s|$)", name):
        # a possessive is no speaker: "What did Kilbrandon's report recommend?"
        return None
    words = name.split()
    forms = [name]
    last = words[-1]
    if len(words) > 1 and last[:1].isupper():  # a named group is named whole
        # "Ban Ki-moon" is "Ban" later on; "Vojislav Kostunica" is "Kostunica"
        forms.append(words[0] if re.search(r"-[a-z]", last) else last)
    forms += next((list(g) for g in _ALIASES if name in g), [])
    bare, topic = _asked_of(m.group("rest"))
    return Speaker(name, tuple(dict.fromkeys(forms)), bare, topic=topic,
                   words=bool(_WORD_VERBS.fullmatch(m.group("verb"))))


def _group_speaker(question: str) -> Speaker | None:
    """A group or body asked about in lowercase ("What do scientists say?", "What did the
    report say?"): a plural, or any noun after a determiner; not a pronoun."""
    m = _GROUP_QUESTION.match(question)
    if not m:
        return None
    group = m.group("group")
    if group in _NOT_GROUPS or not (m.group("det") or (group.endswith("s") and len(group) > 3
                                                        and not group.endswith("ss"))):
        return None
    bare, topic = _asked_of(m.group("rest"))
    return Speaker(group, (group,), bare, topic=topic, caseless=True,
                   words=bool(_WORD_VERBS.fullmatch(m.group("verb"))))


def _asked_of(rest: str) -> tuple[bool, str]:
    """From what follows the verb: whether the question is bare (their words and nothing
    more) and what it asks their words about ("" for nothing)."""
    if _BARE_REST.match(rest):
        return True, ""
    about = _ABOUT.match(rest)
    return False, about.group("topic") if about else ""


_TITLE_WORD = re.compile(r"[\w.'’-]+")


def _title_words(s: Sentence, name: str) -> list[str]:
    """The lowercase words of the title or apposition ``s`` gives ``name``
    (``constraints.description``: "Zaragoza Mayor" -> ["zaragoza", "mayor"]), possessives
    bare; [] for none."""
    where = description(s, name, definitions=False)
    if where is None or where[0] - s.start > len(s.text):
        return []
    return [re.sub(r"(?:'s|’s)$", "", w).lower()
            for w in _TITLE_WORD.findall(s.text[where[0] - s.start:where[1] - s.start])]


def with_titles(speaker: Speaker, sentences: Iterable[Sentence]) -> Speaker:
    """``speaker`` with the office titles the sentences give them right before their name
    ("Russian Ambassador Churkin", "Russia's UN Ambassador Vitaly Churkin"), so a later
    sentence that calls them by title ("..., the Russian ambassador said.") is known to give
    their words and is not taken for someone else's."""
    if speaker.caseless:  # a group has no office titles before its name
        return speaker
    found: dict[tuple[str, frozenset[str]], None] = {}
    for s in sentences:
        if not any(f in s.text for f in speaker.forms):
            continue
        words = _title_words(s, speaker.name)
        heads = [k for k, w in enumerate(words) if is_office_word(w)]
        if heads and heads[-1] == len(words) - 1:  # "Russian Ambassador", not "... of Kosovo"
            found[(words[-1], frozenset(words[:-1]))] = None
    return replace(speaker, titles=tuple(found)) if found else speaker


def _titled_as(word: str) -> bool:
    """An office or occupation word, as a person is titled ("judge", "auditor")."""
    return is_office_word(word) or word.lower() in OCCUPATIONS


def as_office_holder(speaker: Speaker, sentences: Iterable[Sentence]) -> Speaker:
    """"What did the mayor say?" asks for the words of the one person the sentences title so
    ("Zaragoza Mayor Javier Ruiz", "Priya Raman, the city's finance director", "A company
    spokeswoman, Fernanda Lopes,"): that person, known by name and by the title, so
    '"Nothing in the engineers' reports told us ...," Ruiz said.' gives their words (it had
    been no one's: "the mayor" was read as a group, named only as "mayor"). ``speaker`` as
    it is for any other speaker, or where the sentences title no one or more than one person
    so."""
    if not speaker.caseless or not _titled_as(speaker.name):
        return speaker
    full = office_holder_name(speaker.name, sentences)
    if full is None:
        return speaker
    return Speaker(full, tuple(dict.fromkeys((full, full.split()[-1]))), speaker.bare,
                   titles=((speaker.name, frozenset()),), topic=speaker.topic,
                   words=speaker.words)


def office_holder_name(title: str, sentences: Iterable[Sentence]) -> str | None:
    """The fullest name of the one person the sentences title ``title`` (a lowercase office
    or occupation word: "mayor", "judge", "auditor"), None for no one or more than one."""
    holders: dict[str, str] = {}  # surname -> the fullest name
    for s in sentences:
        for e in s.entities:
            if e.label == "PERSON" and titles_as(s, e, title):
                last = e.text.split()[-1]
                if len(e.text) > len(holders.get(last, "")):
                    holders[last] = e.text
    return next(iter(holders.values())) if len(holders) == 1 else None


def titles_as(sentence: Sentence, entity: Entity, title: str) -> bool:
    """Whether ``sentence`` gives the person ``entity`` the title ``title``: before the name
    or in an apposition ("U.S. District Judge Anita Morales", "Priya Raman, the city's
    finance director"), or set off before it ("A company spokeswoman, Fernanda Lopes, said",
    "Its chair, Ambassador Tevita Lolohea"); a title of two words, "chief investigator",
    both."""
    *rank, last = title.split()
    same = tuple(" ".join([*rank, t]) for t in _SAME_TITLES.get(last, (last,)))
    words = _title_words(sentence, entity.text)
    if words and " ".join(words[-1 - len(rank):]) in same:  # "chief investigator": both words
        return True
    said = "|".join(map(re.escape, same))
    return bool(re.search(rf"\b(?:{said})\s*,\s*(?:[A-Z][\w.'’-]*\s+){{0,2}}$",
                          sentence.text[:entity.start - sentence.start], re.I))


# titles a reader asks by either name: "Who is the lawyer?" of "Palmer's attorney, Michael
# Brandt", "the spokesman" of a spokeswoman
_SAME_TITLES = {w: group for group in (("lawyer", "attorney"),
                                       ("spokesman", "spokeswoman", "spokesperson"))
                for w in group}


def _by_title(speaker: Speaker, text: str) -> bool:
    """Whether ``text`` calls the speaker by one of their titles: "the Russian ambassador"
    for a "Russian Ambassador", "the ambassador"; not "the Serbian ambassador"."""
    for head, mods in speaker.titles:
        for m in re.finditer(rf"\b[Tt]he\s+((?:[\w'’.-]+\s+){{0,3}}?){re.escape(head)}\b", text,
                             re.I):
            said = {re.sub(r"(?:'s|’s)$", "", w).lower() for w in _TITLE_WORD.findall(m.group(1))}
            if said <= mods:
                return True
    return False


def _fold(text: str) -> str:
    """Without accents: "Der Stürmer" is the question's "Der Sturmer"."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", text)
                   if not unicodedata.combining(ch))


def _one_edit(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` differ by at most one inserted, deleted or changed letter."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = next((k for k, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), len(a))
    return a[i + (len(a) == len(b)):] == b[i + 1:]


# words before a name (and its title) that make its bearer the one spoken to: "told Churkin",
# and "to" after a verb of telling: "reported to UN Secretary-General Ban Ki-moon that ..."
# (not "according to Biraben", "attributed to Tetzel": those name the speaker)
_TOLD = {"told", "tells", "tell", "asked", "asks", "informed", "briefed", "urged", "urges"}
_SAID_TO = {"reported", "reports", "said", "says", "spoke", "speaks", "wrote", "writes",
            "talked", "talks", "explained", "explains", "complained", "announced", "declared",
            "stated", "presented", "submitted", "sent", "delivered", "addressed", "replied",
            "appealed", "protested", "pledged", "promised", "admitted", "confessed"}
_TITLE_GLUE = {"of", "the", "for"}


def unquoted(text: str) -> str:
    """``text`` with its quoted words blanked out: a name inside a quotation is spoken of,
    not speaking ("... a place where Kosovar Albanians, Serbs, and others must be able to live
    in peace," gives Scheffer's words, not the Serbs'). A sentence may open inside a quotation
    the sentence before began (one mark, with nothing but punctuation after it) or run on into
    the next (one mark before any word); when an odd number of plain marks leaves it unclear
    which words are quoted, nothing is blanked."""
    marks = [m.start() for m in QUOTE_MARK.finditer(text)]
    if not marks:
        return text
    inside = False
    if len(marks) % 2:
        first = text[marks[0]]
        if first == "”" or (first == '"' and not re.search(r"\w", text[marks[-1] + 1:])
                            and re.search(r"\w", text[:marks[0]])):
            inside = True  # the quotation began in an earlier sentence
        elif first != "“" and re.search(r"\w", text[:marks[0]]):
            return text  # which marks open and which close is unclear: blank nothing
    out, start = [], 0
    for pos in [*marks, len(text)]:
        out.append(" " * (pos - start) if inside else text[start:pos])
        out.append(text[pos:pos + 1])  # the mark itself stays
        start, inside = pos + 1, not inside
    return "".join(out)


def names(speaker: Speaker, text: str) -> bool:
    """Whether ``text`` names the speaker in one of their forms outside a quotation, accents
    aside, other than as the one spoken to ("mediators reported to ... Ban Ki-moon that ..."
    gives the mediators' words, not Ban's); a long word may be misspelt by one letter in the
    question ("Paul Krugmen" for Krugman)."""
    if speaker.titles and _by_title(speaker, unquoted(text)):
        return True
    words = [re.sub(r"(?:'s|’s)$", "", w) for w in _WORDS.findall(_fold(unquoted(text)))]
    if speaker.caseless:
        words = [w.lower() for w in words]
    for form in speaker.forms:
        want = _WORDS.findall(_fold(form))
        n = len(want)
        for i in range(len(words) - n + 1):
            if all(w == g or (len(g) >= TYPO_MIN and _one_edit(w, g))
                   for w, g in zip(words[i:i + n], want, strict=True)) \
                    and not _spoken_to(words, i):
                return True
    return False


def _spoken_to(words: list[str], i: int) -> bool:
    """Whether the name at word ``i`` follows "told/asked ..." or "reported/said ... to" over
    its title only ("reported to UN Secretary-General Ban Ki-moon")."""
    j = i - 1
    while j >= 0 and i - j <= 6 and (words[j][:1].isupper() or words[j] in _TITLE_GLUE):
        j -= 1
    if j < 0:
        return False
    w = words[j].lower()
    return w in _TOLD or (w == "to" and j > 0 and words[j - 1].lower() in _SAID_TO)


def says(text: str) -> bool:
    """Whether ``text`` says that someone said something: a verb of saying not negated
    ("Kipchoge ... did not say which race he would run next" gives no words of his; it had
    been chosen over his quotation for "What did Kipchoge say?")."""
    return any(not _NEGATED.search(text[:m.start()]) for m in _SAYING.finditer(text))


def may_quote(speaker: Speaker, sentence: Sentence, previous: Sentence | None) -> bool:
    """Whether ``sentence`` may hold the speaker's words: it names them, or it continues
    ("he said", a quotation) the sentence right before it (``previous``, same article) that
    names them, and names no other person (who would then be the one speaking: "Dodik
    agreed, saying ..." after a sentence about Churkin)."""
    if names(speaker, sentence.text):
        return True
    if previous is None or not names(speaker, previous.text):
        return False
    if any(e.label == "PERSON" for e in sentence.entities):
        return False
    return bool(_CONTINUES.search(sentence.text) or QUOTE_MARK.search(sentence.text))


def quotes_another(speaker: Speaker, sentence: Sentence) -> bool:
    """Whether ``sentence`` gives someone else's words: it says that someone said something
    (a verb of saying or a quotation) but does not name the speaker, and its words are no
    "he said" that may continue the speaker's (it names another person, or has no such
    pronoun). "The report says the talks led to ..." gives the report's words, not Churkin's;
    "He described Erfurt as a beerhouse" may give Luther's, named sentences before."""
    if names(speaker, sentence.text):
        return False
    if not (says(sentence.text) or QUOTE_MARK.search(sentence.text)):
        return False
    return any(e.label == "PERSON" for e in sentence.entities) or \
        not _CONTINUES.search(sentence.text)


# a verb that attributes a quotation to its subject, as running text writes it
_ATTRIBUTES = re.compile(
    r"\b(?:said|says|say|(?<!\ba )(?<!\bthe )saying|told|tells|tell|stressed|stresses|stress|"
    r"warned|warns|warn|testified|testifies|testify|"
    r"warning|described|describes|describe|called|calls|added|adds|adding|argued|argues|argue|"
    r"insisted|insists|insist|urged|urges|urge|noted|notes|stated|states|declared|declares|"
    r"announced|announces|claimed|claims|claim|explained|explains|replied|replies|responded|"
    r"responds|wrote|writes|commented|comments|reiterated|reiterates|asked|asks|"
    r"(?P<by>[Aa]ccording\s+to|attributed\s+to))\b")
_PRONOUN_SUBJECT = re.compile(r"\W*(?:(?:but|and|so|yet|then)\W+)?(?:he|she|they)\W*", re.I)
# where a clause with a subject of its own starts: ", but the European Union ... insist"
_CLAUSE_EDGE = re.compile(r"[,;:]\s*(?:(?:but|while|whereas|and|although|though|however)\b)?|"
                          r"\b(?:but|while|whereas)\b")


def _subject_is(speaker: Speaker, head: str) -> bool:
    """Whether the speaker is the subject of a verb of saying that ``head`` (the text before
    it) leads up to: named in its clause, or the whole sentence's subject when the verb
    opens a clause of its own ("Dodik agreed, saying ...", "Wilders, whose party had won 37
    seats ..., said"), or a he/she/they that carries on from the sentence before ("But he
    warned that ...")."""
    edges = list(_CLAUSE_EDGE.finditer(head))
    subject = head[edges[-1].end():] if edges else head
    if not subject.strip():
        subject = head
    return names(speaker, subject) or bool(_PRONOUN_SUBJECT.fullmatch(subject))


def quote_is_theirs(speaker: Speaker, sentence: Sentence, quote_start: int, quote_end: int
                    ) -> bool:
    """Whether the quotation at document offsets ``quote_start:quote_end`` of ``sentence`` is
    attributed to the speaker: the subject of the nearest verb of saying before it, or the
    attribution right after it ('"...," Churkin said'). "Russian Ambassador Vitaly Churkin
    said there is still room ..., but the European Union and the United States insist that
    "the potential ... is now exhausted."" quotes the EU and the US, not Churkin; a
    quotation with no attribution in its sentence may be theirs."""
    text = sentence.text
    a, b = quote_start - sentence.start, quote_end - sentence.start
    # the quotation's own marks (a span may start inside them) belong to neither side
    before = unquoted(text[:a].rstrip(" \"“”"))
    verbs = list(_ATTRIBUTES.finditer(before))
    if verbs:
        if verbs[-1].group("by"):  # "A saying attributed to Johann Tetzel: ..."
            return names(speaker, before[verbs[-1].end():])
        return _subject_is(speaker, before[:verbs[-1].start()])
    after = unquoted(text[b:].lstrip(" \"“”,.;:!?"))
    m = _ATTRIBUTES.search(after)
    if m:  # '"...," Churkin said', '"...," said Massimo D'Alema, ...'
        said_by = after[:m.end()] + after[m.end():].split(",")[0]
        # '"It is a catastrophe," he told reporters': a pronoun carries on from the sentence
        # before, which the caller has checked may hold the speaker's words (it had been
        # taken for someone else's, and "What did Musumeci say?" got the whole sentence)
        return names(speaker, said_by) or bool(re.match(
            rf"\s*(?:(?:he|she|they)\s+{re.escape(m.group())}|{re.escape(m.group())}\s+"
            rf"(?:he|she|they))\b", said_by, re.I))
    return True


# what may stand between a verb of saying and the clause it reports: "said on Friday that",
# "told reporters that", "warned that"
_TO_CLAUSE = re.compile(r"(?:\s+(?!that\b)[\w'’.-]+){0,4}?\s+that\s+|"
                        # "told the court he was sorry": the one told, then the clause
                        r"\s+(?:the\s+[a-z][\w-]*|reporters|journalists|supporters|lawmakers|"
                        r"him|her|them|us|me)\s+(?=(?:he|she|they|it|we|i)\b)|"
                        r"\s+(?=[a-z])")
_CLAUSE_MIN_WORDS = 3


def reported_clause(speaker: Speaker, sentence: Sentence) -> tuple[int, int] | None:
    """Document offsets of the words a sentence reports the speaker said, when it reports
    them without quoting: the clause after their verb of saying ("He warned that the outbreak
    would likely last for months." -> "the outbreak would likely last for months"); None
    when no verb of saying has the speaker (or he/she/they) as subject, or the sentence
    quotes."""
    text = sentence.text
    if QUOTE_MARK.search(text):
        return None
    for m in _ATTRIBUTES.finditer(text):
        if m.group("by") or m.group().endswith("ing"):
            continue  # "according to", "saying": no subject of its own before it
        if _NEGATED.search(text[:m.start()]):
            continue  # "did not say which race ...": no words of theirs
        if not _subject_is(speaker, text[:m.start()]):
            continue
        to = _TO_CLAUSE.match(text, m.end())
        if to is None:
            return None
        a, b = to.end(), len(text.rstrip(" .!?;"))
        if len(text[a:b].split()) < _CLAUSE_MIN_WORDS:
            return None
        return sentence.start + a, sentence.start + b
    return None


def gives_words(speaker: Speaker, sentence: Sentence, previous: Sentence | None) -> bool:
    """Whether ``sentence`` reports the speaker's words: it may quote them
    (:func:`may_quote`) and says so, with a verb of saying or a quotation."""
    return may_quote(speaker, sentence, previous) and bool(
        says(sentence.text) or QUOTE_MARK.search(sentence.text))


def quote_opened_at(text: str, pos: int) -> int | None:
    """Where the quotation that position ``pos`` of ``text`` lies inside opened, if one did
    in the same paragraph: news quotes run over several sentences ('Scheffer saying: "NATO's
    ... remains crucial. And we will act resolutely against anyone ... . Regardless ..."'),
    and the sentences between the marks carry none, so only the paragraph shows whose words
    they are. Straight marks alternate; curly ones say which way they face."""
    start = text.rfind("\n", 0, pos) + 1
    opened: int | None = None
    for m in QUOTE_MARK.finditer(text, start, pos):
        mark = m.group()
        opens = mark == "“" or (mark == '"' and opened is None)
        opened = m.start() if opens else None
    return opened
