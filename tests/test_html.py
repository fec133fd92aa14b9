"""Saved news pages: main text and metadata, and entities that are not page chrome.

The pages in tests/data are real Wikinews articles (CC BY 2.5, see data/samples/README.md)
inside the chrome news sites wrap articles in: navigation, cookie banners, newsletter
boxes, related and most-read links, ads, readers' comments, footers. The chrome is full
of names (the site's owner, places and people in other headlines) so that a page whose
chrome leaks into the analysed text fails here.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from extractor.labels import ENTITY_CATEGORIES
from extractor.readers import InputError, read_article

from .conftest import extract_dict

DATA = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True)
class Page:
    file: str
    title: str
    published: str
    site: str
    url: str
    encoding: str
    lines: int  # headline + paragraphs
    first: str  # how the first paragraph starts
    last: str  # how the last paragraph ends
    entities: frozenset[str]  # some that the article itself names
    chrome: tuple[str, ...]  # text and names only the page around it has


PAGES = {
    "ie9": Page(
        file="ie9-technology-desk.html",
        title="Microsoft waits for death of Internet Explorer 6",
        published="2011-03-08",
        site="Northgate Tribune",
        url="https://www.northgate-tribune.example/technology/2011/03/08/"
        "microsoft-waits-for-death-of-internet-explorer-6",
        encoding="utf-8",
        lines=1 + 5,
        first="With development of Microsoft's Internet Explorer 9 (IE9) browser",
        last="and Microsoft no longer wants to support it.",
        entities=frozenset({"Microsoft", "Secunia.com"}),  # Firefox, IE9: products
        chrome=(
            "Northgate", "Samsung", "Seoul", "Amazon", "Dublin", "Oracle", "Manchester",
            "Linda Okafor", "Riverside", "Yorkshire", "Celtic", "Henrik Dalsgaard",
            "Get the latest updates", "cookies", "Accept all", "Subscribe", "Sign in",
            "Related stories", "Most read", "Share on", "Skip to", "All rights reserved",
            "214", "500", "$2 billion", "04518823", "Breaking", "Wikinews",
        ),
    ),
    "iodine": Page(
        file="iodine-health-news.html",
        title="Australian children suffering from iodine deficiency",
        published="2006-02-23",
        site="Harbourside Herald",
        url="https://news.harbourside-herald.example/health/"
        "australian-children-suffering-from-iodine-deficiency-20060223",
        encoding="utf-8",
        lines=1 + 15,
        first="Almost half of all Australian primary school children",
        last="the neuropsychological consequences of iodine deficiency.\"",
        entities=frozenset({"Cres Eastman", "Lydia Buchtmann", "New South Wales", "Queensland"}),
        chrome=(
            "Harbourside", "Qantas", "Bali", "$499", "Sydney", "Swans", "Brisbane",
            "Nathan Rees", "Parramatta", "Perth", "Wollongong", "Canberra", "Geelong",
            "Woolworths", "Newcastle", "Victoria expands", "Advertisement", "Read more",
            "Comments", "Log in", "Subscribe", "cookies", "Get the latest updates",
            "Updated 11:02am", "Wikinews",
        ),
    ),
    "lanterns": Page(
        file="taipei-lantern-festival.html",
        title="Lantern Festival in Taipei lights up the night",
        published="2007-03-05",
        site="Eastwind Post",
        url="https://www.eastwind-post.example/culture/2007/03/"
        "lantern-festival-in-taipei-lights-up-the-night.html",
        encoding="cp1252",  # declared windows-1252; its em dash is byte 0x97
        lines=1 + 8,
        first="Taipei, Taiwan — The Taipei City Lantern Festival",
        last="The festival runs through March 11 this year.",
        entities=frozenset({"Taipei", "Taiwan", "Hau Lung-bin", "Malaysia"}),
        chrome=(
            "Eastwind", "Hong Kong", "Japan", "Kyoto", "Seoul", "EVA Air", "HK$1,999",
            "Singapore", "Pacific Rim", "Follow us", "Filed under", "12 comments",
            "Archives", "February 2007", "Sponsors", "Wikinews",
        ),
    ),
}  # fmt: skip


@pytest.fixture(scope="module", params=PAGES.values(), ids=PAGES.keys())
def page(request):
    spec: Page = request.param
    return spec, read_article(DATA / spec.file)


@pytest.fixture(scope="module")
def page_record(page, nlp):
    spec, article = page
    return (
        spec,
        article,
        extract_dict(
            article.text, nlp=nlp, source=article.source, meta=article.meta(), show_text=True
        ),
    )


def test_metadata_from_meta_tags_and_json_ld(page):
    spec, article = page
    assert article.format == "html"
    assert article.encoding == spec.encoding
    assert article.title == spec.title
    assert article.published == spec.published
    assert article.authors == ("Wikinews contributors",)
    assert article.site == spec.site
    assert article.url == spec.url


def test_main_text_is_headline_then_the_article(page):
    spec, article = page
    lines = article.text.split("\n")
    assert lines[0] == spec.title
    assert lines[1].startswith(spec.first)
    assert lines[-1].endswith(spec.last)
    assert len(lines) == spec.lines


def test_no_chrome_in_the_analysed_text(page):
    spec, article = page
    leaked = [words for words in spec.chrome if words in article.text]
    assert leaked == []


def test_entities_are_the_article_s_not_the_page_s(page_record):
    spec, article, record = page_record
    names = {e["name"] for cat in ENTITY_CATEGORIES for e in record[cat]}
    names |= {alias for cat in ENTITY_CATEGORIES for e in record[cat] for alias in e["aliases"]}
    facts = {f["text"] for cat in ("figures", "dates") for f in record[cat]}
    assert spec.entities <= names
    polluted = [w for w in spec.chrome for found in names | facts if w.lower() in found.lower()]
    assert polluted == []


def test_record_carries_page_metadata_and_offsets_index_its_text(page_record):
    spec, article, record = page_record
    assert record["title"] == spec.title
    assert record["published"] == spec.published
    assert record["authors"] == ["Wikinews contributors"]
    assert (record["site"], record["url"]) == (spec.site, spec.url)
    text = record["text"]
    assert text == article.text
    for cat in ENTITY_CATEGORIES:
        for entity in record[cat]:
            for m in entity["mentions"]:
                assert text[m["start"] : m["end"]] == m["text"]
    for cat in ("figures", "dates"):
        for fact in record[cat]:
            assert text[fact["start"] : fact["end"]] == fact["text"]


def test_relative_dates_resolve_against_the_page_date(page_record):
    spec, article, record = page_record
    if spec.file.startswith("taipei"):
        # "Sunday night (March 4)" in an article published Monday 5 March 2007.
        values = {d["text"]: d["value"] for d in record["dates"]}
        assert values.get("March 4") == "2007-03-04"


# --- pages that are not articles, or are broken -----------------------------------------


def html_error(tmp_path: Path, data: bytes, name: str = "page.html") -> str:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(InputError) as caught:
        read_article(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: ")
    assert "\n" not in message
    return message.removeprefix(f"{path}: ")


NOT_ARTICLES = {
    "section front": (DATA / "section-front-no-article.html").read_bytes(),
    "empty file": b"",
    "only a script": b"<html><body><script>var s = 'A long sentence in a script is not "
    b"an article at all, is it?';</script></body></html>",
    "deeply nested": b"<html><body>" + b"<div>" * 100_000 + b"<p>Words.</p></body></html>",
    "not html at all": b"{}",
}


@pytest.mark.parametrize("data", NOT_ARTICLES.values(), ids=NOT_ARTICLES.keys())
def test_page_without_an_article_is_one_line_error(tmp_path, data):
    assert html_error(tmp_path, data) == "no article text found in the HTML page"


def test_binary_file_named_html(tmp_path):
    assert html_error(tmp_path, bytes(range(256)) * 40) == "looks like a binary file, not text"


def test_truncated_page_gives_what_it_has(tmp_path):
    data = (DATA / PAGES["ie9"].file).read_bytes()
    path = tmp_path / "truncated.htm"
    path.write_bytes(data[: len(data) * 6 // 10])
    article = read_article(path)
    assert article.title == PAGES["ie9"].title
    assert article.text.split("\n")[1].startswith(PAGES["ie9"].first)


def test_page_lying_about_its_charset_is_still_decoded(tmp_path):
    page = (DATA / PAGES["ie9"].file).read_text(encoding="utf-8")
    # Saved by a Windows tool as cp1252 while the page still says utf-8.
    path = tmp_path / "liar.HTML"
    path.write_bytes(page.replace("&#x27;", "’").encode("cp1252"))
    article = read_article(path)
    assert article.encoding == "cp1252"
    assert "Microsoft’s Internet Explorer 9" in article.text


def test_page_saved_as_utf16(tmp_path):
    page = (DATA / PAGES["iodine"].file).read_text(encoding="utf-8")
    path = tmp_path / "utf16.html"
    path.write_bytes(page.encode("utf-16"))
    article = read_article(path)
    assert article.encoding == "utf-16"
    assert article.title == PAGES["iodine"].title
