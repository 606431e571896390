"""Article and listing extraction, on self-written pages served by the local fixture site."""

from __future__ import annotations

import random
import re
import unicodedata
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest

from tests.fixture_site import FixtureSite
from tui.extract import extract_article, extract_listing, looks_like_html
from tui.extract.article import author_names
from tui.extract.dates import find_printed
from tui.extract.phrases import comment_count
from tui.models import ArticleBody, Figure, Heading, Link, ListBlock, Paragraph, Quote, Table

VIETNAM = timezone(timedelta(hours=7))
CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufeff]")


@pytest.fixture(scope="module")
def pages() -> Iterator[FixtureSite]:
    server = FixtureSite()
    server.start()
    try:
        yield server
    finally:
        server.stop()


def fetch_article(site: FixtureSite, path: str) -> ArticleBody:
    url = site.url(path)
    response = httpx.get(url)
    response.raise_for_status()
    return extract_article(response.content, url, response.headers.get("content-type"))


def body_text(body: ArticleBody) -> str:
    return "\n".join(block.text for block in body.blocks)


def kinds(body: ArticleBody) -> list[str]:
    return [block.type for block in body.blocks]


def strings(value: Any) -> Iterator[str]:
    """Every string inside a to_dict() result."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


class TestVietnamVnFrench:
    """A Vietnam.vn-shaped page: publisher and date run together, author on the last line."""

    @pytest.fixture(scope="class")
    def body(self, pages: FixtureSite) -> ArticleBody:
        return fetch_article(pages, "/pages/vietnamvn-fr.html")

    def test_header_fields(self, body: ArticleBody) -> None:
        assert body.title == "Hanoï inaugure le pont Tran Hung Dao sur le fleuve Rouge"
        assert body.publisher == "Báo Nhân Dân"
        assert body.published == datetime(2025, 12, 1, tzinfo=VIETNAM)
        assert body.authors == ("Thanh Hà",)
        assert body.categories == ("Société",)
        assert body.lead.startswith("Après trente mois de travaux")
        assert body.lead.endswith("encombrés de la capitale.")
        assert body.comment_count == 3
        assert body.source_url == (
            "https://nhandan.vn/hanoi-inaugure-le-pont-tran-hung-dao-post889123.html"
        )
        assert body.notice is None

    def test_blocks_in_reading_order(self, body: ArticleBody, pages: FixtureSite) -> None:
        assert kinds(body) == [
            "paragraph",
            "paragraph",
            "figure",
            "paragraph",
            "quote",
            "paragraph",
            "list",
            "figure",
            "paragraph",
        ]
        first, second = [block for block in body.blocks if isinstance(block, Figure)]
        assert first.src == pages.url("/static/images/pont-tran-hung-dao-1.jpg")
        assert first.caption.endswith("le matin de l'inauguration. (Photo : Nhân Dân)")
        assert second.src == pages.url("/static/images/pont-tran-hung-dao-2.jpg")
        assert second.caption == (
            "Les belvédères offrent une vue dégagée sur le fleuve Rouge et le vieux pont Long Bien"
        )
        quote = next(block for block in body.blocks if isinstance(block, Quote))
        assert quote.text.startswith("« Ce pont n'est pas seulement une route de plus")
        items = next(block for block in body.blocks if isinstance(block, ListBlock))
        assert not items.ordered
        assert len(items.items) == 3
        assert (
            items.text.splitlines()[2] == "deux belvédères ouverts aux piétons au-dessus du fleuve."
        )

    def test_inline_emphasis_and_absolute_links(
        self, body: ArticleBody, pages: FixtureSite
    ) -> None:
        spans = [
            span for block in body.blocks if isinstance(block, Paragraph) for span in block.spans
        ]
        assert any(s.bold and s.text == "quatre mois avant la date prévue" for s in spans)
        linked = [s for s in spans if s.link]
        assert [(s.text, s.link) for s in linked] == [
            ("l'institut des transports", pages.url("/pages/jsonld-en.html"))
        ]
        paragraph = body.blocks[1]
        assert isinstance(paragraph, Paragraph)
        assert "achevés quatre mois avant la date prévue, malgré" in paragraph.text

    def test_related_lists(self, body: ArticleBody, pages: FixtureSite) -> None:
        assert body.same_author == (
            Link(
                "Hanoï lance la construction de la ligne de métro numéro 5",
                pages.url("/pages/bare-divs-vi.html"),
            ),
            Link(
                "Le marché flottant de Cai Rang face à la baisse du tourisme",
                pages.url("/pages/jsonld-en.html"),
            ),
        )
        assert [link.title for link in body.same_category] == [
            "Hà Nội lắp thêm 300 camera giám sát giao thông trên đường Vành đai 3",
            "Les lycéens de Hué découvrent les métiers du patrimoine",
            "La saison des kakis séchés commence à Da Lat",
        ]
        assert body.same_category[0].url == pages.url("/pages/vnexpress-vi.html")

    def test_a_related_link_can_be_followed(self, body: ArticleBody, pages: FixtureSite) -> None:
        followed = fetch_article(pages, urlsplit(body.same_author[0].url).path)
        assert followed.title == "Hà Nội khởi công tuyến đường sắt đô thị số 5 Văn Cao - Hòa Lạc"


class TestVnExpressVietnamese:
    """Semantic markup: h1, p.description, figure/figcaption, related boxes, comments."""

    @pytest.fixture(scope="class")
    def body(self, pages: FixtureSite) -> ArticleBody:
        return fetch_article(pages, "/pages/vnexpress-vi.html")

    def test_header_fields(self, body: ArticleBody) -> None:
        assert body.title == "Hà Nội lắp thêm 300 camera giám sát giao thông trên đường Vành đai 3"
        assert body.lead.startswith("Sở Xây dựng Hà Nội sẽ lắp thêm 300 camera")
        assert body.publisher == "VnExpress"
        assert body.published == datetime(2025, 12, 1, 8, 30, tzinfo=VIETNAM)
        assert body.authors == ("Ngọc Diệp",)
        assert body.categories == ("Thời sự", "Giao thông")
        assert body.comment_count == 12
        assert body.source_url is None

    def test_blocks(self, body: ArticleBody) -> None:
        assert kinds(body) == [
            "paragraph",
            "paragraph",
            "figure",
            "paragraph",
            "table",
            "heading",
            "paragraph",
            "paragraph",
        ]
        figure = body.blocks[2]
        assert isinstance(figure, Figure)
        assert figure.src == "https://i1-vnexpress.vnecdn.net/2025/12/01/vanh-dai-3-camera.jpg"
        assert figure.caption.endswith("giờ cao điểm chiều 30/11. Ảnh: Giang Huy")
        table = body.blocks[4]
        assert isinstance(table, Table)
        assert table.rows == (
            ("Hạng mục", "Số lượng", "Kinh phí (tỷ đồng)"),
            ("Camera nhận dạng biển số", "180", "54"),
            ("Camera quan sát toàn cảnh", "120", "21"),
        )
        assert body.blocks[5] == Heading("Dữ liệu dùng chung với công an", 2)
        second = body.blocks[1]
        assert isinstance(second, Paragraph)
        assert any(s.bold and s.text == "120.000 lượt xe" for s in second.spans)
        assert any(s.italic and s.text == "giải tỏa nhanh hơn" for s in second.spans)

    def test_related_boxes_in_page_order(self, body: ArticleBody, pages: FixtureSite) -> None:
        assert body.same_author == ()
        assert [link.url for link in body.same_category] == [
            pages.url("/pages/vietnamvn-fr.html"),
            pages.url("/thoi-su/phat-nguoi-qua-camera-tang-gap-ba-4981122.html"),
            pages.url("/pages/bare-divs-vi.html"),
            pages.url("/thoi-su/xe-buyt-dien-phu-kin-noi-thanh-4986001.html"),
        ]
        assert body.same_category[2].title == (
            "Hà Nội khởi công tuyến đường sắt đô thị số 5 Văn Cao - Hòa Lạc"
        )


def test_the_column_holding_the_headline_stays_whatever_its_class(pages: FixtureSite) -> None:
    """VnExpress names its article column "sidebar-1"; on a page that also preloads the next
    stories (as endless-scroll pages do) that column holds a small share of the text."""
    url = pages.url("/pages/vnexpress-vi.html")
    page = httpx.get(url).content
    column = page[page.index(b'<div class="sidebar-1">') : page.index(b'<aside class="sidebar-2">')]
    endless = page.replace(b"</section>", column * 3 + b"</section>", 1)
    body = extract_article(endless, url, "text/html; charset=utf-8")
    assert kinds(body) == [
        block.type for block in fetch_article(pages, "/pages/vnexpress-vi.html").blocks
    ]
    assert body.blocks[0].text.startswith("Theo kế hoạch vừa được UBND thành phố phê duyệt")


class TestJsonLdEnglish:
    """Metadata only in JSON-LD (inside @graph); the body is plain <p>s in nested divs."""

    @pytest.fixture(scope="class")
    def body(self, pages: FixtureSite) -> ArticleBody:
        return fetch_article(pages, "/pages/jsonld-en.html")

    def test_metadata_from_json_ld(self, body: ArticleBody) -> None:
        assert body.title == (
            "Mekong Delta farmers turn to salt-tolerant rice as seawater creeps inland"
        )
        assert body.authors == ("Tran Minh Hoang", "Sarah Mitchell")
        assert body.published == datetime(2025, 11, 28, 14, 5, tzinfo=VIETNAM)
        assert body.categories == ("Business",)
        assert body.publisher == "Saigon Daily"
        assert body.comment_count == 5
        assert body.lead.startswith(
            "With saltwater reaching 60 kilometres up the Mekong's branches"
        )

    def test_body(self, body: ArticleBody) -> None:
        assert kinds(body) == ["paragraph"] * 3 + ["heading"] + ["paragraph"] * 2
        assert body.blocks[0].text.startswith("In the village of Thanh Phu")
        assert body.blocks[-1].text.endswith("remained their first worry.")

    def test_more_from_author_and_related(self, body: ArticleBody, pages: FixtureSite) -> None:
        assert [link.title for link in body.same_author] == [
            "Hanoi breaks ground on metro line 5 to Hoa Lac",
            "Vietnam's coffee exports hit a record in November",
        ]
        assert [link.url for link in body.same_category] == [
            pages.url("/pages/vnexpress-vi.html"),
            pages.url("/pages/vietnamvn-fr.html"),
        ]


class TestBareDivs:
    """Only <div>s with meaningless class names: no h1, p, figure or metadata at all."""

    @pytest.fixture(scope="class")
    def body(self, pages: FixtureSite) -> ArticleBody:
        return fetch_article(pages, "/pages/bare-divs-vi.html")

    def test_every_field(self, body: ArticleBody, pages: FixtureSite) -> None:
        assert body.title == "Hà Nội khởi công tuyến đường sắt đô thị số 5 Văn Cao - Hòa Lạc"
        assert body.publisher == "Báo ABC"
        # The page's own date, not today's date printed in the site header.
        assert body.published == datetime(2025, 12, 1, 8, 30, tzinfo=VIETNAM)
        assert body.authors == ("Lê Minh Tuấn",)
        assert body.categories == ("Thời sự",)
        assert body.lead.startswith("Sáng 1/12, Hà Nội khởi công tuyến đường sắt đô thị số 5")
        assert body.comment_count == 2
        assert body.same_author == (
            Link(
                "Hà Nội thông xe cầu Trần Hưng Đạo bắc qua sông Hồng",
                pages.url("/pages/vietnamvn-fr.html"),
            ),
            Link(
                "Nông dân miền Tây chuyển sang giống lúa chịu mặn",
                pages.url("/pages/jsonld-en.html"),
            ),
        )
        assert body.same_category == ()

    def test_blocks_and_caption(self, body: ArticleBody, pages: FixtureSite) -> None:
        assert kinds(body) == [
            "paragraph",
            "paragraph",
            "figure",
            "heading",
            "paragraph",
            "list",
            "paragraph",
            "paragraph",
        ]
        assert body.blocks[2] == Figure(
            pages.url("/s/images/le-khoi-cong-metro-5.jpg"),
            "Lãnh đạo thành phố bấm nút khởi công tại ga Văn Cao sáng 1/12",
        )
        second = body.blocks[1]
        assert isinstance(second, Paragraph)
        assert any(s.bold and s.text == "công trình trọng điểm" for s in second.spans)
        assert [s.link for s in second.spans if s.link] == [pages.url("/pages/vnexpress-vi.html")]

    def test_bold_line_and_bulleted_lines(self, body: ArticleBody) -> None:
        assert body.blocks[3] == Heading("Bảy ga ngầm trong nội đô", 3)
        stations = body.blocks[5]
        assert isinstance(stations, ListBlock)
        assert stations.text.splitlines() == [
            "Ga Văn Cao, kết nối với tuyến số 2;",
            "Ga Ngọc Khánh, gần hồ Ngọc Khánh;",
            "Ga Láng, kết nối với tuyến số 1 Nhổn - ga Hà Nội.",
        ]


# Distinctive strings from each page's menus, share bars, comments, related boxes,
# footer, byline and headline: none may appear in any body block (captions included).
LEAKS = {
    "vietnamvn-fr.html": [
        "Tiếng Việt", "Économie", "Se connecter", "Accueil", "Partager", "Facebook", "Imprimer",
        "commentaires", "Article très intéressant", "Minh Quân", "Votre commentaire", "Même",
        "kakis séchés", "Cai Rang", "Les plus lus", "exportations de café", "Portail d'information",
        "Infrastructures", "Thanh Hà", "Source", "post889123", "01/12/2025", "Après trente mois",
        "Hanoï inaugure",
    ],
    "vnexpress-vi.html": [
        "Đăng nhập", "Mới nhất", "Góc nhìn", "Thứ ba", "Thứ hai", "Chia sẻ", "Tweet", "Sao chép",
        "bình luận", "Dự án này rất cần thiết", "làn dừng khẩn cấp", "Tin liên quan",
        "Phạt nguội qua camera", "gấp ba lần", "Hanoï", "Cùng chuyên mục", "Xe buýt điện",
        "Xem nhiều", "Nghệ sĩ", "Copyright", "Điều khoản", "Liên hệ", "Ngọc Diệp",
        "Sở Xây dựng Hà Nội sẽ",
    ],
    "jsonld-en.html": [
        "Subscribe", "Sign in", "More from", "coffee exports", "Related articles", "Ring Road",
        "Most read", "pho in Hanoi", "All rights reserved", "Privacy policy", "By Tran Minh Hoang",
        "Mekong Delta farmers turn",
    ],
    "bare-divs-vi.html": [
        "Trang chủ", "Đăng nhập", "Thứ Ba", "Thể thao", "Chia sẻ", "Facebook", "Zalo", "Gửi email",
        "bình luận", "Mong dự án sớm hoàn thành", "Hoàng Nam", "chậm tiến độ", "Cùng tác giả",
        "sông Hồng", "lúa chịu mặn", "Giấy phép", "Giới thiệu", "Lê Minh Tuấn", "Thời sự",
        "01/12/2025", "65.000 tỷ đồng",
    ],
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(LEAKS))
def test_nothing_around_the_article_leaks_into_the_body(pages: FixtureSite, name: str) -> None:
    body = fetch_article(pages, f"/pages/{name}")
    text = body_text(body)
    assert len(body.blocks) >= 5
    leaked = [needle for needle in LEAKS[name] if needle in text]
    assert leaked == []


class TestListing:
    @pytest.fixture(scope="class")
    def feed(self, pages: FixtureSite) -> Any:
        url = pages.url("/pages/listing-vi.html")
        response = httpx.get(url)
        return extract_listing(response.content, url, response.headers.get("content-type"))

    def test_article_links_in_page_order(self, feed: Any, pages: FixtureSite) -> None:
        assert feed.kind == "page"
        assert feed.title == "Thời sự"
        assert feed.language == "vi"
        assert feed.warning is None
        assert [article.url for article in feed.articles] == [
            pages.url(path)
            for path in [
                "/pages/bare-divs-vi.html",
                "/pages/vnexpress-vi.html",
                "/thoi-su/mua-lu-mien-trung-gay-thiet-hai-nang-20251130091512345.html",
                "/thoi-su/2025/11/30/quoc-hoi-thong-qua-luat-dat-dai-sua-doi",
                "/thoi-su/xe-buyt-dien-phu-kin-noi-thanh-vao-nam-2030.html",
                "/thoi-su/tphcm-mo-rong-duong-vanh-dai-2-20251129.html",
                "/thoi-su/nguoi-dan-dong-bang-song-cuu-long-chuan-bi-mua-han-man",
                "/thoi-su/ra-mat-cong-dich-vu-cong-moi-4982210.html",
                "/thoi-su/tuyen-duong-ven-bien-quang-ngai-thong-xe-4982001.html",
                "/thoi-su/da-nang-don-chuyen-bay-quoc-te-moi-4981873.html",
                "/pages/jsonld-en.html",
                "/thoi-su/ha-noi-trong-them-mot-trieu-cay-xanh-4981500.html",
            ]
        ]

    def test_articles_carry_title_and_site(self, feed: Any) -> None:
        first, second = feed.articles[:2]
        assert first.title == "Hà Nội khởi công tuyến đường sắt đô thị số 5 Văn Cao - Hòa Lạc"
        assert first.id == first.url
        # The image link came first; the headline link gives the title, once.
        assert (
            second.title == "Hà Nội lắp thêm 300 camera giám sát giao thông trên đường Vành đai 3"
        )
        assert {article.publisher for article in feed.articles} == {"Báo ABC"}

    def test_no_menu_topic_paging_social_or_footer_links(self, feed: Any) -> None:
        urls = " ".join(article.url for article in feed.articles)
        titles = " ".join(article.title for article in feed.articles)
        for needle in ["/chu-de/", "/dang-", "/p2", "/p3", "facebook", "youtube", "other-news"]:
            assert needle not in urls
        for needle in ["Bầu cử", "Chính sách bảo mật", "Điều khoản", "Trang sau", "Theo dõi"]:
            assert needle not in titles


class TestHostilePage:
    @pytest.fixture(scope="class")
    def body(self, pages: FixtureSite) -> ArticleBody:
        return fetch_article(pages, "/pages/hostile.html")

    def test_no_control_characters_anywhere(self, body: ArticleBody) -> None:
        for text in strings(body.to_dict()):
            assert not CONTROLS.search(text), repr(text)
        assert body.title == "[bold red]Tin giật gân[/] <script>alert(1)</script> đảo chiều"
        assert body.authors == ("Kẻ Gian",)
        assert body.publisher == "Báo XYZ"

    def test_markup_look_alikes_stay_literal(self, body: ArticleBody) -> None:
        text = body_text(body)
        assert "[bold]chữ đậm giả[/bold]" in text
        assert "[@click=app.quit]Thoát[/]" in text
        assert "[@click=app.quit]bấm vào đây[/]" in body.lead

    def test_only_http_links_and_images(self, body: ArticleBody, pages: FixtureSite) -> None:
        links = [
            span for block in body.blocks if isinstance(block, Paragraph) for span in block.spans
        ]
        assert [(s.text, s.link) for s in links if s.link] == [
            ("một liên kết thật", pages.url("/pages/vnexpress-vi.html"))
        ]
        assert "liên kết javascript, liên kết có tab, liên kết chữ hoa" in body_text(body)
        assert not any(isinstance(block, Figure) for block in body.blocks)
        assert body.same_category == (
            Link(
                "Hà Nội khởi công tuyến metro số 5 [bold]thật[/]",
                pages.url("/pages/bare-divs-vi.html"),
            ),
        )

    def test_hidden_and_script_text_never_shows(self, body: ArticleBody) -> None:
        text = body_text(body)
        for needle in ["ẩn bằng", "script text", "style text", "alert-from-script", "display"]:
            assert needle not in text
        assert "Văn bản lồng rất sâu vẫn không làm hỏng trình đọc." in text
        assert body.blocks[-1].text.startswith("Đoạn cuối cùng của bài viết")


BAD_INPUTS = {
    "empty": (b"", None),
    "blank html": (b"  \n ", "text/html"),
    "random bytes as html": (random.Random(7).randbytes(20_000), "text/html; charset=utf-8"),
    "random bytes": (random.Random(8).randbytes(20_000), None),
    "an rss feed": (b"<?xml version='1.0'?><rss><channel><title>x</title></channel></rss>", None),
    "a png": (b"\x89PNG\r\n\x1a\n" + bytes(200), "image/png"),
    "nul bytes": (b"\x00" * 500 + b"<html>", "text/html"),
    "100000 nested divs": (b"<div>" * 100_000 + b"x" + b"</div>" * 100_000, "text/html"),
    "unclosed tags": (b"<html><body><p><b><i><a href='/x'>" * 3000, "text/html"),
}


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_bad_input_gives_an_empty_article_with_a_notice(name: str) -> None:
    content, content_type = BAD_INPUTS[name]
    url = "https://example.vn/thoi-su/ha-noi-don-mua-dong-4981234.html"
    body = extract_article(content, url, content_type)
    assert body.title == "Ha noi don mua dong"
    assert body.blocks == []
    assert body.notice
    feed = extract_listing(content, url, content_type)
    assert feed.articles == []
    assert feed.warning


def test_a_page_without_any_title_is_named_after_its_host() -> None:
    body = extract_article(b"<html><body></body></html>", "https://baomoi.example/")
    assert body.title == "baomoi.example"


def _windows_1258(text: str) -> bytes:
    """Vietnamese as windows-1258 writes it: letter shapes precomposed, tone marks combining."""
    letters = []
    for char in text:
        decomposed = unicodedata.normalize("NFD", char)
        base, marks = decomposed[0], decomposed[1:]
        shape = "".join(mark for mark in marks if mark in "\u0302\u0306\u031b")
        tone = "".join(mark for mark in marks if mark not in shape)
        letters.append(unicodedata.normalize("NFC", base + shape) + tone)
    return "".join(letters).encode("cp1258")


class TestDecoding:
    TITLE = "Việt Nam đón khách quốc tế dịp cuối năm"
    PARAGRAPH = (
        "Người dân Việt Nam chào đón du khách quốc tế trong mùa lễ hội cuối năm, ở khắp nơi."
    )

    def page(self, head: str = "") -> str:
        return (
            f"<html><head>{head}<title>{self.TITLE}</title></head>"
            f"<body><div><p>{self.PARAGRAPH}</p></div></body></html>"
        )

    def test_meta_charset_windows_1258_arrives_composed(self) -> None:
        content = _windows_1258(self.page("<meta charset='windows-1258'>"))
        body = extract_article(content, "https://example.vn/a.html")
        assert body.title == self.TITLE
        assert body.blocks[0].text == self.PARAGRAPH

    def test_content_type_charset_wins_over_meta(self) -> None:
        content = _windows_1258(self.page("<meta charset='utf-8'>"))
        body = extract_article(
            content, "https://example.vn/a.html", "text/html; charset=windows-1258"
        )
        assert body.title == self.TITLE

    def test_undeclared_bad_utf8_is_replaced_not_fatal(self) -> None:
        content = self.page().encode("utf-8").replace("Việt".encode(), b"Vi\xff\xfet", 1)
        body = extract_article(content, "https://example.vn/a.html", "text/html")
        assert body.title == "Vi\ufffd\ufffdt Nam đón khách quốc tế dịp cuối năm"
        assert body.blocks[0].text == self.PARAGRAPH


ARTICLE_START = (
    "<html><head><title>Một bài báo thử nghiệm</title></head><body><div>"
    "<h1>Một bài báo thử nghiệm</h1><div>"
    + "<div>Đây là một đoạn văn đủ dài của bài báo, với dấu phẩy, để được tính là nội dung.</div>"
    * 4
)


@pytest.mark.parametrize(
    ("label", "field"),
    [
        ("Du même auteur", "same_author"),
        ("Bài cùng tác giả", "same_author"),
        ("MORE FROM NGUYEN VAN AN", "same_author"),
        ("Same author", "same_author"),
        ("À LIRE AUSSI", "same_category"),
        ("Sur le même sujet", "same_category"),
        ("More in Business", "same_category"),
        ("Đọc thêm:", "same_category"),
        ("Tin cùng chuyên mục", "same_category"),
        ("Related", "same_category"),
    ],
)
def test_related_heading_in_several_languages(label: str, field: str) -> None:
    page = (
        f"{ARTICLE_START}</div><div><strong>{label}</strong>"
        "<div><a href='/bai-viet-lien-quan-12345.html'>Một tiêu đề bài viết đủ dài</a></div>"
        "</div></div></body></html>"
    )
    body = extract_article(page.encode(), "https://example.vn/bai-viet-98765.html")
    links = getattr(body, field)
    assert links == (
        Link("Một tiêu đề bài viết đủ dài", "https://example.vn/bai-viet-lien-quan-12345.html"),
    )
    other = "same_category" if field == "same_author" else "same_author"
    assert getattr(body, other) == ()
    assert "tiêu đề" not in body_text(body)
    assert label.rstrip(":").lower() not in body_text(body).lower()


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Nguồn: <a href='https://nhandan.vn/bai-goc-123.html'>nhandan.vn</a>", "https://nhandan.vn/bai-goc-123.html"),
        ("Source: <a href='https://vnanet.vn/en/story-42'>VNA</a>", "https://vnanet.vn/en/story-42"),
        ("Theo <a href='https://vov.vn/bai-goc-7.html'>VOV</a>", "https://vov.vn/bai-goc-7.html"),
    ],
)  # fmt: skip
def test_source_line_becomes_source_url(line: str, expected: str) -> None:
    page = f"{ARTICLE_START}<div>{line}</div></div></div></body></html>"
    body = extract_article(page.encode(), "https://example.vn/bai-viet-98765.html")
    assert body.source_url == expected
    assert expected not in body_text(body)
    assert len(body.blocks) == 4


def test_a_following_paragraph_starting_with_theo_is_body_text() -> None:
    paragraph = (
        "Theo ông Nguyễn Văn An, <a href='https://example.vn/du-an-1.html'>dự án</a> "
        "sẽ hoàn thành vào cuối năm sau, sớm hơn dự kiến hai tháng."
    )
    page = f"{ARTICLE_START}<div>{paragraph}</div></div></div></body></html>"
    body = extract_article(page.encode(), "https://example.vn/bai-viet-98765.html")
    assert body.source_url is None
    assert body.blocks[-1].text.startswith("Theo ông Nguyễn Văn An, dự án sẽ hoàn thành")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("01/12/2025", datetime(2025, 12, 1, tzinfo=VIETNAM)),
        ("01/12/2025 08:30", datetime(2025, 12, 1, 8, 30, tzinfo=VIETNAM)),
        ("Thứ hai, 1/12/2025, 08:30 (GMT+7)", datetime(2025, 12, 1, 8, 30, tzinfo=VIETNAM)),
        ("14:05 28/11/2025", datetime(2025, 11, 28, 14, 5, tzinfo=VIETNAM)),
        ("31/02/2025", None),
        ("1/12", None),
    ],
)
def test_printed_dates_are_day_first_in_vietnam_time(text: str, expected: datetime | None) -> None:
    found = find_printed(text)
    assert (found[0] if found else None) == expected


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        (
            "<meta property='article:published_time' content='2025-12-01T01:30:00Z'>",
            datetime(2025, 12, 1, 1, 30, tzinfo=UTC),
        ),
        (
            "<time datetime='2025-12-01T08:30'>hôm nay</time>",
            datetime(2025, 12, 1, 8, 30, tzinfo=VIETNAM),
        ),
        ("<span>Cập nhật 14:05 28/11/2025</span>", datetime(2025, 11, 28, 14, 5, tzinfo=VIETNAM)),
    ],
)
def test_dates_keep_their_zone_and_printed_ones_are_vietnam_time(
    markup: str, expected: datetime
) -> None:
    page = f"{ARTICLE_START.replace('<h1>', markup + '<h1>')}</div></div></body></html>"
    body = extract_article(page.encode(), "https://example.vn/bai-viet-98765.html")
    assert body.published == expected


def test_a_name_printed_just_after_the_body_is_its_author() -> None:
    page = f"{ARTICLE_START}</div><div><b>Phạm Quốc Bảo</b></div></div></body></html>"
    body = extract_article(page.encode(), "https://example.vn/bai-viet-98765.html")
    assert body.authors == ("Phạm Quốc Bảo",)
    assert "Phạm Quốc Bảo" not in body_text(body)


def test_section_label_and_byline_lines_around_a_headline_inside_the_body() -> None:
    sentence = (
        "<p>Engineers ran the cable along the piers, then across short floating sections.</p>"
    )
    page = (
        "<html><head><title>Fibre reaches floating villages | Sample Times</title></head><body>"
        "<article><p>Technology</p><h1>Fibre reaches floating villages</h1>"
        "<p>By Laura Bennett</p><p>Thursday 19 November 2026, 13:30 (GMT+7)</p>"
        f"{sentence * 4}</article></body></html>"
    )
    body = extract_article(page.encode(), "https://example.com/news/fibre-villages")
    assert body.title == "Fibre reaches floating villages"
    assert body.authors == ("Laura Bennett",)
    assert [block.text for block in body.blocks] == [
        "Engineers ran the cable along the piers, then across short floating sections."
    ] * 4


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("Ngọc Diệp", ["Ngọc Diệp"]),
        ("THANH HÀ", ["THANH HÀ"]),
        ("By Minh Anh and Hoàng Lan", ["Minh Anh", "Hoàng Lan"]),
        ("Hà Nội đẹp lắm.", []),
        ("Theo TTXVN", []),
        ("Xin cảm ơn", []),
        ("Hà", []),
    ],
)
def test_author_line(line: str, names: list[str]) -> None:
    assert author_names(line) == names


@pytest.mark.parametrize(
    ("label", "count"),
    [
        ("12 bình luận", 12),
        ("Bình luận (7)", 7),
        ("1.024 commentaires", 1024),
        ("3 Comments", 3),
        ("Bình luận", None),
        ("Năm 2025 có 12 bình luận viên mới trong tòa soạn", None),
    ],
)
def test_comment_counter(label: str, count: int | None) -> None:
    assert comment_count(label) == count


def test_looks_like_html() -> None:
    assert looks_like_html(b"<!DOCTYPE html><html><body></body></html>", None)
    assert looks_like_html(b"<div>fragment</div>", "text/html; charset=utf-8")
    assert not looks_like_html(b"<?xml version='1.0'?><rss version='2.0'></rss>", "text/html")
    assert not looks_like_html(b"<feed xmlns='http://www.w3.org/2005/Atom'></feed>", None)
    assert not looks_like_html(b"%PDF-1.7", "application/pdf")
