""""And the rest?": the other part of the breakdown the last answer was one part of.

News breaks a count or an amount into parts in one sentence ("Of those, 212 were dead and 128
were taken to a wildlife centre", "Three were being treated for fractures, and the rest were
in good condition, the hospital said", "$3.2 million in cash and stock awards valued at
roughly $15.3 million") or gives the remainder in the next ("800,000 doses arrived on
Wednesday. The remaining 400,000 are expected next week."). After "How many of them were
dead?" -> "212", "And the rest?" asks for that other part. As a question it names nothing
to search for (it had become "How many the rest?" and abstained); as a rule, it is read off
the last answer's sentence.
"""

from __future__ import annotations

import re

# "And the rest?", "What about the others?", "the remaining ones?", "And the rest of them?"
_ASKS_REST = re.compile(
    r"^\W*(?:(?:and|but|so)\s+)?(?:(?:what|how)\s+about\s+)?(?:the\s+)?"
    r"(?:rest|others|other\s+ones|remainder|remaining(?:\s+ones)?)(?:\s+of\s+(?:them|it))?"
    r"\s*[?.!]*\s*$", re.I)
# after the answer, the clause joined to it: ", and the rest were ...", ", while ..."; else
# " and 128 were taken ...", " and stock awards ..." (a comma's clause first: "fractures and
# dehydration, and the rest were in good condition")
_JOINED = (re.compile(r"^[^.;:!?\"“”]{0,80}?,\s*(?:and|while|whereas)\s+", re.I),
           re.compile(r"^[^.;:!?\"“”,]{0,80}?\s+(?:and|while|whereas|with)\s+", re.I))
# the clause's end: a comma before an attribution (", the hospital said"), or the sentence's
_ATTRIBUTED = re.compile(r",\s+(?:the\s+|a\s+)?[\w' -]{1,40}\s+(?:said|says|added|reported)\W*$|"
                         r",\s+(?:said|according\s+to)\s+[^,]{1,60}\W*$", re.I)
# a sentence that gives the remainder itself: "The remaining 400,000 are expected ..."
_REMAINDER = re.compile(r"^\W*(?:The\s+(?:remaining|rest|other|others)|Another|Others|"
                        r"The\s+remainder)\b")


def asks_rest(question: str) -> bool:
    """Whether the question asks only for the rest of what was just answered."""
    return bool(_ASKS_REST.match(question))


def rest_clause(sentence: str, end: int) -> tuple[int, int] | None:
    """Offsets in ``sentence`` of the clause joined to the answer that ends at ``end``
    ("and 128 were taken to a wildlife centre" -> "128 were taken to a wildlife centre"),
    without a closing attribution or full stop; None when no clause is joined to it."""
    m = _JOINED[0].match(sentence[end:]) or _JOINED[1].match(sentence[end:])
    if m is None:
        return None
    a = end + m.end()
    tail = sentence[a:]
    cut = _ATTRIBUTED.search(tail)
    b = a + (cut.start() if cut else len(tail.rstrip().rstrip(".!?\"”’").rstrip()))
    words = sentence[a:b].split()
    return (a, b) if 2 <= len(words) <= 40 else None


def gives_remainder(sentence: str) -> bool:
    """Whether ``sentence`` (the one after the last answer's) opens with the remainder."""
    return bool(_REMAINDER.match(sentence))
