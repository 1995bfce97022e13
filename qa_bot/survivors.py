"""Who survives someone, as an obituary lists them: "She is survived by her son, Daniel; a
daughter, Isabel Hart-Moreno; a sister, Rosa Vasquez; and six grandchildren."

"Who survived Vasquez-Hart?" asks for the whole list; the span model had answered one name
of it, "Rosa Vasquez" (0.88).
"""

from __future__ import annotations

import re

# "Who survived her?", "Who are Vollan's survivors?", "Who is she survived by?"
_ASKED = re.compile(r"^\W*(?:and\s+)?(?:who|whom)\b.*\bsurviv(?:e|es|ed|ors?)\b", re.I)
# the list: after "survived by" (or "survivors include"), to the sentence's end
_LIST = re.compile(r"\b(?:(?:is|was|are|were)\s+survived\s+by|survivors\s+include)\s+"
                   r"(?P<list>[^.]+?)\s*\.?\s*$")


def asks_survivors(question: str) -> str | None:
    """"survivors" when the question asks who survives someone; None otherwise (the
    ``stated`` rules take what the question asks about; here the kind is all)."""
    return "survivors" if _ASKED.match(" ".join(question.split())) else None


def survivors(text: str) -> tuple[int, int] | None:
    """Offsets in ``text`` of the list of survivors it gives; None when it gives none."""
    m = _LIST.search(text)
    return m.span("list") if m else None
