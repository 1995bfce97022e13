"""Loader: file formats, folders with metadata, boilerplate, bad bytes, empties, duplicates."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from qa_bot.loader import LoadError, find_boilerplate, html_to_text, load_file, load_paths

NATO_DOC = "000_4629fa3c4aad59ae"
XINHUA_DOC = "004_0d901f088aa2777c"

SEED_BOILERPLATE = [
    "Make a charitable donation",
    "[ rfe/rl banner ]",
    "Join the GlobalSecurity.org mailing list",
    "Copyright (c) 2007. RFE/RL, Inc.",
]


def _write(path: Path, data: str | bytes) -> Path:
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


# ---- single formats -------------------------------------------------------------------------
def test_txt_keeps_text_verbatim_and_titles_from_first_line(tmp_path):
    text = "Talks end without a deal\n\nMediators met on Friday.\r\nThey failed.\n"
    res = load_file(_write(tmp_path / "story.txt", text.encode()))
    (doc,) = res.documents
    assert doc.id == "story"
    assert doc.text == text  # offsets must point into exactly what the file holds
    assert doc.title == "Talks end without a deal"
    assert res.warnings == []


def test_md_heading_becomes_title(tmp_path):
    (doc,) = load_file(_write(tmp_path / "note.md", "# Big News\n\nSomething happened.")).documents
    assert doc.title == "Big News"
    assert "Something happened." in doc.text


def test_html_visible_text_only(tmp_path):
    html = """<!doctype html><html><head><title> Kosovo  talks
      end </title><style>p { color: red } .secret-css {}</style>
      <script>var secretScript = "</p>not text";</script></head>
      <body><h1>Headline here</h1><p>First &amp; visible paragraph.</p>
      <noscript>enable javascript</noscript><div>Second<br>line</div>
      <script type="text/javascript">alert("secretScript2")</script></body></html>"""
    (doc,) = load_file(_write(tmp_path / "page.html", html)).documents
    assert doc.title == "Kosovo talks end"
    assert "Headline here" in doc.text
    assert "First & visible paragraph." in doc.text
    assert "Second\nline" in doc.text
    for hidden in ("secretScript", "secret-css", "color: red", "enable javascript", "<p>",
                   "Kosovo  talks"):
        assert hidden not in doc.text


def test_html_with_omitted_head_end_tag_keeps_the_body():
    # valid HTML: </head> is optional; the body must not be taken for head furniture
    text, title = html_to_text("<html><head><meta charset=utf-8><title>T</title>"
                               "<body><p>Body text.</p></body></html>")
    assert (text, title) == ("Body text.", "T")


def test_html_menus_and_forms_are_page_furniture():
    text, _ = html_to_text("<body><nav><a href='/'>Home</a> | <a>News</a></nav>"
                           "<h1>Storm hits</h1><p>Power is out.</p>"
                           "<form>Search <input name=q><button>Go</button></form></body>")
    assert text == "Storm hits\n\nPower is out."  # was "Home | News\n\nStorm hits ..."
    # an unclosed menu before the article does not swallow the article
    text, _ = html_to_text("<body><nav><a>Home</a><article><p>Power is out.</p></article>")
    assert text == "Power is out."


@pytest.mark.parametrize(("text", "date"), [
    ("Council approves budget\n\nSPRINGFIELD, March 14, 2025 - The council voted.",
     "March 14, 2025"),
    ("LONDON, Dec. 3, 2026 (Reuters) - Shares fell.", "Dec. 3, 2026"),
    ("WASHINGTON, D.C., Jan 5, 2020 — Rain fell.", "Jan 5, 2020"),
    ("The meeting on March 14, 2025 - was long.", ""),  # a date in running text: no dateline
    ("No date here.", ""),
])
def test_a_wire_storys_dateline_gives_its_date(text, date):
    from qa_bot.loader import dateline_date

    assert dateline_date(text) == date


def test_metadata_date_wins_over_the_dateline(tmp_path):
    body = "Budget\n\nSPRINGFIELD, March 14, 2025 - The council voted 7-2."
    (doc,) = load_file(_write(tmp_path / "budget.txt", body)).documents
    assert doc.date == "March 14, 2025"  # cited with its date though no metadata says it
    (doc,) = load_file(_write(tmp_path / "b2.txt", body), {"date": "2025-03-14"}).documents
    assert doc.date == "2025-03-14"


def test_html_to_text_without_title():
    text, title = html_to_text("<p>Only <b>body</b> text</p>")
    assert (text, title) == ("Only body text", "")


def test_jsonl_good_broken_and_textless_lines(tmp_path):
    lines = [
        json.dumps({"id": "a", "title": "A", "text": "Alpha news.", "date": "2007",
                    "source": "wire"}),
        "{this is not json",
        json.dumps({"id": "b", "title": "B"}),
        json.dumps({"id": "c", "text": 42}),
        "",
        json.dumps({"id": "d", "text": "Delta news.", "publisher": "Xinhua"}),
        json.dumps(["a", "list"]),
    ]
    res = load_file(_write(tmp_path / "feed.jsonl", "\n".join(lines) + "\n"))
    assert [d.id for d in res.documents] == ["a", "d"]
    a = res.documents[0]
    assert (a.title, a.text, a.date, a.source) == ("A", "Alpha news.", "2007", "wire")
    assert res.documents[1].publisher == "Xinhua"
    joined = "\n".join(res.warnings)
    assert "feed.jsonl:2" in joined and "not valid JSON" in joined
    assert "feed.jsonl:3" in joined and "feed.jsonl:4" in joined and "feed.jsonl:7" in joined
    assert len(res.warnings) == 4


def test_jsonl_without_any_usable_line_is_an_error(tmp_path):
    with pytest.raises(LoadError, match="no usable documents"):
        load_file(_write(tmp_path / "bad.jsonl", "{oops\n"))


def test_unsupported_suffix_is_rejected(tmp_path):
    with pytest.raises(LoadError, match=r"unsupported file type \.docx"):
        load_file(_write(tmp_path / "story.docx", "text"))


# ---- folders and metadata -------------------------------------------------------------------
def test_folder_with_metadata(tmp_path):
    _write(tmp_path / "one.txt", "First line title\nBody one.")
    _write(tmp_path / "two.md", "Body two.")
    _write(tmp_path / "ignored.csv", "a,b")
    _write(tmp_path / "metadata.json", json.dumps({
        "one.txt": {"title": "Meta Title", "publisher": "Wire", "date": "May 1, 2007",
                    "source": "wire.example"},
    }))
    res = load_paths([tmp_path])
    assert res.warnings == []
    by_id = {d.id: d for d in res.documents}
    assert sorted(by_id) == ["one", "two"]  # metadata.json and .csv are not articles
    one = by_id["one"]
    assert (one.title, one.publisher, one.date, one.source) == (
        "Meta Title", "Wire", "May 1, 2007", "wire.example")
    assert by_id["two"].title == "Body two."


def test_unreadable_metadata_is_a_warning(tmp_path):
    _write(tmp_path / "one.txt", "Body one.")
    _write(tmp_path / "metadata.json", "{broken")
    res = load_paths([tmp_path])
    assert [d.id for d in res.documents] == ["one"]
    assert any("metadata" in w for w in res.warnings)


def test_missing_path_is_a_warning(tmp_path):
    res = load_paths([tmp_path / "nope.txt"])
    assert res.documents == [] and "no such file" in res.warnings[0]


def test_seed_folder_metadata(seed_docs):
    by_id = {d.id: d for d in seed_docs}
    assert sorted(by_id) == [NATO_DOC, XINHUA_DOC]
    assert by_id[XINHUA_DOC].publisher == "Xinhua News Agency"
    assert by_id[XINHUA_DOC].date == "December 20, 2007"
    assert by_id[NATO_DOC].title == "Kosovo: Internationally Mediated Talks End Without A Deal"


# ---- boilerplate ----------------------------------------------------------------------------
def test_seed_boilerplate_is_detected(seed_docs):
    nato = next(d for d in seed_docs if d.id == NATO_DOC)
    marked = [nato.text[a:b] for a, b in nato.boilerplate]
    for phrase in SEED_BOILERPLATE:
        assert any(phrase in m for m in marked), f"{phrase!r} not marked as boilerplate"
    # news text is never marked
    assert not any("16,000 peacekeepers" in m for m in marked)
    assert not any("Kosovo" in m for m in marked)


def test_seed_boilerplate_never_in_sentences_or_chunks(seed_docs, nlp):
    from qa_bot.chunking import ChunkingConfig, make_chunks, segment

    per_doc = segment(seed_docs, nlp=nlp)
    texts = []
    for d in seed_docs:
        texts += [s.text for s in per_doc[d.id]]
        texts += [c.text for c in make_chunks(d, per_doc[d.id], ChunkingConfig())]
    assert texts
    for t in texts:
        for phrase in [*SEED_BOILERPLATE, "UNITED24", "rferl.org", "Reprinted with"]:
            assert phrase.lower() not in t.lower(), (phrase, t)


@pytest.mark.parametrize("line", [
    "[ rfe/rl banner ]",
    "UNITED24 - Make a charitable donation in support of Ukraine!",
    "Join the GlobalSecurity.org mailing list",
    "Copyright (c) 2007. RFE/RL, Inc. Reprinted with permission.",
    "© 2024 Example News",
])
def test_boilerplate_lines_in_the_middle_of_an_article(line):
    text = f"Real news one.\n{line}\nReal news two."
    ranges = find_boilerplate(text)
    assert [text[a:b] for a, b in ranges] == [line]


@pytest.mark.parametrize(("line", "byline"), [
    ("By Marcus Delacroix | NEW ORLEANS | September 9, 2025", True),
    ("By ANNA KELLER, Reuters", True),
    ("By Jo Lee and Sam Ortiz", True),
    ("By Tuesday, the storm had weakened.", False),  # news opening "By"
    ("By then the council had voted", False),
    ("By The Associated Press reckoning, turnout fell. Officials agreed.", False),
    ("By Monday night the water had receded", False),
])
def test_a_byline_is_not_news(line, byline):
    # before: the byline was chunked, and "Who is the mayor of New Orleans?" was answered
    # with the reporter's name (0.61)
    text = f"Storm hits coast\n\n{line}\n\nThe storm made landfall."
    assert ([text[a:b] for a, b in find_boilerplate(text)] == [line]) is byline


def test_a_bylines_date_is_the_articles_date(tmp_path):
    body = "Storm hits coast\n\nBy Marcus Delacroix | NEW ORLEANS | September 9, 2025\n\nRain."
    (doc,) = load_file(_write(tmp_path / "storm.txt", body)).documents
    assert doc.date == "September 9, 2025"
    assert doc.title == "Storm hits coast"


def test_news_lines_are_not_boilerplate():
    text = ("NATO pledged to keep its 16,000 peacekeepers in Kosovo.\n"
            "The copyright dispute over the banner went to court.\n"
            "He asked readers to join the protest.")
    assert find_boilerplate(text) == []


# ---- bad input ------------------------------------------------------------------------------
def test_non_utf8_bytes_replaced_and_reported(tmp_path):
    data = "Café in Priština".encode("cp1252", errors="replace") + b"\nNews line.\n"
    res = load_paths([_write(tmp_path / "latin.txt", data)])
    (doc,) = res.documents
    assert "\ufffd" in doc.text
    assert doc.text.startswith("Caf\ufffd in Pri")
    assert "News line." in doc.text
    assert len(res.warnings) == 1
    assert "latin.txt" in res.warnings[0] and "UTF-8" in res.warnings[0]


def test_utf8_bom_is_not_text(tmp_path):
    (doc,) = load_file(_write(tmp_path / "bom.txt", b"\xef\xbb\xbfHello world.")).documents
    assert doc.text == "Hello world."


@pytest.mark.parametrize("content", [b"", b"   \n\t\r\n"])
def test_empty_file_skipped_with_warning(tmp_path, content):
    _write(tmp_path / "empty.txt", content)
    _write(tmp_path / "real.txt", "Real news.")
    res = load_paths([tmp_path])
    assert [d.id for d in res.documents] == ["real"]
    assert any("empty.txt" in w and "empty" in w for w in res.warnings)


def test_identical_texts_indexed_once(tmp_path):
    _write(tmp_path / "a.txt", "Same story, twice.")
    _write(tmp_path / "b.txt", "Same story, twice.")
    _write(tmp_path / "c.txt", "A different story.")
    res = load_paths([tmp_path])
    assert [d.id for d in res.documents] == ["a", "c"]
    assert any("b" in w and "same text as a" in w for w in res.warnings)


@pytest.mark.parametrize("data", [
    b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n",
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    b"PK\x03\x04\x14\x00\x00\x00\x08\x00",
    bytes(range(256)) * 4,
])
def test_binary_renamed_txt_rejected_clearly(tmp_path, data):
    path = _write(tmp_path / "report.txt", data)
    with pytest.raises(LoadError, match="binary"):
        load_file(path)
    _write(tmp_path / "ok.txt", "Real news.")
    res = load_paths([tmp_path])  # in a batch: a warning, the rest still loads
    assert [d.id for d in res.documents] == ["ok"]
    assert any("report.txt" in w and "binary" in w for w in res.warnings)
