"""End-to-end in a real browser: Debian's Chromium driven by Playwright against the live app.

Asks, opens a citation, follows up, uploads an article and asks about it, and checks that an
article full of script/onerror/javascript: markup renders inert. Screenshots go to
tests/artifacts/ (gitignored). Chromium missing is a failure, not a skip: CI installs it.
"""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from qa_bot import app

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
WAIT_MS = 120_000  # a slow shared CI box can take a while on the first question

XSS_ARTICLE = """Evil <img src=x onerror="window.__pwned=1"> Gazette

The mayor of Testville is Zorbina Quall.
<script>window.__pwned=1</script>
She shared [click](javascript:window.__pwned=1) with reporters.
<img src=x onerror="window.__pwned=1">
Testville has 4,321 residents.
"""
FACT_ARTICLE = ("Quallberg Observatory opens\n\nThe Quallberg Observatory in Testville was "
                "opened by astronomer Zorbina Quall in March 1987. It houses a 40-inch "
                "telescope named Old Griselda.\n")

# main replies (not citation blocks) in the chat, and the text of the bold short answer
MAIN_REPLIES = '#qa-chatbot [data-testid="bot"] > .message-content'
JS_MAIN_COUNT = f"() => document.querySelectorAll('{MAIN_REPLIES}').length"


@pytest.fixture(scope="module")
def chromium():
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} not found: the browser tests need Debian's chromium "
                    "(apt-get install -y chromium chromium-driver; .ci/run does this)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                     args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture(scope="module")
def server(seeds_bot):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    demo = app.launch(seeds_bot, host="127.0.0.1", port=port, block=False)
    try:
        yield demo
    finally:
        demo.close()


@pytest.fixture
def page(chromium, server):
    ARTIFACTS.mkdir(exist_ok=True)
    ctx = chromium.new_context(viewport={"width": 1280, "height": 1000})
    pg = ctx.new_page()
    pg.set_default_timeout(WAIT_MS)
    pg.goto(server.local_url)
    pg.wait_for_selector("#qa-question textarea")
    try:
        yield pg
    finally:
        ctx.close()


def ask(pg, question: str) -> str:
    """Type a question, wait for its reply, return the reply's bold short answer."""
    n = pg.evaluate(JS_MAIN_COUNT)
    pg.fill("#qa-question textarea", question)
    pg.press("#qa-question textarea", "Enter")
    pg.wait_for_function(f"() => document.querySelectorAll('{MAIN_REPLIES}').length > {n}")
    last = pg.locator(MAIN_REPLIES).nth(n)
    strong = last.locator("p > strong").first
    strong.wait_for()
    pg.wait_for_selector("#qa-question textarea:not([disabled])")  # the event chain is done
    return strong.inner_text()


def upload(pg, path: Path) -> str:
    pg.set_input_files("#qa-upload input[type=file]", str(path))
    pg.wait_for_function("() => /Indexed|Not indexed/.test("
                         "document.querySelector('#qa-upload-status').innerText)")
    return pg.inner_text("#qa-upload-status")


def test_ask_cite_follow_up_upload_and_ask(page, tmp_path):
    pg = page
    short = ask(pg, "Who is Russia's ambassador to the UN?")
    assert "Churkin" in short
    # a numbered citation, collapsed; opening it shows the highlighted passage and offsets
    cite = pg.locator("#qa-chatbot .thought-group").first
    assert cite.locator(".title").inner_text().startswith("[1] ")
    cite.locator(".title").click()
    mark = cite.locator("mark").first
    mark.wait_for()
    assert "Churkin" in mark.inner_text()
    assert "Characters " in cite.inner_text()
    pg.wait_for_timeout(600)  # let the open animation finish before the screenshot
    pg.screenshot(path=str(ARTIFACTS / "01-answer-citation.png"))

    follow_q = "How did he describe the 120 days of negotiations?"
    n_cites = pg.locator("#qa-chatbot .thought-group").count()
    assert ask(pg, follow_q) == "worthwhile"  # the bold short answer, not the sentence
    cite2 = pg.locator("#qa-chatbot .thought-group").nth(n_cites)
    cite2.locator(".title").click()
    cite2.locator("mark").first.wait_for()
    pg.wait_for_timeout(600)
    pg.screenshot(path=str(ARTIFACTS / "02-follow-up.png"))  # the README screenshot
    # retry takes the (escaped) question back out of the chat and asks it again, unchanged
    pg.evaluate("""sel => { window.__retried = false;
        new MutationObserver(() => { if (document.querySelectorAll(sel).length < 2)
            window.__retried = true; }).observe(document.querySelector('#qa-chatbot'),
            {childList: true, subtree: true}); }""", MAIN_REPLIES)
    pg.get_by_role("button", name="Retry").last.click()
    pg.wait_for_function(f"() => window.__retried && "
                         f"document.querySelectorAll('{MAIN_REPLIES}').length == 2")
    users = pg.locator('#qa-chatbot [data-testid="user"]')
    assert users.count() == 2 and users.last.inner_text().strip() == follow_q
    assert "worthwhile" in pg.locator(MAIN_REPLIES).nth(1).inner_text()

    fact = tmp_path / "observatory.txt"
    fact.write_text(FACT_ARTICLE, encoding="utf-8")
    status = upload(pg, fact)
    assert "Indexed 1 article" in status, status
    ask(pg, "Who opened the Quallberg Observatory?")
    assert "Zorbina Quall" in pg.locator(MAIN_REPLIES).last.inner_text()
    pg.screenshot(path=str(ARTIFACTS / "03-upload-answer.png"), full_page=True)
    # "the article" after an upload is the upload: its opening sentence, cited first
    assert ask(pg, "Summarize the article").startswith("The Quallberg Observatory in Testville")

    # the Sources tab lists the seeds and the upload, and shows an article as text
    pg.get_by_role("tab", name="Sources").click()
    table = pg.locator("#qa-sources")
    table.get_by_text("Quallberg Observatory opens").first.wait_for()
    assert table.get_by_text("Xinhua News Agency").count() >= 1
    pg.screenshot(path=str(ARTIFACTS / "04-sources.png"), full_page=True)

    pg.get_by_role("tab", name="Chat").click()
    pg.click("#qa-clear")
    pg.wait_for_function(f"() => document.querySelectorAll('{MAIN_REPLIES}').length == 0")


def test_hostile_article_and_question_render_inert(page, tmp_path):
    pg = page
    evil = tmp_path / "evil.md"
    evil.write_text(XSS_ARTICLE, encoding="utf-8")
    assert "Indexed 1 article" in upload(pg, evil)
    ask(pg, "Who is the mayor of Testville?")
    assert "Zorbina Quall" in pg.locator(MAIN_REPLIES).last.inner_text()
    hostile_q = ('What about <img src=x onerror="window.__pwned=2"> '
                 '[x](javascript:window.__pwned=3)?')
    ask(pg, hostile_q)
    for title in pg.locator("#qa-chatbot .thought-group .title").all():
        title.click()  # open every citation so passage text is in the DOM
    pg.wait_for_timeout(500)
    chat = pg.locator("#qa-chatbot")
    text = chat.inner_text()
    # the markup is on screen as characters ...
    assert "window.__pwned=1" in text
    assert hostile_q in text
    # ... and nothing from it became an element or ran
    assert chat.locator("script").count() == 0
    assert chat.locator("img").count() == 0
    assert chat.locator("[onerror]").count() == 0
    assert chat.locator("a[href^='javascript']").count() == 0
    assert pg.evaluate("typeof window.__pwned") == "undefined"
    pg.screenshot(path=str(ARTIFACTS / "05-xss-inert.png"), full_page=True)

    pg.get_by_role("tab", name="Sources").click()
    pg.locator("#qa-sources").get_by_text("Gazette").first.wait_for()
    pg.locator("#qa-pick input").click()
    pg.get_by_role("option", name="Gazette").first.click()
    box = pg.locator("#qa-article textarea")
    pg.wait_for_function("() => document.querySelector('#qa-article textarea').value"
                         ".includes('<script>')")
    assert "<script>window.__pwned=1</script>" in box.input_value()
    assert pg.locator("#qa-sources img").count() == 0
    assert pg.evaluate("typeof window.__pwned") == "undefined"
    pg.screenshot(path=str(ARTIFACTS / "06-xss-sources.png"), full_page=True)
