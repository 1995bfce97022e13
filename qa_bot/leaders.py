"""Who runs a body, as news titles its head.

"Who runs Halvern?", "Who leads the RMT?" ask for the person at the head of a body, which news
gives by title, never by the verb: "Margaret Osei, Halvern's chief executive", "TUC general
secretary Paul Naylor", "Mick Rowan, 61, the general secretary of the RMT", "Museum director
Annelies Brouwer". The fitted models, which rest on shared words, had abstained on all of these
(0.01-0.22); the office rule needs the title in the question and a place.

"Who is the chief executive of Calderon Biosciences?" and "Who is Halvern's CEO?" name the title
(``asked_titled``): only a head titled so answers them. An article about a company calls its
head "the company's chief executive" or just "Chief Executive Margaret Okafor", and a party
it spelt out once by its initials ("RRB leader Josip Vukovic"): ``stated_leader`` takes
those too when told the body's document is about it (``about=True``) and its initials.
"""

from __future__ import annotations

import re

from .constraints import OCCUPATIONS, OFFICES

# the titles of a body's head
_HEAD = (r"(?:chief\s+executive(?:\s+officer)?|CEO|chief|president|chair(?:man|woman|person)?|"
         r"(?:managing\s+|executive\s+)?director(?:-general|\s+general)?|general\s+secretary|"
         r"secretary-general|secretary\s+general|head|leader|boss|(?:general\s+)?manager|"
         r"coach|commissioner)")
_ASKED = re.compile(r"^\s*(?:and\s+)?who\s+(?:runs|leads|heads|manages|directs|chairs|"
                    r"is\s+in\s+charge\s+of|is\s+(?:the\s+)?(?:head|boss|leader)\s+(?:of|at))\s+"
                    r"(?P<body>(?:the\s+)?[\w'’&.-]+(?:\s+[\w'’&.-]+){0,4}?)\s*\??\s*$", re.I)
# whose someone is, asked with a possessive: "Who is Whitmore's attorney?"
_RELATIONS = {"lawyer", "attorney", "spokesman", "spokeswoman", "spokesperson"}
_ROLE_OF = "(?:" + "|".join(sorted(_RELATIONS)) + ")"
# the titles a chief executive is given
_CEO = {"ceo", "chief executive", "chief executive officer"}
# words between a possessive and the title that keep the person the one asked about
# ("Whitmore's lead lawyer", "Halvern's longtime chief executive"), not "former"
_KEEPS = r"(?:(?!(?:former|ex|late|previous|then|outgoing|ousted)\b)[a-z][\w-]*\s+){0,2}?"
_NAME = r"[A-Z][\w'’.-]+(?:\s+(?:de|van|von|der|da|di|la|le|bin|al)?\s*[A-Z][\w'’.-]+){0,3}"
_BODY = r"(?P<body>(?:the\s+)?[\w'’&.-]+(?:\s+[\w'’&.-]+){0,4}?)"
# "Who is the chief executive of Calderon?", "Who is Calderon's CEO?"
_ASKED_TITLED = [re.compile(p, re.I) for p in (
    rf"^\s*(?:and\s+)?who\s+(?:is|was)\s+(?:now\s+)?(?:the\s+)?(?:current\s+)?"
    rf"(?P<head>{_HEAD})\s+(?:of|at)\s+{_BODY}\s*\??\s*$",
    rf"^\s*(?:and\s+)?who\s+(?:is|was)\s+(?:now\s+)?{_BODY}(?:'s|’s)\s+(?:current\s+)?"
    rf"(?P<head>{_HEAD}|{_ROLE_OF})\s*\??\s*$",
    # "Who coaches Real Madrid?": its coach, not its president
    rf"^\s*(?:and\s+)?who\s+(?P<head>coach)(?:es)?\s+{_BODY}\s*\??\s*$",
    # "Who speaks for the hospital?": its spokesperson
    rf"^\s*(?:and\s+)?who\s+(?P<head>speak)s?\s+for\s+{_BODY}\s*\??\s*$")]
# what an article calls the body it is about: "the company's chief executive"
_STAND_INS = (r"(?:company|firm|group|bank|carrier|airline|party|union|club|team|museum|"
              r"agency|charity|university|school|hospital|network|organi[sz]ation|board|"
              r"exchange|retailer|insurer|lender|maker|operator|council|league|federation)")
# capitalized words before a bare title that name no other body ("But Chief Executive ...")
_OPENERS = {"The", "But", "And", "Then", "Now", "Meanwhile", "Later", "Earlier", "When", "While"}
# heads a state has too: a bare "President George W. Bush" in an article about Serbia is
# no body's head the article is about
_STATE_HEADS = {"president", "chancellor", "commissioner"}
# heads so general that any title names one ("Who heads X?" may be its chairman)
_ANY_HEAD = {"head", "leader", "boss", "chief"}


# "Who was the judge?": a title alone, of no named body or place (those are the leader and
# office rules'); not one so general that anyone holds it in some way ("the leader")
_ASKED_HOLDER = re.compile(r"^\s*(?:and\s+)?who\s+(?:is|was)\s+the\s+(?P<rank>(?:chief|lead|head|"
                           r"senior|principal|deputy|assistant)\s+)?(?P<title>[a-z-]+)\s*\??\s*$",
                           re.I)
_ANYONES = {"leader", "head", "chief", "ruler", "boss", "representative", "official", "member",
            "deputy", "owner", "player", "student"}


def asked_holder(question: str) -> str | None:
    """The title a question asks the holder of, alone ("Who was the judge?" -> "judge"), an
    office or occupation word; None for any other question. News titles each person once
    ("U.S. District Judge Anita Morales") and names them after; the fitted models, reading
    shared words, had answered "Gregory Palmer" from "A federal judge on Thursday sentenced
    Gregory Palmer"."""
    m = _ASKED_HOLDER.match(" ".join(question.split()))
    if not m:
        return None
    title = m.group("title").lower()
    if not ((title in OFFICES or title in OCCUPATIONS) and title not in _ANYONES):
        return None
    # "Who is the chief investigator?" asks for the one titled so, not the chief prosecutor
    # (had been answered "Mathias Grønlund", "The chief prosecutor ..., Mathias Grønlund,")
    return f"{m.group('rank').lower()}{title}" if m.group("rank") else title


def asked_leader(question: str) -> str | None:
    """The body whose head the question asks for ("Who runs Halvern?" -> "Halvern", "Who
    leads the RMT?" -> "RMT"), as written; None for any other question."""
    m = _ASKED.match(" ".join(question.split()))
    if not m:
        return None
    body = re.sub(r"^the\s+", "", m.group("body"), flags=re.I)
    return body or None


def asked_titled(question: str) -> tuple[str, str] | None:
    """The body and the head's title a question names ("Who is the chief executive of
    Calderon Biosciences?" -> ("Calderon Biosciences", "chief executive")); None for any
    other question."""
    q = " ".join(question.split())
    for pattern in _ASKED_TITLED:
        m = pattern.match(q)
        if m:
            body = re.sub(r"^the\s+", "", m.group("body"), flags=re.I)
            head = m.group("head").lower()
            return (body, "spokesperson" if head == "speak" else head) if body else None
    return None


def _head_pattern(head: str | None) -> str:
    """The titles that name ``head`` ("CEO" is "chief executive (officer)"); any head's
    for none or a general one ("head", "leader")."""
    if head is None or head in _ANY_HEAD:
        return rf"(?i:{_HEAD})"
    if head in _CEO:
        return r"(?i:chief\s+executive(?:\s+officer)?|CEO)"
    if head in {"lawyer", "attorney"}:
        return r"(?i:lawyer|attorney)"
    if head.startswith("spokes"):
        return r"(?i:spokes(?:man|woman|person))"
    words = r"\s+".join(map(re.escape, head.split()))
    return rf"(?i:{words})"


def initials(body: str) -> str | None:
    """"Rural and Regional Bloc" -> "RRB": its capitalized words' first letters (3 at
    least), the short form news spells out once and then uses."""
    letters = "".join(w[0] for w in body.split() if w[:1].isupper())
    return letters if len(letters) >= 3 else None


def stated_leader(text: str, body: str, head: str | None = None, about: bool = False,
                  short: str | None = None) -> tuple[int, int] | None:
    """Offsets in ``text`` of the name of the person it titles as ``body``'s head: after
    the title ("Halvern chief executive Margaret Osei", "Museum director Annelies Brouwer"),
    or before it ("Margaret Osei, Halvern's chief executive", "Mick Rowan, 61, the general
    secretary of the RMT", "Kerrigan, 41, who is now Nimbyx's chief executive"); None when it
    titles nobody so. ``head``: only that title ("chief executive"; default any head's).
    ``about``: the text's article is about the body, so "the company's chief executive" and
    a bare capitalized "Chief Executive Margaret Okafor" name its head too. ``short``: the
    initials the article uses for the body ("RRB leader Josip Vukovic")."""
    if head in _RELATIONS:  # "the company's lawyer" may be any body's: only by name
        about, short = False, None
    # the body and the title in any case ("Museum director"), the name capitalized
    names = [rf"(?i:{re.escape(body)})"] + ([re.escape(short)] if short else [])
    named = "(?:" + "|".join(names) + ")"
    if about:
        # what the article calls it: any body's noun for a name ("the company's" for
        # Calderon), its own noun for a body named by one ("the board's" for the failure
        # review board, not "the company's launch director")
        own = body.split()[-1] if body[:1].islower() else _STAND_INS
        names.append(rf"(?i:the\s+|its\s+){own}")
    b = "(?:" + "|".join(names) + ")"
    title = _head_pattern(head)
    poss = r"(?:'s|’s)?"
    # a word or two between the name's possessive and the title ("Whitmore's lead lawyer");
    # none after a stand-in ("the company's launch director" is no head of it)
    for before in (re.compile(rf"(?<![\w-])(?i:the\s+)?{named}{poss}\s+{_KEEPS}{title}"
                              rf"\s*,?\s+(?P<name>{_NAME})"),
                   re.compile(rf"(?<![\w-])(?i:the\s+)?{b}{poss}\s+{title}\s*,?\s+"
                              rf"(?P<name>{_NAME})")):
        m = before.search(text)
        if m:
            return m.span("name")
    # "a spokeswoman for the hospital" speaks for it; "a director at Goldman" heads nothing
    article, prep = (r"(?i:the\s+|its\s+|an?\s+)?", "(?:of|at|for)") if head in _RELATIONS \
        else (r"(?i:the\s+|its\s+)?", "(?:of|at)")
    after = re.compile(rf"(?P<name>{_NAME}),\s+(?:\d{{1,3}},\s+)?(?:who\s+is\s+(?:now\s+)?)?"
                       rf"(?:(?i:the\s+)?{b}{poss}\s+{title}(?!\s+of\b)|"
                       rf"{article}{title}\s+{prep}\s+(?i:the\s+)?{b})(?![\w-])")
    for m in after.finditer(text):
        if not re.match(r"(?:The|A|An|He|She|It|They|But|And)\b", m.group("name")):
            return m.span("name")
    if about and head is not None and head not in _ANY_HEAD | _STATE_HEADS:
        # the bare title, capitalized as a title is before a name, nothing of another body
        # before it: '..." Chief Executive Margaret Okafor said'
        bare = re.compile(rf"(?<![\w-]){_capitalized(head)}\s+(?P<name>{_NAME})")
        for m in bare.finditer(text):
            before = text[:m.start()].split()
            last = before[-1] if before else ""
            if not last[:1].isupper() or last in _OPENERS:
                return m.span("name")
    return None


def its_leader(text: str, previous: str, body: str, head: str | None = None
               ) -> tuple[int, int] | None:
    """Offsets in ``text`` of the name in "Its leader, Geert Wilders, said ..." when the
    sentence before (``previous``) is about the body: names it, whole and early ("The
    far-right Party for Freedom, which had led some polls, won 21 seats.") or as who said it
    ("..., the national civil protection service said."), not inside a
    longer name ("People's Party for Freedom and Democracy"). ``head`` as for
    :func:`stated_leader`. None otherwise."""
    m = re.search(rf"(?<![\w-])(?i:{re.escape(body)})(?![\w-])", previous)
    if m is None:
        return None
    # ... or names it as whose report the sentence is: "Emergency workers had pulled 367
    # people alive ..., the national civil protection service said."
    if m.start() > _EARLY and not re.match(r"\s+(?:said|says|reported)\W*$",
                                           previous[m.end():]):
        return None
    before = previous[:m.start()].split()
    if before and before[-1][:1].isupper() and before[-1] not in _OPENERS:
        return None  # "People's Party for Freedom": a longer name holds it
    said = re.match(rf"\s*(?:Its|Their)\s+{_KEEPS}{_head_pattern(head)}\s*,?\s+"
                    rf"(?P<name>{_NAME})", text)
    return said.span("name") if said else None


# how far into the sentence before the body must be named for "Its leader" to be its
_EARLY = 40


def _capitalized(head: str) -> str:
    """The title as written before a name: "Chief Executive", "CEO", "Chairman"."""
    if head in _CEO:
        return r"(?:Chief\s+Executive(?:\s+Officer)?|CEO)"
    return r"\s+".join(re.escape(w[:1].upper() + w[1:]) for w in head.split())
