"""Who runs a body, as news titles its head.

"Who runs Halvern?", "Who leads the RMT?" ask for the person at the head of a body, which news
gives by title, never by the verb: "Margaret Osei, Halvern's chief executive", "TUC general
secretary Paul Naylor", "Mick Rowan, 61, the general secretary of the RMT", "Museum director
Annelies Brouwer". The fitted models, which rest on shared words, had abstained on all of these
(0.01-0.22); the office rule needs the title in the question.
"""

from __future__ import annotations

import re

# the titles of a body's head
_HEAD = (r"(?:chief\s+executive(?:\s+officer)?|CEO|chief|president|chair(?:man|woman|person)?|"
         r"(?:managing\s+|executive\s+)?director(?:-general|\s+general)?|general\s+secretary|"
         r"secretary-general|secretary\s+general|head|leader|boss|(?:general\s+)?manager|"
         r"coach|commissioner)")
_ASKED = re.compile(r"^\s*(?:and\s+)?who\s+(?:runs|leads|heads|manages|directs|chairs|"
                    r"is\s+in\s+charge\s+of|is\s+(?:the\s+)?(?:head|boss|leader)\s+(?:of|at))\s+"
                    r"(?P<body>(?:the\s+)?[\w'’&.-]+(?:\s+[\w'’&.-]+){0,4}?)\s*\??\s*$", re.I)
_NAME = r"[A-Z][\w'’.-]+(?:\s+(?:de|van|von|der|da|di|la|le|bin|al)?\s*[A-Z][\w'’.-]+){0,3}"


def asked_leader(question: str) -> str | None:
    """The body whose head the question asks for ("Who runs Halvern?" -> "Halvern", "Who
    leads the RMT?" -> "RMT"), as written; None for any other question."""
    m = _ASKED.match(" ".join(question.split()))
    if not m:
        return None
    body = re.sub(r"^the\s+", "", m.group("body"), flags=re.I)
    return body or None


def stated_leader(text: str, body: str) -> tuple[int, int] | None:
    """Offsets in ``text`` of the name of the person it titles as ``body``'s head: after
    the title ("Halvern chief executive Margaret Osei", "Museum director Annelies Brouwer"),
    or before it ("Margaret Osei, Halvern's chief executive", "Mick Rowan, 61, the general
    secretary of the RMT", "Kerrigan, 41, who is now Nimbyx's chief executive"); None when it
    titles nobody so."""
    # the body and the title in any case ("Museum director"), the name capitalized
    b = rf"(?i:{re.escape(body)})"
    head = rf"(?i:{_HEAD})"
    poss = r"(?:'s|’s)?"
    before = re.compile(rf"(?<![\w-])(?i:the\s+)?{b}{poss}\s+{head}\s*,?\s+(?P<name>{_NAME})")
    m = before.search(text)
    if m:
        return m.span("name")
    after = re.compile(rf"(?P<name>{_NAME}),\s+(?:\d{{1,3}},\s+)?(?:who\s+is\s+(?:now\s+)?)?"
                       rf"(?:(?i:the\s+)?{b}{poss}\s+{head}|(?i:the\s+|its\s+)?{head}\s+"
                       rf"(?:of|at)\s+(?i:the\s+)?{b})(?![\w-])")
    for m in after.finditer(text):
        if not re.match(r"(?:The|A|An|He|She|It|They|But|And)\b", m.group("name")):
            return m.span("name")
    return None
