"""A wire story's dateline, the place and date opening its first sentence."""

from __future__ import annotations

import pytest

from qa_bot.datelines import dateline_end


@pytest.mark.parametrize(("text", "rest"), [
    ("BRIGHTWATER, March 3 (AP) - Eleanor Vasquez-Hart died.", "Eleanor Vasquez-Hart died."),
    ("SAN JOSE, California, Oct 22 (Reuters) - Nimbly Inc on", "Nimbly Inc on"),
    ("LONDON (Reuters) - The bank cut rates.", "The bank cut rates."),
    ("NEW YORK, May 6, 2025 — Novara agreed.", "Novara agreed."),
    ("OTTAWA, Oct. 23 (Reuters) - The Bank of Canada", "The Bank of Canada"),
    # no date and no agency: no dateline
    ("NATO - the alliance said it would act.", "NATO - the alliance said it would act."),
    ("The UN said - again - that it would act.", "The UN said - again - that it would act."),
])
def test_where_a_dateline_ends(text, rest) -> None:
    assert text[dateline_end(text):] == rest
