"""Feed parsing: bytes in, sanitized Feed and Articles out; dates read the way people meant them."""

from __future__ import annotations

import re
import threading
from dataclasses import astuple
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import httpx
import pytest

from tests.fixture_site import FIXTURES, FixtureSite
from tui import feeds
from tui.dates import VIETNAM_TZ, parse_date
from tui.errors import ParseError
from tui.feeds import parse_feed, parse_feed_async
from tui.models import Feed

FEEDS = FIXTURES / "feeds"
VN_URL = "https://tinnhanh.example/rss/tin-moi-nhat.rss"
# C0 controls except newline, DEL, C1 controls, bidi embeddings/overrides/isolates, BOM.
UNSAFE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufeff]")


def read(name: str, url: str = VN_URL) -> Feed:
    return parse_feed((FEEDS / name).read_bytes(), url)


def rss(items: str, channel: str = "<title>Thử nghiệm</title>") -> bytes:
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:slash="http://purl.org/rss/1.0/modules/slash/" '
        'xmlns:media="http://search.yahoo.com/mrss/">'
        f"<channel>{channel}{items}</channel></rss>"
    ).encode()


def strings(feed: Feed) -> list[str]:
    """Every string field of the feed and its articles, summaries last."""
    values = [feed.url, feed.title, feed.link, feed.language, feed.warning or ""]
    for article in feed.articles:
        values += [article.id, article.url, article.title, article.publisher, article.feed_url]
        values += [article.thumbnail or "", *article.authors, *article.categories]
    return values + [article.summary for article in feed.articles]


def fetch(site: FixtureSite, path: str) -> Feed:
    response = httpx.get(site.url(path), trust_env=False)
    response.raise_for_status()
    return parse_feed(response.content, site.url(path), response.headers["content-type"])


# --- a VnExpress-style Vietnamese feed ------------------------------------------------------


def test_vietnamese_feed_gives_every_field_of_an_article() -> None:
    feed = read("vi-tin-moi.rss")

    assert (feed.url, feed.title, feed.link, feed.language) == (
        VN_URL,
        "Tin Nhanh Việt - Tin mới nhất",
        "https://tinnhanh.example/",
        "vi",
    )
    assert (feed.kind, feed.warning, feed.ttl_minutes) == ("feed", None, None)
    assert len(feed.articles) == 7
    first = feed.articles[0]
    link = "https://tinnhanh.example/ha-noi-mo-them-12-tuyen-buyt-dien-4971201.html"
    assert (first.id, first.url) == (link, link)
    assert first.title == "Hà Nội mở thêm 12 tuyến buýt điện nối các khu đô thị mới"
    # The CDATA is '<a href=...><img src=...></a></br>lead': only the lead is text.
    assert first.summary == (
        "Từ ngày 1/12, người dân ở Tây Mỗ, Gia Lâm và Đông Anh có thêm 12 tuyến buýt điện "
        "chạy 5h-22h, giá vé không đổi so với buýt thường."
    )
    assert first.published == datetime(2025, 11, 26, 11, 0, tzinfo=UTC)
    assert first.published.utcoffset() == timedelta(hours=7)
    assert first.authors == ("Ngọc Diệp",)
    assert first.categories == ("Thời sự", "Giao thông")
    assert first.publisher == "Tin Nhanh Việt - Tin mới nhất"
    assert first.thumbnail == "https://i.tinnhanh.example/2025/11/26/buyt-dien-1764154800.jpg"
    assert first.comment_count == 42
    assert first.feed_url == VN_URL


def test_vietnamese_feed_missing_fields_stay_empty() -> None:
    articles = read("vi-tin-moi.rss").articles
    last = articles[-1]

    assert last.title == "Cà phê Việt vào top xuất khẩu của tháng 11"
    assert (last.authors, last.comment_count) == ((), None)
    assert [article.comment_count for article in articles[:4]] == [42, 7, 15, 0]


@pytest.mark.parametrize(
    ("name", "index", "authors"),
    [
        ("vi-tin-moi.rss", 1, ("Minh Châu", "Quang Huy")),
        ("vi-tin-moi.rss", 5, ("Lê Hà", "Thanh Tùng")),
        ("fr-courrier-mekong.rss", 0, ("Marie Dupont", "Jean Martin")),
        ("en-mekong-ledger.atom", 2, ("Priya Raman", "Lucas Brandt")),
        # Two <author> elements; feedparser's joined "author" string carries an email.
        ("en-mekong-ledger.atom", 0, ("Jane Whitfield", "Trần Bảo Long")),
        # The same person twice in one entry is listed once, in first-seen order.
        ("en-mekong-ledger.atom", 4, ("Sokha Chea", "Daniel Okafor")),
    ],
)
def test_author_lists_are_split_and_deduplicated(name: str, index: int, authors: tuple) -> None:
    assert read(name).articles[index].authors == authors


def test_rss_author_with_email_gives_the_name() -> None:
    feed = parse_feed(
        rss(
            "<item><title>a</title><author>ha.le@tinnhanh.example (Lê Hà)</author></item>"
            "<item><title>b</title><author>tung@tinnhanh.example</author></item>"
        ),
        VN_URL,
    )

    assert [article.authors for article in feed.articles] == [("Lê Hà",), ()]


# --- an English Atom feed --------------------------------------------------------------------


def test_atom_urls_resolve_against_xml_base_not_the_feed_url() -> None:
    feed = read("en-mekong-ledger.atom", "http://127.0.0.1:9/feeds/latest.atom")
    port, metro, _, salt = feed.articles[:4]

    assert feed.link == "https://mekongledger.example/"
    assert port.url == "https://mekongledger.example/2025/11/26/cai-mep-port-upgrade"
    assert port.thumbnail == "https://mekongledger.example/images/2025/11/cai-mep-cranes.jpg"
    assert metro.thumbnail == "https://mekongledger.example/images/2025/11/metro-line-2.jpg"
    assert salt.thumbnail == "https://mekongledger.example/images/2025/11/salinity-chart.png"


def test_atom_text_constructs_become_plain_text() -> None:
    feed = read("en-mekong-ledger.atom")
    port, _, rice, salt, _, briefing = feed.articles

    assert (feed.title, feed.language) == ("The Mekong Ledger", "en")
    assert port.id == "tag:mekongledger.example,2025:cai-mep-port-upgrade"
    assert rice.title == "Rice exporters weigh new quality labels"
    assert rice.summary == (
        "A premium label for low-emission rice could lift prices by 8%, according to a trade "
        "group survey.\n\nFarmers are less sure."
    )
    assert salt.summary.startswith("Sensors in Ben Tre recorded salinity")
    assert "<" not in salt.summary
    assert briefing.summary == "VN-Index up 1.2%\n\nDong steady against the dollar"
    assert port.categories == ("Business", "Shipping")


def test_atom_dates_keep_their_offset_and_fall_back_to_updated() -> None:
    port, metro, rice, salt, *_ = read("en-mekong-ledger.atom").articles

    assert port.published == datetime(2025, 11, 26, 10, 30, tzinfo=UTC)
    assert metro.published == datetime(2025, 11, 26, 10, 15, tzinfo=UTC)
    assert metro.published.utcoffset() == timedelta(hours=7)
    assert rice.published == datetime(2025, 11, 25, 13, 0, tzinfo=UTC)
    assert salt.published == datetime(2025, 11, 25, 6, 20, tzinfo=UTC)  # only <updated>


# --- a French feed, fetched from the local site ---------------------------------------------


def test_french_feed_from_the_local_site(site: FixtureSite) -> None:
    feed = fetch(site, "/feeds/fr-courrier-mekong.rss")
    summit, metro, _, freight, _, editorial = feed.articles

    assert feed.title == "Le Courrier du Mékong – Actualités"
    assert (feed.link, feed.language, feed.ttl_minutes) == (site.url("/"), "fr", 60)
    # Relative links and enclosures resolve against the URL the feed came from.
    assert summit.url == site.url("/economie/2025/11/26/sommet-energie-solaire-hanoi")
    assert summit.thumbnail == site.url("/medias/2025/11/sommet-solaire.jpg")
    assert summit.id == "courrier-mekong-20251126-0412"
    assert summit.summary == (
        "Les ministres de six pays se réunissent jeudi pour harmoniser les tarifs de rachat "
        "de l’électricité photovoltaïque."
    )
    assert metro.summary == (
        "Plus de 20 millions de voyages en un an : la fréquentation dépasse les prévisions."
        "\n\nReportage de notre correspondante."
    )
    assert freight.thumbnail is None  # an audio enclosure is not a picture
    assert editorial.thumbnail is None
    assert summit.categories == ("Économie", "Énergie")


def test_ict_zone_is_indochina_time_not_utc() -> None:
    metro = read("fr-courrier-mekong.rss").articles[1]

    assert metro.published == datetime(2025, 11, 26, 9, 45, tzinfo=UTC)


# --- ill-formed and hostile feeds ------------------------------------------------------------


def test_ill_formed_feed_yields_its_items_and_a_warning() -> None:
    feed = read("illformed.rss")

    assert feed.warning == "feed is not well-formed XML: undefined entity"
    assert [article.title for article in feed.articles] == [
        "Nhãn lồng Hưng Yên vào vụ thu hoạch muộn",
        "Khánh thành cầu La Tiến nối hai tỉnh",
        "Phố Hiến mở lại lễ hội văn hóa dân gian",
        "Trường học vùng bãi được lắp pin mặt trời",
        "Chợ phiên cuối tuần bán đặc sản làng nghề",
    ]
    assert feed.articles[0].summary == (
        "Nhà vườn cho biết sản lượng năm nay tăng 15% nhờ thời tiết thuận lợi."
    )
    assert feed.articles[1].summary.endswith("sang Thái Bình gần 20 km.")
    assert feed.articles[4].published == datetime(2025, 11, 22, 6, 0, tzinfo=VIETNAM_TZ)


def test_hostile_feed_loses_every_control_character() -> None:
    feed = read("hostile.rss", "https://hostile.example/feed.rss")

    assert len(feed.articles) == 6
    for value in strings(feed):
        assert not UNSAFE.search(value), repr(value)
    assert not any("\n" in value for value in strings(feed)[: -len(feed.articles)])
    assert feed.articles[3].title == "Tin nóng gnóh niT and isolate"
    assert feed.articles[3].summary == "Bidi override in the summary too."


def test_hostile_feed_keeps_markup_look_alikes_as_literal_text() -> None:
    markup = read("hostile.rss").articles[0]

    assert markup.title == "[bold red]x[/] [@click=app.quit]quit[/]"
    assert markup.summary == (
        "Rich markup must show as the literal text [link=https://evil.example]here[/link]."
    )
    assert markup.authors == ("[i]Người[/i] Lạ",)
    assert markup.categories == ("[reverse]Nóng[/reverse]",)


def test_hostile_feed_never_shows_script_or_style_text() -> None:
    feed = read("hostile.rss")
    text = "\n".join(strings(feed))

    for leak in ("alert", "cookie", "steal", "display: none", "unclosed", "enable scripts"):
        assert leak not in text
    assert feed.articles[4].summary == "Only this sentence is news.\nclick"


def test_hostile_feed_offers_only_http_links_and_images() -> None:
    feed = read("hostile.rss")
    script, not_http = feed.articles[4], feed.articles[5]

    assert script.thumbnail is None  # media:content url="javascript:..."
    assert not_http.url == ""  # <link>javascript:...</link>
    assert not_http.id == "hostile-javascript-link"
    assert not_http.thumbnail is None  # a data: enclosure


def test_raw_escape_bytes_in_an_ill_formed_feed_are_removed() -> None:
    data = rss(
        "<item><title>Red \x1b[31malert\x1b[0m \x1b]0;pwned\x07title\x07</title>"
        "<description>bell\x07 and \x1b[2J clear</description>"
        "<dc:creator>K\x1b[1mẻ\x1b[0m Lạ</dc:creator><link>https://x.example/a\x1b[0m</link>"
        "</item>"
    )

    feed = parse_feed(data, VN_URL)

    assert feed.warning is not None and feed.warning.startswith("feed is not well-formed XML:")
    article = feed.articles[0]
    assert article.title == "Red alert title"
    assert article.summary == "bell and clear"
    assert article.authors == ("Kẻ Lạ",)
    assert article.url == "https://x.example/a"


def test_atom_plain_text_constructs_are_cleaned_too() -> None:
    data = (
        b'<feed xmlns="http://www.w3.org/2005/Atom"><title type="text">T&#x9d;in</title>'
        b'<entry><title type="text">Bi&#x202e;di</title><id>urn:x</id>'
        b'<summary type="text">C1 &#x9d;here\n\n\n\nand &#x81;next</summary></entry>'
        b"</feed>"
    )

    feed = parse_feed(data, VN_URL)

    assert (feed.title, feed.articles[0].title) == ("Tin", "Bidi")
    assert feed.articles[0].summary == "C1 here\n\nand next"


# --- what is not a feed ---------------------------------------------------------------------

KML = """<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2" xmlns:atom="http://www.w3.org/2005/Atom">
<Document><atom:author><atom:name>x</atom:name></atom:author><name>Hồ Gươm</name></Document>
</kml>""".encode()
OPML = """<?xml version="1.0"?><opml version="2.0"><head><title>Nguồn tin</title></head>
<body><outline text="Tin Nhanh" type="rss" xmlUrl="https://tinnhanh.example/rss"/></body>
</opml>""".encode()
HTML = (
    "<!DOCTYPE html><html lang='vi'><head><title>Tin Nhanh Việt</title></head>"
    "<body><h1>Tin mới</h1><p>Không phải RSS</p></body></html>"
).encode()


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "the document is empty"),
        (b"  \r\n\t ", "the document is empty"),
        (HTML, "it is a web page, not RSS or Atom"),
        (KML, "it is a <kml> document, not RSS or Atom"),
        (OPML, "it is a <opml> document, not RSS or Atom"),
        (bytes(range(256)) * 8, "no RSS or Atom content found"),
        (b'{"version": "https://jsonfeed.org/version/1.1"}', "no RSS or Atom content found"),
    ],
    ids=["empty", "blank", "html", "kml", "opml", "binary", "json"],
)
def test_what_is_not_a_feed_raises_a_readable_parse_error(data: bytes, reason: str) -> None:
    with pytest.raises(ParseError) as caught:
        parse_feed(data, VN_URL)

    assert str(caught.value) == f"could not read this feed: {reason}"


def test_bytes_naming_a_local_file_are_not_read_from_disk(tmp_path: Path) -> None:
    local = tmp_path / "secret.rss"
    local.write_bytes((FEEDS / "vi-tin-moi.rss").read_bytes())

    with pytest.raises(ParseError):
        parse_feed(str(local).encode(), VN_URL)


def test_an_empty_feed_is_a_feed_with_no_articles() -> None:
    feed = parse_feed(rss(""), VN_URL)

    assert (feed.title, feed.articles, feed.warning) == ("Thử nghiệm", [], None)


def test_feed_without_a_title_is_named_after_its_site() -> None:
    feed = parse_feed(rss("<item><title>a</title></item>", channel=""), VN_URL)

    assert feed.title == "tinnhanh.example"


# --- entity expansion attacks ---------------------------------------------------------------


def billion_laughs() -> str:
    entities = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)
    ]
    return (
        '<?xml version="1.0" encoding="{encoding}"?>\n<!DOCTYPE rss [\n'
        + "\n".join(entities)
        + "\n]>\n<rss version='2.0'><channel><title>lol &lol9;</title>"
        "<item><title>lol</title><description>&lol9;</description></item></channel></rss>"
    )


def quadratic_blowup(subset: str = "[\n{entity}\n]>\n") -> str:
    # One 20 kB entity used 2,000 times: 26 kB of feed that expands to 40 MB of summary.
    entity = f'<!ENTITY a "{"ha" * 10_000}">'
    return (
        '<?xml version="1.0" encoding="{encoding}"?>\n<!DOCTYPE rss '
        + subset.format(entity=entity)
        + "<rss version='2.0'><channel><title>t</title><item><title>x</title>"
        f"<description>{'&a;' * 2_000}</description></item></channel></rss>"
    )


def stray_entity() -> str:
    # Outside any internal subset: feedparser still collects it and expands it.
    return quadratic_blowup(subset=">\n{entity}\n")


@pytest.mark.parametrize("template", [billion_laughs, quadratic_blowup, stray_entity])
@pytest.mark.parametrize("encoding", ["utf-8", "utf-16", "utf-32"])
def test_entity_declarations_are_never_expanded(template, encoding: str) -> None:
    data = template().replace("{encoding}", encoding).encode(encoding)

    feed = parse_feed(data, VN_URL)

    assert feed.warning == "feed is not well-formed XML: undefined entity"
    assert len(feed.articles[0].summary) < len(data)
    assert "hahaha" not in feed.articles[0].summary
    assert "lollol" not in feed.articles[0].summary


def test_an_external_doctype_is_kept() -> None:
    data = (
        b'<?xml version="1.0"?>\n<!DOCTYPE rss PUBLIC'
        b' "-//Netscape Communications//DTD RSS 0.91//EN"'
        b' "http://my.netscape.com/publish/formats/rss-0.91.dtd">\n'
        b"<rss version='0.91'><channel><title>Caf&eacute;</title>"
        b"<item><title>Cr&egrave;me</title><link>https://x.example/c</link></item></channel></rss>"
    )

    feed = parse_feed(data, VN_URL)

    assert (feed.title, feed.articles[0].title) == ("Café", "Crème")


# --- encodings ------------------------------------------------------------------------------


def test_http_charset_is_honoured() -> None:
    # "Việt Nam" in windows-1258, the Vietnamese legacy code page: ê + combining dot below.
    data = b"<?xml version='1.0'?><rss version='2.0'><channel><title>t</title>"
    data += b"<item><title>Vi\xea\xf2t Nam</title></item></channel></rss>"

    honoured = parse_feed(data, VN_URL, "application/rss+xml; charset=windows-1258")
    guessed = parse_feed(data, VN_URL)

    assert honoured.articles[0].title == "Việt Nam"
    assert guessed.articles[0].title == "Viêòt Nam"  # what the bytes say without the header


def test_utf16_feed_with_bom() -> None:
    text = (FEEDS / "vi-tin-moi.rss").read_text("utf-8").replace('"UTF-8"', '"UTF-16"')

    feed = parse_feed(text.encode("utf-16"), VN_URL)

    assert feed.articles[0].title == "Hà Nội mở thêm 12 tuyến buýt điện nối các khu đô thị mới"


# --- ids, dates, counts, ttl ----------------------------------------------------------------


def test_article_id_is_guid_else_link_else_a_stable_hash_of_the_title() -> None:
    items = (
        "<item><title>A</title><guid isPermaLink='false'>tin-1</guid><link>https://x.example/1</link></item>"
        "<item><title>B</title><link>https://x.example/2</link></item>"
        "<item><title>C</title></item><item><title>D</title></item>"
        "<item><description>   </description></item>"
    )

    first, again = parse_feed(rss(items), VN_URL), parse_feed(rss(items), VN_URL)

    ids = [article.id for article in first.articles]
    assert ids[:2] == ["tin-1", "https://x.example/2"]
    assert ids[2].startswith("sha1:") and ids[3].startswith("sha1:") and ids[2] != ids[3]
    assert ids == [article.id for article in again.articles]
    assert len(ids) == 4  # an item with nothing to show is left out


def test_unreadable_dates_give_none_and_never_raise() -> None:
    items = "".join(
        f"<item><title>{n}</title><pubDate>{value}</pubDate></item>"
        for n, value in enumerate(
            [
                "hôm qua",
                "Sun, 31 Dec 9999 23:59:59 -9999",
                "Mon, 01 Jan 10000 00:00:00 GMT",
                "2025-13-45T99:99:99Z",
                "Sat, 00 Jan 0000 00:00:00 GMT",
            ]
        )
    )

    feed = parse_feed(rss(items), VN_URL)

    assert [article.published for article in feed.articles] == [None] * 5


@pytest.mark.parametrize(
    ("ttl", "comments", "expected"),
    [("60", "42", (60, 42)), ("0", "-3", (None, None)), ("soon", "n/a", (None, None))],
)
def test_ttl_and_comment_count_must_be_sane_numbers(
    ttl: str, comments: str, expected: tuple
) -> None:
    data = rss(
        f"<item><title>a</title><slash:comments>{comments}</slash:comments></item>",
        channel=f"<title>t</title><ttl>{ttl}</ttl>",
    )

    feed = parse_feed(data, VN_URL)

    assert (feed.ttl_minutes, feed.articles[0].comment_count) == expected


def test_thumbnail_prefers_media_then_enclosure_then_inline_image() -> None:
    img = "&lt;p&gt;&lt;img src='/inline.jpg'&gt;lead&lt;/p&gt;"
    enclosure = '<enclosure url="/enclosure.jpg" type="image/jpeg" length="1"/>'
    items = (
        f"<item><title>1</title><description>{img}</description>{enclosure}"
        '<media:thumbnail url="/thumb.jpg"/></item>'
        f"<item><title>2</title><description>{img}</description>{enclosure}</item>"
        f"<item><title>3</title><description>{img}</description></item>"
        '<item><title>4</title><media:content url="/clip.mp4" medium="video"/></item>'
    )

    feed = parse_feed(rss(items), "https://tinnhanh.example/rss/a.rss")

    assert [article.thumbnail for article in feed.articles] == [
        "https://tinnhanh.example/thumb.jpg",
        "https://tinnhanh.example/enclosure.jpg",
        "https://tinnhanh.example/inline.jpg",
        None,
    ]


async def test_parse_feed_async_parses_in_a_worker_thread(monkeypatch) -> None:
    threads: list[int] = []

    def recording_parse(content: bytes, url: str, content_type: str | None = None) -> Feed:
        threads.append(threading.get_ident())
        return parse_feed(content, url, content_type)

    monkeypatch.setattr(feeds, "parse_feed", recording_parse)
    data = (FEEDS / "vi-tin-moi.rss").read_bytes()

    feed = await parse_feed_async(data, VN_URL, "application/rss+xml; charset=utf-8")

    assert threads and threads[0] != threading.get_ident()
    assert [astuple(a) for a in feed.articles] == [
        astuple(a) for a in parse_feed(data, VN_URL).articles
    ]


# --- the date normaliser --------------------------------------------------------------------

ICT = timezone(timedelta(hours=7))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Wed, 26 Nov 2025 18:00:00 +0700", datetime(2025, 11, 26, 18, 0, tzinfo=ICT)),
        ("Wed, 26 Nov 2025 16:45:00 ICT", datetime(2025, 11, 26, 16, 45, tzinfo=ICT)),
        ("Wed, 26 Nov 2025 18:00:00 +0700 (ICT)", datetime(2025, 11, 26, 11, 0, tzinfo=UTC)),
        ("Wed, 26 Nov 2025 11:00:00 GMT", datetime(2025, 11, 26, 11, 0, tzinfo=UTC)),
        ("26 Nov 2025 05:00 EST", datetime(2025, 11, 26, 10, 0, tzinfo=UTC)),
        ("Thứ tư, 26/11/2025, 18:00 (GMT+7)", datetime(2025, 11, 26, 18, 0, tzinfo=ICT)),
        ("26/11/2025 18:00", datetime(2025, 11, 26, 18, 0, tzinfo=ICT)),
        ("18h30 ngày 26-11-2025", datetime(2025, 11, 26, 18, 30, tzinfo=ICT)),
        ("26/11/2025", datetime(2025, 11, 26, tzinfo=ICT)),
        ("26/11/2025 20:00 GMT+9", datetime(2025, 11, 26, 11, 0, tzinfo=UTC)),
        ("2025-11-26T18:00:00+07:00", datetime(2025, 11, 26, 11, 0, tzinfo=UTC)),
        ("2025-11-26T18:00:00+0700", datetime(2025, 11, 26, 11, 0, tzinfo=UTC)),
        ("2025-11-26T11:00:00.123456Z", datetime(2025, 11, 26, 11, 0, 0, 123456, tzinfo=UTC)),
        ("2025-11-26 11:00:00", datetime(2025, 11, 26, 11, 0, tzinfo=UTC)),
        ("2025-11-26", datetime(2025, 11, 26, tzinfo=UTC)),
        ("  Wed,   26 Nov 2025\n 18:00:00 +0700 ", datetime(2025, 11, 26, 11, 0, tzinfo=UTC)),
    ],
)
def test_parse_date_reads_feed_and_page_dates(text: str, expected: datetime) -> None:
    moment = parse_date(text)

    assert moment == expected
    assert moment is not None and moment.utcoffset() is not None


def test_parse_date_keeps_the_published_offset() -> None:
    moment = parse_date("Wed, 26 Nov 2025 18:00:00 +0700")

    assert moment is not None and (moment.hour, moment.utcoffset()) == (18, timedelta(hours=7))


def test_parse_date_reads_a_zoneless_standard_date_in_the_default_zone() -> None:
    assert parse_date("2025-11-26T18:00:00", default_tz=ICT) == datetime(
        2025, 11, 26, 11, 0, tzinfo=UTC
    )
    assert parse_date("Wed, 26 Nov 2025 18:00:00", default_tz=ICT) == datetime(
        2025, 11, 26, 11, 0, tzinfo=UTC
    )
    # A Vietnamese printed date is Vietnam time whatever the default.
    assert parse_date("26/11/2025 18:00", default_tz=UTC) == datetime(
        2025, 11, 26, 11, 0, tzinfo=UTC
    )


@pytest.mark.parametrize(
    "text",
    [
        None,
        "",
        "   ",
        "hôm qua",
        "31/02/2025 10:00",
        "Sun, 01 Jan 0000 00:00:00 GMT",
        "10000-01-01T00:00:00Z",
        "Fri, 31 Dec 9999 23:30:00 -0100",
        "0001-01-01T00:30:00+01:00",
        "Wed, 26 Nov 2025 18:00:00 +2500",
        "Wed, 26 Nov 2025 24:00:00 GMT",
        "2025-11-26T18:00:00+07:00 and then some",
        "2025-11-26T18:00:00" + "0" * 500,
    ],
)
def test_parse_date_rejects_what_it_cannot_read(text: str | None) -> None:
    assert parse_date(text) is None
