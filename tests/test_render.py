"""What a reader sees of an article: layout, numbered links, wrapping, hostile text made inert."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta, timezone

import pytest
from rich.cells import cell_len
from rich.console import Console, RenderableType

from tests.test_sanitize import UNSAFE
from tui.models import (
    ArticleBody,
    Figure,
    Heading,
    Link,
    ListBlock,
    Paragraph,
    Quote,
    Span,
    Table,
)
from tui.render import (
    Labels,
    format_age,
    format_datetime,
    format_when,
    render_article,
    render_plain,
)

HANOI = timezone(timedelta(hours=7))
PARIS_WINTER = timezone(timedelta(hours=1))
ARTICLE_URL = "https://vnexpress.net/gia-vang-tang-4811.html"
SBV = "https://sbv.gov.vn/"
SJC = "https://sjc.com.vn/gia-vang"


def full_body() -> ArticleBody:
    return ArticleBody(
        url=ARTICLE_URL,
        title="Giá vàng tăng mạnh",
        lead="Giá vàng miếng SJC tăng 2 triệu đồng mỗi lượng.",
        publisher="VnExpress",
        published=datetime(2025, 11, 26, 11, 0, tzinfo=UTC),
        authors=("Ngọc Diệp", "Hoài Thu"),
        comment_count=12,
        blocks=[
            Paragraph(
                (
                    Span("Theo "),
                    Span("Ngân hàng Nhà nước", link=SBV),
                    Span(", giá vàng tăng."),
                )
            ),
            Heading("Diễn biến"),
            Quote((Span("Thị trường biến động mạnh."),)),
            ListBlock(((Span("Vàng miếng"),), (Span("Vàng nhẫn"),))),
            Figure("https://i.vnecdn.net/vang.jpg", "Vàng tại một cửa hàng."),
            Table((("Loại", "Mua", "Bán"), ("SJC", "84,5", "86,5"))),
        ],
        same_author=(Link("Bài khác của Ngọc Diệp", "https://vnexpress.net/khac-1.html"),),
        same_category=(Link("Chứng khoán giảm", "https://vnexpress.net/ck-2.html"),),
    )


def record(renderable: RenderableType, width: int = 80) -> Console:
    console = Console(record=True, width=width, file=io.StringIO())
    console.print(renderable)
    return console


def link_targets(renderable: RenderableType) -> list[str]:
    """Every hyperlink target the renderable offers the terminal."""
    console = Console(width=80, file=io.StringIO())
    return [
        segment.style.link
        for segment in console.render(renderable)
        if segment.style is not None and segment.style.link
    ]


def styles_of(renderable: RenderableType, words: str) -> list[str]:
    """The styles given to the segments that contain ``words``."""
    console = Console(width=80, file=io.StringIO())
    return [
        str(segment.style)
        for segment in console.render(renderable)
        if words in segment.text and segment.style is not None
    ]


def test_a_small_article_reads_as_expected() -> None:
    body = ArticleBody(
        url=ARTICLE_URL,
        title="Giá vàng tăng",
        lead="Tăng 2 triệu đồng.",
        publisher="VnExpress",
        published=datetime(2025, 11, 26, 11, 0, tzinfo=UTC),
        blocks=[
            Paragraph((Span("Theo "), Span("NHNN", link=SBV), Span(", giá tăng."))),
            Heading("Diễn biến"),
            Quote((Span("Cần thận trọng."),)),
            ListBlock(((Span("SJC"),), (Span("Nhẫn"),)), ordered=True),
        ],
    )
    assert render_plain(body, tz=HANOI) == (
        "Giá vàng tăng\n"
        "VnExpress · 26/11/2025 18:00\n"
        "\n"
        "Tăng 2 triệu đồng.\n"
        "\n"
        "Theo NHNN[1], giá tăng.\n"
        "\n"
        "Diễn biến\n"
        "\n"
        "▌ Cần thận trọng.\n"
        "\n"
        "1. SJC\n"
        "2. Nhẫn\n"
        "\n"
        f"Source: {ARTICLE_URL}\n"
        "\n"
        "Links\n"
        f"[1] {SBV}\n"
    )


def test_fields_appear_in_reading_order() -> None:
    text = render_plain(full_body(), tz=HANOI)
    in_order = [
        "Giá vàng tăng mạnh",
        "VnExpress · 26/11/2025 18:00",
        "Giá vàng miếng SJC",
        "Theo Ngân hàng Nhà nước[1]",
        "Diễn biến",
        "▌ Thị trường",
        "• Vàng miếng",
        "[Image] Vàng tại một cửa hàng.",
        "Loại",
        f"Source: {ARTICLE_URL}",
        "Same author",
        "Same category",
        "Links",
    ]
    positions = [text.index(piece) for piece in in_order]
    assert positions == sorted(positions)


def test_title_is_bold_meta_dim_lead_italic_heading_bold() -> None:
    rendered = render_article(full_body(), tz=HANOI)
    assert all("bold" in style for style in styles_of(rendered, "Giá vàng tăng mạnh"))
    assert all("dim" in style for style in styles_of(rendered, "VnExpress ·"))
    assert all("italic" in style for style in styles_of(rendered, "Giá vàng miếng SJC"))
    assert all("bold" in style for style in styles_of(rendered, "Diễn biến"))
    assert all("italic" in style for style in styles_of(rendered, "Thị trường"))


@pytest.mark.parametrize(
    ("language", "tz", "expected"),
    [
        ("vi", HANOI, "VnExpress · 26/11/2025 18:00 · Ngọc Diệp, Hoài Thu · 12 bình luận"),
        (
            "fr",
            PARIS_WINTER,
            "VnExpress · 26/11/2025 12:00 · Ngọc Diệp, Hoài Thu · 12 commentaires",
        ),
        ("en", UTC, "VnExpress · 26/11/2025 11:00 · Ngọc Diệp, Hoài Thu · 12 comments"),
    ],
)
def test_meta_line_in_local_time_and_language(language: str, tz: timezone, expected: str) -> None:
    lines = render_plain(full_body(), labels=Labels.for_language(language), tz=tz).splitlines()
    assert lines[1] == expected


def test_meta_line_counts_one_comment_and_skips_missing_parts() -> None:
    body = ArticleBody(url=ARTICLE_URL, title="T", authors=("", "Hoài Thu"), comment_count=1)
    assert render_plain(body).splitlines()[1] == "Hoài Thu · 1 comment"


def test_links_are_numbered_once_and_listed_at_the_end() -> None:
    body = ArticleBody(
        url=ARTICLE_URL,
        title="T",
        blocks=[
            Paragraph((Span("NHNN", link=SBV), Span(" và "), Span("SJC", link=SJC), Span("."))),
            Paragraph((Span("Lại "), Span("ngân hàng", link=SBV), Span(" nói."))),
        ],
    )
    rendered = render_article(body)
    assert rendered.links == [SBV, SJC]
    text = record(rendered).export_text()
    assert "NHNN[1] và SJC[2]." in text
    assert "Lại ngân hàng[1] nói." in text
    assert text.rstrip().splitlines()[-3:] == ["Links", f"[1] {SBV}", f"[2] {SJC}"]
    assert set(link_targets(rendered)) == {SBV, SJC, ARTICLE_URL}


def test_linked_text_split_over_spans_gets_one_number() -> None:
    spans = (Span("Bộ ", link=SBV), Span("Tài chính", bold=True, link=SBV), Span(" họp."))
    body = ArticleBody(url=ARTICLE_URL, title="T", blocks=[Paragraph(spans)])
    assert "Bộ Tài chính[1] họp." in render_plain(body)


def test_spans_keep_the_spaces_between_them() -> None:
    spans = (Span("Xin chào "), Span("thế giới", bold=True), Span("  !"), Span(" "), Span("Hết"))
    body = ArticleBody(url=ARTICLE_URL, title="T", blocks=[Paragraph(spans)])
    assert "Xin chào thế giới ! Hết" in render_plain(body).splitlines()


def test_relative_link_is_resolved_against_the_article() -> None:
    body = ArticleBody(
        url=ARTICLE_URL, title="T", blocks=[Paragraph((Span("bài trước", link="/truoc-1.html"),))]
    )
    assert render_article(body).links == ["https://vnexpress.net/truoc-1.html"]


@pytest.mark.parametrize(
    "target",
    [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        " java\x00script:alert(1)",
        "\x1b[0mjavascript:alert(1)",
        "data:text/html;base64,PHNjcmlwdD4=",
        "vbscript:msgbox(1)",
        "file:///etc/passwd",
        "http://[::1",
        "javascript://evil.example/%0Aalert(1)",
        "ftp://ftp.example/tep.zip",
    ],
)
def test_a_link_that_is_not_http_is_never_offered(target: str) -> None:
    body = ArticleBody(
        url=ARTICLE_URL,
        title="T",
        blocks=[Paragraph((Span("Bấm "), Span("vào đây", link=target), Span(" nhé.")))],
        same_author=(Link("Bài độc", target),),
    )
    rendered = render_article(body)
    console = record(rendered)
    assert "Bấm vào đây nhé." in console.export_text()
    assert "Bài độc" not in console.export_text()
    assert rendered.links == []
    assert link_targets(rendered) == [ARTICLE_URL]
    html = record(rendered).export_html()
    for scheme in ("javascript", "data:", "vbscript", "file:"):
        assert scheme not in html.lower()


def test_related_lists_continue_the_numbering() -> None:
    other = "https://vnexpress.net/khac-1.html"
    body = ArticleBody(
        url=ARTICLE_URL,
        title="T",
        blocks=[Paragraph((Span("NHNN", link=SBV),))],
        same_author=(Link("Bài khác", other), Link("Lại NHNN", SBV)),
        same_category=(Link("", "https://vnexpress.net/ck-2.html"),),
    )
    rendered = render_article(body, labels=Labels.for_language("vi"))
    assert rendered.links == [SBV, other, "https://vnexpress.net/ck-2.html"]
    lines = record(rendered).export_text().splitlines()
    author = lines.index("Cùng tác giả")
    assert lines[author + 1 : author + 3] == ["[2] Bài khác", "[1] Lại NHNN"]
    category = lines.index("Cùng chuyên mục")
    assert lines[category + 1] == "[3] https://vnexpress.net/ck-2.html"
    assert lines.index("Liên kết") > category


def test_figure_shows_its_caption_then_its_address() -> None:
    body = ArticleBody(
        url=ARTICLE_URL,
        title="T",
        blocks=[
            Figure("https://i.vnecdn.net/vang.jpg", "Vàng tại một cửa hàng."),
            Figure("/anh/2.png"),
            Figure("data:image/gif;base64,R0lGODlhAQABAAAAACw=", "Ảnh lười"),
        ],
    )
    lines = render_plain(body, labels=Labels.for_language("vi")).splitlines()
    first = lines.index("[Ảnh] Vàng tại một cửa hàng.")
    assert lines[first + 1] == "https://i.vnecdn.net/vang.jpg"
    second = lines.index("[Ảnh]")
    assert lines[second + 1] == "https://vnexpress.net/anh/2.png"
    lazy = lines.index("[Ảnh] Ảnh lười")
    assert lines[lazy + 1] == ""
    assert "data:" not in "\n".join(lines)


def test_quote_has_a_bar_on_every_wrapped_line() -> None:
    words = "Thị trường vàng đang biến động rất mạnh, nhà đầu tư cần thận trọng. " * 4
    body = ArticleBody(url=ARTICLE_URL, title="T", blocks=[Quote((Span(words),))])
    lines = render_plain(body).splitlines()
    quote = [line for line in lines if "Thị" in line or "thận" in line]
    assert len(quote) >= 3
    assert all(line.startswith("▌ ") for line in quote)
    assert all(line.startswith("▌") for line in lines[2 : 2 + len(quote)])


def test_list_items_have_markers_and_hanging_indent() -> None:
    long_item = (Span("hai " * 30),)
    numbered = tuple((Span(f"mục {n}"),) for n in range(1, 11))
    body = ArticleBody(
        url=ARTICLE_URL,
        title="T",
        blocks=[
            ListBlock(((Span("một"),), long_item)),
            ListBlock(numbered, ordered=True),
        ],
    )
    lines = render_plain(body).splitlines()
    start = lines.index("• một")
    assert lines[start + 1].startswith("• hai hai")
    assert lines[start + 2].startswith("  hai")
    assert " 1. mục 1" in lines
    assert " 9. mục 9" in lines
    assert "10. mục 10" in lines


def test_table_rows_keep_their_cells_together() -> None:
    body = ArticleBody(
        url=ARTICLE_URL,
        title="T",
        blocks=[Table((("Loại", "Mua", "Bán"), ("SJC", "84,5", "86,5"), ("[b]Nhẫn[/b]",)))],
    )
    lines = render_plain(body).splitlines()
    assert any(line.split() == ["Loại", "Mua", "Bán"] for line in lines)
    assert any(line.split() == ["SJC", "84,5", "86,5"] for line in lines)
    assert any(line.split() == ["[b]Nhẫn[/b]"] for line in lines)


def test_a_table_too_wide_for_the_screen_stays_readable() -> None:
    rows = tuple(tuple(f"ô{row}-{col}" for col in range(30)) for row in range(2))
    body = ArticleBody(url=ARTICLE_URL, title="T", blocks=[Table(rows)])
    text = render_plain(body)
    assert "ô0-29" in text
    assert "ô1-0" in text
    assert max(cell_len(line) for line in text.splitlines()) <= 80


@pytest.mark.parametrize("width", [80, 40])
def test_no_line_is_wider_than_the_screen(width: int) -> None:
    long_url = "https://vnexpress.net/" + "duong-dan-rat-dai-" * 12 + ".html"
    body = ArticleBody(
        url=long_url,
        title="Tiêu đề rất dài " * 10,
        lead="Sapo " * 40,
        publisher="VnExpress",
        published=datetime(2025, 11, 26, 11, 0, tzinfo=UTC),
        authors=tuple(f"Tác giả số {n}" for n in range(8)),
        blocks=[
            Paragraph((Span("chữ" * 60, link=long_url),)),
            Paragraph((Span("越南新闻河内天气晴朗" * 12),)),
            Quote((Span("trích dẫn " * 30),)),
            ListBlock(((Span("mục " * 30),),), ordered=True),
            Figure(long_url, "chú thích " * 20),
        ],
        same_author=(Link("Bài " * 40, long_url + "?2"),),
    )
    for text in (
        render_plain(body, width=width),
        record(render_article(body), width).export_text(),
    ):
        assert max(cell_len(line) for line in text.splitlines()) <= width
    assert "越南新闻" in render_plain(body, width=width)


HOSTILE = (
    "\x1b[31m\x1b]8;;https://evil.example/\x07\x1b]52;c;ZXZpbA==\x07"
    "\x9b2J\x9d0;t\x9c\u202e\x07\x08\x7f\x00\x1bP1$q\x1b\\\x1b]0;x"
)


def hostile_body() -> ArticleBody:
    def h(text: str) -> str:
        return f"{HOSTILE}{text}{HOSTILE}"

    return ArticleBody(
        url=ARTICLE_URL,
        title=h("Tiêu đề"),
        lead=h("Sapo"),
        publisher=h("Báo"),
        published=datetime(2025, 11, 26, 11, 0, tzinfo=UTC),
        authors=(h("Tác giả"),),
        notice=h("Lưu ý"),
        blocks=[
            Paragraph((Span(h("Đoạn")), Span(h("liên kết"), link=h(SBV)))),
            Heading(h("Mục")),
            Quote((Span(h("Trích")),)),
            ListBlock(((Span(h("Điểm")),),)),
            Figure(h("https://i.vnecdn.net/a.jpg"), h("Chú thích")),
            Table(((h("Ô"), h("Cột")),)),
        ],
        source_url=h(SJC),
        same_author=(Link(h("Cùng tác giả"), h("https://vnexpress.net/a.html")),),
        same_category=(Link(h("Cùng mục"), "https://vnexpress.net/b.html"),),
    )


def test_hostile_text_in_every_field_is_made_inert() -> None:
    rendered = render_article(hostile_body())
    exported = record(rendered).export_text(styles=False)
    plain = render_plain(hostile_body())
    for text in (exported, plain):
        assert not UNSAFE.search(text)
        for words in ("Tiêu đề", "Sapo", "Báo", "Tác giả", "Lưu ý", "Đoạn", "liên kết", "Mục"):
            assert words in text
        for words in ("Trích", "Điểm", "Chú thích", "Ô", "Cột", "Cùng tác giả", "Cùng mục"):
            assert words in text
    assert "\x1b" not in plain
    assert "evil.example" not in plain
    # A hostile address stays an inert web address or is dropped; it never carries a control.
    assert len(rendered.links) == 3
    assert rendered.links[-1] == "https://vnexpress.net/b.html"
    for target in link_targets(rendered):
        assert target.startswith(("https://", "http://"))
        assert not UNSAFE.search(target)


def test_markup_lookalikes_and_emoji_codes_stay_literal() -> None:
    body = ArticleBody(
        url=ARTICLE_URL,
        title="[bold red]x[/] :smile:",
        authors=("[link=javascript:alert(1)]A[/link]",),
        blocks=[
            Paragraph((Span("[@click=app.quit]Thoát[/] :thumbs_up:"),)),
            Heading("[reverse]Mục[/reverse]"),
            Table((("[bold]Ô[/bold]", "[italic]Cột[/]"),)),
        ],
        same_author=(Link("[blink]Bài[/]", "https://vnexpress.net/a.html"),),
    )
    rendered = render_article(body)
    for text in (record(rendered).export_text(), render_plain(body)):
        assert "[bold red]x[/] :smile:" in text
        assert "[link=javascript:alert(1)]A[/link]" in text
        assert "[@click=app.quit]Thoát[/] :thumbs_up:" in text
        assert "[reverse]Mục[/reverse]" in text
        assert "[1] [blink]Bài[/]" in text
        assert "[bold]Ô[/bold]" in text
        assert "[italic]Cột[/]" in text
    console = Console(width=80, file=io.StringIO())
    for segment in console.render(rendered):
        assert segment.style is None or not segment.style.meta
        assert segment.style is None or not segment.style.blink
        assert segment.style is None or not segment.style.reverse


def test_plain_output_has_no_escape_codes_even_when_colour_is_forced(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("TTY_COMPATIBLE", "1")
    monkeypatch.setenv("COLUMNS", "200")
    text = render_plain(full_body())
    assert "\x1b" not in text
    assert "Theo Ngân hàng Nhà nước[1], giá vàng tăng." in text
    assert max(cell_len(line) for line in text.splitlines()) <= 80


def test_an_article_with_only_a_title_has_no_empty_sections() -> None:
    body = ArticleBody(url=ARTICLE_URL, title="Chỉ có tiêu đề", blocks=[Paragraph((Span("  "),))])
    assert render_plain(body) == f"Chỉ có tiêu đề\n\nSource: {ARTICLE_URL}\n"


def test_source_prefers_the_declared_source() -> None:
    body = ArticleBody(url=ARTICLE_URL, title="T", source_url=SJC)
    assert f"Nguồn: {SJC}" in render_plain(body, labels=Labels.for_language("vi"))


@pytest.mark.parametrize(
    ("language", "same_author", "comments"),
    [
        ("vi", "Cùng tác giả", "bình luận"),
        ("vi-VN", "Cùng tác giả", "bình luận"),
        ("fr_FR", "Même auteur", "commentaires"),
        ("FR", "Même auteur", "commentaires"),
        ("en-GB", "Same author", "comments"),
        ("de", "Same author", "comments"),
        ("", "Same author", "comments"),
    ],
)
def test_labels_for_language(language: str, same_author: str, comments: str) -> None:
    labels = Labels.for_language(language)
    assert labels.same_author == same_author
    assert labels.comments == comments


def test_french_labels() -> None:
    labels = Labels.for_language("fr")
    assert (labels.same_category, labels.links, labels.source, labels.image) == (
        "Même catégorie",
        "Liens",
        "Source",
        "Image",
    )


@pytest.mark.parametrize(
    ("seconds", "expected"),
    [
        (-30, "now"),
        (0, "now"),
        (59.9, "now"),
        (60, "1 min"),
        (5 * 60 + 59, "5 min"),
        (3599, "59 min"),
        (2 * 3600, "2 h"),
        (86_399, "23 h"),
        (3 * 86_400, "3 d"),
        (float("nan"), "now"),
    ],
)
def test_format_age(seconds: float, expected: str) -> None:
    assert format_age(seconds) == expected


NOW = datetime(2025, 11, 26, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (NOW - timedelta(hours=2), "2 h"),
        (NOW - timedelta(minutes=5), "5 min"),
        (NOW + timedelta(minutes=2), "now"),
        (NOW - timedelta(hours=26), "25/11/2025 17:00"),
        (NOW + timedelta(days=2), "28/11/2025 19:00"),
        (datetime(2025, 11, 20, 11, 0), "20/11/2025 18:00"),
    ],
)
def test_format_when(moment: datetime, expected: str) -> None:
    assert format_when(moment, now=NOW, tz=HANOI) == expected


def test_format_datetime_in_local_time() -> None:
    moment = datetime(2025, 11, 26, 23, 30, tzinfo=UTC)
    assert format_datetime(moment, HANOI) == "27/11/2025 06:30"
    assert format_datetime(moment, PARIS_WINTER) == "27/11/2025 00:30"
