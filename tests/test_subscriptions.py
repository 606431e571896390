"""Subscription lists in and out (OPML, newsboat urls, TOML) and feed discovery on web pages."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from lxml import etree

from tests.fixture_site import FIXTURES, FixtureSite
from tui.config import Config, save_config
from tui.models import Link, Source
from tui.sources import default_sources
from tui.subscriptions import (
    MAX_FILE_BYTES,
    SubscriptionFileError,
    discover_feeds,
    export_opml,
    export_toml,
    load_subscriptions,
)

HERE = FIXTURES / "subscriptions"

MIXED = [
    Source(
        url="https://vnexpress.net/rss/thoi-su.rss",
        title="VnExpress – Thời sự",
        group="VnExpress",
        category="Thời sự",
        language="vi",
        kind="feed",
    ),
    Source(
        url="https://vnexpress.net/rss/the-gioi.rss",
        title="",
        group="VnExpress",
        category="Thế giới, Quốc tế",
        language="vi",
        kind="feed",
    ),
    Source(
        url="https://www.vietnam.vn/fr/category/xa-hoi",
        title="Société & culture <Vietnam.vn>",
        group="Vietnam.vn",
        category="Société",
        language="fr",
        kind="page",
    ),
    Source(url="https://example.org/unknown", title='Someone\'s "site"', kind="auto"),
    Source(url="https://example.org/feed.xml", category="Blogs", language="en", kind="feed"),
]


def reimport(tmp_path: Path, opml: str) -> list[Source]:
    return load_subscriptions(write(tmp_path, "export.opml", opml))


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


# -- newsboat urls -------------------------------------------------------------------


def test_urls_file_gives_titles_tags_and_skips_what_it_cannot_follow() -> None:
    sources = load_subscriptions(HERE / "newsboat-urls")

    assert sources == [
        Source(
            url="https://vnexpress.net/rss/thoi-su.rss",
            title="VnExpress – Thời sự",
            category="Thời sự",
            kind="feed",
        ),
        Source(
            url="https://e.vnexpress.net/rss/news.rss",
            title="VnExpress International",
            category="news",
            kind="feed",
        ),
        Source(
            url="https://fr.vietnamplus.vn/rss/home.rss",
            title="VietnamPlus (français)",
            category="À la une",
            kind="feed",
        ),
        Source(url="https://example.org/blog/atom.xml", kind="feed"),
    ]


def test_urls_file_through_opml_and_back_is_unchanged(tmp_path: Path) -> None:
    sources = load_subscriptions(HERE / "newsboat-urls")

    again = load_subscriptions(write(tmp_path, "out.opml", export_opml(sources)))

    assert again == sources


def test_a_bad_line_in_a_urls_file_is_named(tmp_path: Path) -> None:
    path = write(tmp_path, "urls", "https://example.org/rss\nftp://example.org/feed tag\n")

    with pytest.raises(SubscriptionFileError, match=r"urls, line 2: not a feed URL: 'ftp://"):
        load_subscriptions(path)


# -- OPML ----------------------------------------------------------------------------------


def test_opml_round_trip_keeps_every_field(tmp_path: Path) -> None:
    grouped = sorted(MIXED, key=lambda source: source.group)  # export groups by first appearance

    assert reimport(tmp_path, export_opml(grouped)) == grouped


def test_exported_opml_groups_sources_under_their_publication() -> None:
    root = etree.fromstring(export_opml(MIXED).encode())
    body = root.find("body")

    assert root.get("version") == "2.0"
    assert [outline.get("text") for outline in body] == [
        "VnExpress",
        "Vietnam.vn",
        'Someone\'s "site"',
        "Blogs",
    ]
    vnexpress = body[0]
    assert [feed.get("xmlUrl") for feed in vnexpress] == [MIXED[0].url, MIXED[1].url]
    assert vnexpress[0].get("type") == "rss"
    assert vnexpress[0].get("category") == "Thời sự"
    assert vnexpress[0].get("language") == "vi"
    page = body[1][0]
    assert page.get("xmlUrl") is None, "other readers must not take a page for a feed"
    assert (page.get("htmlUrl"), page.get("vnnewsKind")) == (MIXED[2].url, "page")


def test_interleaved_groups_come_out_together(tmp_path: Path) -> None:
    a1, b1, a2 = (
        Source(url="https://a.example/1", group="A"),
        Source(url="https://b.example/1", group="B"),
        Source(url="https://a.example/2", group="A"),
    )

    assert reimport(tmp_path, export_opml([a1, b1, a2])) == [a1, a2, b1]


def test_opml_from_another_reader() -> None:
    sources = load_subscriptions(HERE / "reader-export.opml")

    assert sources == [
        Source(
            url="https://www.lemonde.fr/rss/une.xml",
            title="Le Monde à la une",
            group="Presse française",
            language="fr-fr",
            kind="feed",
        ),
        Source(
            url="https://www.telerama.fr/rss/une.xml",
            title="Télérama",
            group="Presse française",
            category="Culture",
            kind="feed",
        ),
        Source(
            url="http://scripting.com/rss.xml",
            title="Scripting News",
            category="Tech/Blogs",
            kind="feed",
        ),
    ]


def test_text_from_opml_is_cleaned(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "hostile.opml",
        '<opml version="2.0"><body><outline text="News&#x9d;8;;http://evil/&#x9c;&#x9b;2J">'
        '<outline text="[bold]x[/] &#x202e;gnp" xmlUrl=" https://example.org/rss&#x9;"/>'
        "</outline></body></opml>",
    )

    assert load_subscriptions(path) == [
        Source(url="https://example.org/rss", title="[bold]x[/] gnp", group="News", kind="feed")
    ]


def test_opml_entities_are_neither_expanded_nor_fetched(tmp_path: Path) -> None:
    laughs = write(
        tmp_path,
        "laughs.opml",
        '<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>'
        '<opml><body><outline text="&c;" xmlUrl="https://example.org/&c;"/></body></opml>',
    )
    secret = write(tmp_path, "secret.txt", "top secret")
    external = write(
        tmp_path,
        "external.opml",
        f'<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY x SYSTEM "{secret.as_uri()}">]>'
        '<opml><body><outline text="t" xmlUrl="https://example.org/rss">&x;</outline></body></opml>',
    )

    for path in (laughs, external):
        with pytest.raises(SubscriptionFileError, match="declares entities"):
            load_subscriptions(path)


def test_every_corpus_opml_file_is_read_or_refused_cleanly(corpus: Path) -> None:
    folder = corpus / "w3c-feedvalidator" / "testcases" / "opml"
    files = [path for path in sorted(folder.rglob("*")) if path.is_file()]
    assert len(files) > 30

    read = {}
    for path in files:
        try:
            read[path.name] = load_subscriptions(path)
        except SubscriptionFileError as error:
            assert "\n" not in str(error)
            assert str(path) in str(error)

    listed = read["subscriptionList.opml"]
    assert len(listed) == 13
    assert listed[0] == Source(
        url="http://news.com.com/2547-1_3-0-5.xml", title="CNET News.com", kind="feed"
    )
    assert "twittergram.xml" not in read, "an RSS feed is not a subscription list"
    assert "notwellformed.opml" not in read


# -- TOML ----------------------------------------------------------------------------------


def test_toml_round_trip_keeps_every_field(tmp_path: Path) -> None:
    assert load_subscriptions(write(tmp_path, "subs.toml", export_toml(MIXED))) == MIXED


def test_a_saved_config_file_imports_as_its_subscriptions(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    save_config(Config(path=path, lang="en", subscriptions=MIXED))

    assert load_subscriptions(path) == MIXED


def test_the_default_sources_survive_every_format(tmp_path: Path) -> None:
    sources = default_sources("vi") + default_sources("fr")

    def by_url(found: list[Source]) -> list[Source]:
        return sorted(found, key=lambda source: source.url)

    assert by_url(reimport(tmp_path, export_opml(sources))) == by_url(sources)
    assert load_subscriptions(write(tmp_path, "d.toml", export_toml(sources))) == sources


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('lang = "vi"\n', "no \\[\\[subscriptions\\]\\] in this TOML file"),
        ("subscriptions = 3\n", "'subscriptions' must be an array of tables"),
        (
            '[[subscriptions]]\ntitle = "x"\n',
            "subscriptions\\[0\\]: 'url' must be an http\\(s\\) URL",
        ),
        ('[[subscriptions]]\nurl = "https://x.example/\n', "not valid TOML"),
    ],
)
def test_bad_toml_subscriptions_say_what_is_wrong(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(SubscriptionFileError, match=message):
        load_subscriptions(write(tmp_path, "subs.toml", text))


# -- files that are none of these ------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        bytes(range(256)) * 4,
        b"<html><body><p>Hello</p></body></html>",
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>x</title></channel></rss>',
        b"<opml><body><outline text='unclosed'></body></opml>",
        "Xin chào, đây không phải danh sách.\nhttps://example.org/rss\n".encode(),
    ],
    ids=["binary", "html", "rss", "broken xml", "prose"],
)
def test_other_files_give_one_clear_error(tmp_path: Path, data: bytes) -> None:
    path = write(tmp_path, "subs", data)

    with pytest.raises(SubscriptionFileError) as caught:
        load_subscriptions(path)

    message = str(caught.value)
    assert message.startswith(f"not an OPML, urls or TOML subscription file: {path}")
    assert "\n" not in message


def test_unreadable_and_oversized_files(tmp_path: Path) -> None:
    with pytest.raises(SubscriptionFileError, match=r"cannot read .*missing: No such file"):
        load_subscriptions(tmp_path / "missing")
    with pytest.raises(SubscriptionFileError, match="cannot read"):
        load_subscriptions(tmp_path)
    big = write(tmp_path, "big", b"https://example.org/rss\n" * (MAX_FILE_BYTES // 20))
    with pytest.raises(SubscriptionFileError, match="too large"):
        load_subscriptions(big)


def test_an_empty_file_lists_nothing(tmp_path: Path) -> None:
    assert load_subscriptions(write(tmp_path, "urls", "# nothing yet\n\n")) == []


# -- feed discovery ---------------------------------------------------------------------------


def test_feeds_announced_by_a_served_page(site: FixtureSite) -> None:
    page_url = site.url("/subscriptions/page-with-feeds.html")
    response = httpx.get(page_url)

    feeds = discover_feeds(response.content, str(response.url))

    base = site.url("/news/")
    assert feeds == [
        Link(title="Tin mới nhất", url=f"{base}rss/tin-moi-nhat.rss"),
        Link(title="Thời sự (Atom)", url="https://feeds.example.net/thoi-su.atom"),
        Link(title="[bold]Thể thao[/] red", url=f"{base}rss/the-thao.rss"),
        Link(title=f"{base}rss/no-title.rss", url=f"{base}rss/no-title.rss"),
    ]


def test_a_page_without_feeds_has_none() -> None:
    html = (HERE / "page-without-feeds.html").read_bytes()

    assert discover_feeds(html, "https://www.vietnam.vn/category/viet-nam-hom-nay") == []


@pytest.mark.parametrize("html", [b"", b"\x00\xff\xfe", b"<link rel=alternate", b"<<<>>>"])
def test_discovery_on_garbage_finds_nothing(html: bytes) -> None:
    assert discover_feeds(html, "https://example.org/") == []


def test_discovery_reads_the_declared_encoding() -> None:
    html = (
        '<html><head><meta charset="windows-1252">'
        '<link rel="alternate" type="application/rss+xml" title="Société – Œuvres" href="/rss">'
        "</head></html>"
    ).encode("cp1252")

    assert discover_feeds(html, "https://example.org/a/b") == [
        Link(title="Société – Œuvres", url="https://example.org/rss")
    ]


def test_these_modules_do_not_import_textual() -> None:
    code = (
        "import sys, tui.config, tui.sources, tui.subscriptions; sys.exit('textual' in sys.modules)"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_discovery_honours_the_http_charset_when_the_page_declares_none() -> None:
    page = (
        '<html><head><link rel="alternate" type="application/rss+xml" '
        'title="Tin mới nhất" href="/rss/tin-moi.rss"></head><body></body></html>'
    ).encode()

    feeds = discover_feeds(page, "https://bao.example/", "text/html; charset=utf-8")

    assert feeds == [Link(title="Tin mới nhất", url="https://bao.example/rss/tin-moi.rss")]
