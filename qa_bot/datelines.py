"""A wire story's dateline, the place and date that open its first sentence.

"BRIGHTWATER, March 3 (AP) - Eleanor Vasquez-Hart, a cardiac surgeon ..., died on Saturday"
opens with where and when the story was filed, not with what it reports. The sentence
splitter keeps the dateline in the lead sentence, so without this the dateline's date
answered "When did she die?" ("March 3", where the sentence says "on Saturday") and its
capitalized words hid the lead's subject from rules that read a sentence's opening.
"""

from __future__ import annotations

import re

# a month as news writes it: "March", "Mar.", "Sept"
MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
          r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")

# "BRIGHTWATER, March 3 (AP) - ", "SAN JOSE, California, Oct 22 (Reuters) - ",
# "LONDON (Reuters) - ", "NEW YORK, May 6, 2025 — ": a place in capitals (and a region or
# country after it), a date, an agency in brackets, then a dash
_DATELINE = re.compile(
    r"^\s*[A-Z][A-Z .'’-]{1,40}(?:,\s*[A-Z][\w .'’-]{1,30}){0,2}?"
    rf"(?:,\s*{MONTH}\s+\d{{1,2}}(?:,\s*\d{{4}})?)?"
    r"\s*(?:\([^)\n]{1,40}\))?\s*[-–—]+\s+")


def dateline_end(text: str) -> int:
    """Where the dateline that opens ``text`` ends (the reported sentence begins); 0 when
    it opens with none. A dateline has a date or an agency: "NATO - the alliance" has
    neither."""
    m = _DATELINE.match(text)
    if m is None or not re.search(rf"\(|{MONTH}\s+\d", m.group()):
        return 0
    return m.end()
