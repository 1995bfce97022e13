"""A cause and the effect news writes after it: "X, forcing Y".

"Roads into Orvane were blocked by landslides, and a bridge over the Lessa river collapsed,
forcing authorities to fly in supplies by helicopter." A why-question asked of the effect
("Why are supplies being flown in by helicopter?") is answered by what comes before the
participle, the cause; the span model had answered "forcing authorities" (0.92).
"""

from __future__ import annotations

import re

from .datelines import dateline_end
from .terms import terms

# the participles that join an effect to its cause
_EFFECT = re.compile(r",\s+(?:forcing|prompting|causing|leading|leaving|sending|triggering|"
                     r"pushing|driving|sparking|resulting\s+in)\b", re.I)


def cause_before_effect(text: str, question: str) -> tuple[int, int] | None:
    """Offsets in ``text`` of the cause in "<cause>, forcing <effect>" when the question's
    words are the effect's (more of them after the participle than before, and at least
    two), the cause being the clause before it (after a dateline, and not the sentence's
    opening phrase alone); None otherwise."""
    m = _EFFECT.search(text)
    if m is None:
        return None
    asked = set(terms(question))
    before, after = set(terms(text[:m.start()])), set(terms(text[m.end():]))
    if len(asked & after) < 2 or len(asked & after) <= len(asked & before):
        return None
    start = dateline_end(text)
    if len(text[start:m.start()].split()) < 3:
        return None
    return start, m.start()
