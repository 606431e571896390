"""Deterministic Vietnamese news for the benchmarks: feeds, article pages and search libraries.

Everything is drawn from a random generator seeded per feed and per item, so item ``k`` of
feed ``f`` is the same text on every run and in every version of its feed. Only the dates
move: they are placed before ``anchor`` (by default the start of today, +0700) so that
nothing looks old enough to be pruned nor lies in the future.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from email.utils import format_datetime
from html import escape
from xml.sax.saxutils import escape as xml_escape

from tui.models import Article

SEED = 2025
ICT = timezone(timedelta(hours=7))
ITEM_STEP = timedelta(minutes=20)
"""Time between two items of one feed."""
FEED_STEP = timedelta(seconds=13)
"""Feed ``f`` publishes ``f`` steps earlier than feed 0, so feed 0's newest item is the newest."""
SPAN = timedelta(days=8)
PARAGRAPHS_PER_PAGE = 26
COMMENTS_PER_PAGE = 12

PUBLISHERS = (
    ("Tin Nhanh Việt", "tinnhanh"),
    ("Báo Sông Hồng", "songhong"),
    ("Thời báo Phương Nam", "phuongnam"),
    ("Nhịp Sống Mới", "nhipsong"),
    ("Tiếng Nói Miền Trung", "mientrung"),
    ("Người Lao Động Số", "laodongso"),
    ("Cổng Tin Mê Kông", "mekong"),
)
SECTIONS = (
    ("Thời sự", "thoi-su"),
    ("Thế giới", "the-gioi"),
    ("Kinh doanh", "kinh-doanh"),
    ("Bất động sản", "bat-dong-san"),
    ("Khoa học", "khoa-hoc"),
    ("Giải trí", "giai-tri"),
    ("Thể thao", "the-thao"),
    ("Pháp luật", "phap-luat"),
    ("Giáo dục", "giao-duc"),
    ("Sức khỏe", "suc-khoe"),
    ("Đời sống", "doi-song"),
    ("Du lịch", "du-lich"),
    ("Số hóa", "so-hoa"),
    ("Xe", "oto-xe-may"),
)
PLACES = (
    "Hà Nội", "TP HCM", "Đà Nẵng", "Hải Phòng", "Cần Thơ", "Huế", "Nha Trang", "Đà Lạt",
    "Quảng Ninh", "Nghệ An", "Bình Dương", "Đồng Nai", "Khánh Hòa", "Lâm Đồng", "Kiên Giang",
    "Thanh Hóa", "Quảng Nam", "Bắc Ninh", "Long An", "Đắk Lắk", "Phú Quốc", "Sa Pa",
)  # fmt: skip
SUBJECTS = (
    "Bộ Y tế", "Ngân hàng Nhà nước", "Sở Giáo dục và Đào tạo", "UBND thành phố",
    "Tổng cục Thống kê", "Bộ Giao thông Vận tải", "Công an tỉnh", "Hiệp hội doanh nghiệp",
    "nông dân", "học sinh lớp 12", "các ngân hàng thương mại", "người lao động",
    "Bộ Tài chính", "Sở Xây dựng", "Quốc hội", "Tập đoàn Điện lực", "các trường đại học",
    "Cục Hàng không", "Sở Du lịch", "tiểu thương chợ Bến Thành",
)  # fmt: skip
VERBS = (
    "đề xuất", "công bố", "mở rộng", "khởi công", "thí điểm", "kiểm tra", "hỗ trợ",
    "tạm dừng", "lắp đặt", "xây dựng", "điều chỉnh", "đầu tư", "nâng cấp", "siết chặt",
    "phê duyệt", "hoàn thành", "đẩy nhanh", "giảm", "tăng", "cấm",
)  # fmt: skip
OBJECTS = (
    "tuyến buýt điện", "trạm đo mặn tự động", "giá vàng nhẫn", "cao tốc Bắc - Nam",
    "sân bay Long Thành", "học phí đại học", "bảo hiểm y tế", "camera giám sát giao thông",
    "nhà ở xã hội", "điện mặt trời mái nhà", "tuyến metro số 1", "giá xăng dầu",
    "thuế thu nhập cá nhân", "lãi suất cho vay", "vắc xin sởi", "đường Vành đai 3",
    "cảng biển nước sâu", "xuất khẩu gạo", "giá cà phê", "thẻ căn cước", "ví điện tử",
    "làn đường riêng cho xe đạp", "công viên ven sông", "bệnh viện vệ tinh", "kỳ thi tốt nghiệp",
)  # fmt: skip
NUMBERS = ("12", "40", "300", "1.800", "5.000", "2 triệu", "15%", "3 nghìn tỷ đồng", "hai", "ba")
TIMES = (
    "từ ngày 1/12", "trong quý I/2026", "trước mùa khô", "sau Tết Nguyên đán", "cuối tuần này",
    "trong năm tới", "từ đầu tháng", "giờ cao điểm chiều nay", "trước ngày 31/12",
)  # fmt: skip
CLAUSES = (
    "người dân ở các khu đô thị mới có thêm lựa chọn đi lại",
    "chi phí dự kiến được chia theo từng hạng mục và công khai trên cổng thông tin",
    "lực lượng chức năng sẽ giải tỏa nhanh hơn, tránh ùn tắc kéo dài",
    "doanh nghiệp được hướng dẫn thủ tục trực tuyến, không phải nộp hồ sơ giấy",
    "số liệu được cập nhật mỗi 15 phút và chia sẻ cho các địa phương lân cận",
    "giá bán lẻ vẫn ổn định, chênh lệch mua bán ở mức thấp",
    "các chuyên gia cho rằng cần thêm thời gian để đánh giá hiệu quả",
    "phụ huynh và học sinh có thể tra cứu kết quả qua ứng dụng",
    "mức hỗ trợ cao nhất lên tới 50 triệu đồng mỗi hộ",
    "theo báo cáo gửi Hội đồng nhân dân, số vụ vi phạm giảm khoảng 15%",
)  # fmt: skip
CONNECTORS = (
    "Theo đó,",
    "Trong khi đó,",
    "Ngoài ra,",
    "Ông cho biết",
    "Bà nói",
    "Trước đó,",
    "Hiện",
)
AUTHORS = (
    "Ngọc Diệp", "Minh Châu", "Quang Huy", "Thanh Tâm", "Đức Anh", "Hoài Thu", "Lê Hoàng",
    "Phạm Dự", "Bảo Ngọc", "Trần Quang", "Hải Yến", "Việt Đức", "Đoàn Loan", "Gia Minh",
)  # fmt: skip
COMMENTERS = ("Trần Quang", "Nguyễn Lan", "Phước Thịnh", "Hồng Nhung", "Đặng Khoa", "Mai Anh")
MENU = (
    "Mới nhất", "Thời sự", "Góc nhìn", "Thế giới", "Video", "Podcasts", "Kinh doanh",
    "Bất động sản", "Khoa học", "Giải trí", "Thể thao", "Pháp luật", "Giáo dục", "Sức khỏe",
)  # fmt: skip
TAGS = (
    "Giao thông", "Giá vàng", "Môi trường", "Y tế", "Đô thị", "Tuyển sinh", "Chứng khoán",
    "Năng lượng", "Nông nghiệp", "Hàng không", "Bóng đá", "Công nghệ",
)  # fmt: skip
_ITEM_PATH = re.compile(r"/bai-(\d{3})-(\d{5})\.html$")
DATE_STYLES = ("rfc822", "rfc822-no-day", "iso", "rfc822-gmt")


@dataclass(frozen=True, slots=True)
class Item:
    """One article of the generated news: item ``number`` of feed ``feed``."""

    feed: int
    number: int
    title: str
    lead: str
    authors: tuple[str, ...]
    categories: tuple[str, ...]
    published: datetime
    path: str
    image: str
    comments: int


def start_of_today() -> datetime:
    now = datetime.now(ICT)
    return now.replace(hour=0, minute=0, second=0, microsecond=0)


def feed_title(feed: int) -> str:
    publisher, _ = PUBLISHERS[feed % len(PUBLISHERS)]
    section, _ = SECTIONS[feed // len(PUBLISHERS) % len(SECTIONS)]
    rounds = feed // (len(PUBLISHERS) * len(SECTIONS))
    return f"{publisher} - {section}" + (f" {rounds + 1}" if rounds else "")


def feed_path(feed: int) -> str:
    return f"/rss/feed-{feed:03d}.rss"


def locate(url: str) -> tuple[int, int]:
    """The feed and item numbers of a generated article's URL."""
    match = _ITEM_PATH.search(url)
    if match is None:
        raise ValueError(f"not a generated article: {url}")
    return int(match[1]), int(match[2])


def item(feed: int, number: int, anchor: datetime | None = None) -> Item:
    """Item ``number`` (0 is the oldest) of feed ``feed``: the same text on every call."""
    rng = random.Random(f"{SEED}:{feed}:{number}")
    place, subject, obj = rng.choice(PLACES), rng.choice(SUBJECTS), rng.choice(OBJECTS)
    title = rng.choice(
        (
            f"{place} {rng.choice(VERBS)} {rng.choice(NUMBERS)} {obj}",
            f"{subject} {rng.choice(VERBS)} {obj} {rng.choice(TIMES)}",
            f"{obj.capitalize()} ở {place} {rng.choice(VERBS)} {rng.choice(TIMES)}",
        )
    )
    title = f"{title[0].upper()}{title[1:]} (số {feed * 1000 + number})"
    lead = f"{subject} {rng.choice(VERBS)} {obj} tại {place} {rng.choice(TIMES)}, "
    lead += f"{rng.choice(CLAUSES)}."
    _, section_slug = SECTIONS[feed // len(PUBLISHERS) % len(SECTIONS)]
    published = (anchor or start_of_today()) - SPAN + number * ITEM_STEP - feed * FEED_STEP
    authors = tuple(rng.sample(AUTHORS, rng.choice((1, 1, 1, 2))))
    section, _ = SECTIONS[feed // len(PUBLISHERS) % len(SECTIONS)]
    return Item(
        feed=feed,
        number=number,
        title=title,
        lead=lead[0].upper() + lead[1:],
        authors=authors,
        categories=(section, rng.choice(TAGS)),
        published=published,
        path=f"/{section_slug}/bai-{feed:03d}-{number:05d}.html",
        image=f"/i/{feed:03d}/{number:05d}.jpg",
        comments=rng.randrange(0, 200),
    )


# -- feeds -------------------------------------------------------------------


def feed_xml(
    feed: int, items: int, base_url: str, *, newer: int = 0, anchor: datetime | None = None
) -> bytes:
    """RSS 2.0 of feed ``feed``: its ``items`` newest items; ``newer`` moves it on by that many.

    Feeds differ the way real ones do: CDATA or escaped HTML descriptions in VnExpress
    style (``<a><img></a></br>lead``), one of several +0700 date styles, and for some an
    author, categories, a comment count, an enclosure or ``content:encoded``.
    """
    rng = random.Random(f"{SEED}:{feed}")
    style = DATE_STYLES[feed % len(DATE_STYLES)]
    cdata = feed % 3 != 0
    encoded = feed % 5 == 0
    with_authors = feed % 2 == 0
    title = feed_title(feed)
    site = f"{base_url}/"
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        'xmlns:slash="http://purl.org/rss/1.0/modules/slash/" '
        'xmlns:atom="http://www.w3.org/2005/Atom">\n<channel>\n'
        f"<title>{xml_escape(title)}</title>\n<link>{site}</link>\n"
        f"<description>{xml_escape(title)}: tin tức cập nhật liên tục</description>\n"
        "<language>vi</language>\n"
        f'<atom:link href="{base_url}{feed_path(feed)}" rel="self" type="application/rss+xml"/>\n'
        f"<generator>{xml_escape(title.split(' - ')[0])}</generator>\n"
    ]
    newest = items - 1 + newer
    for number in range(newest, newest - items, -1):
        entry = item(feed, number, anchor)
        url = base_url + entry.path
        lead = escape(entry.lead, quote=False)
        description = f'<a href="{url}"><img src="{base_url}{entry.image}" ></a></br>{lead}'
        parts.append("<item>\n")
        parts.append(f"<title>{xml_escape(entry.title)}</title>\n")
        if cdata:
            parts.append(f"<description><![CDATA[{description}]]></description>\n")
        else:
            parts.append(f"<description>{xml_escape(description)}</description>\n")
        parts.append(f"<pubDate>{_date(entry.published, style)}</pubDate>\n")
        parts.append(f"<link>{url}</link>\n<guid>{url}</guid>\n")
        if with_authors:
            parts.append(f"<dc:creator>{xml_escape(' và '.join(entry.authors))}</dc:creator>\n")
            parts.extend(f"<category>{xml_escape(name)}</category>\n" for name in entry.categories)
            parts.append(f"<slash:comments>{entry.comments}</slash:comments>\n")
        else:
            parts.append(
                f'<enclosure type="image/jpeg" length="1200" url="{base_url}{entry.image}"/>\n'
            )
        if encoded:
            body = "".join(f"<p>{escape(_sentence(rng), quote=False)}</p>" for _ in range(3))
            parts.append(f"<content:encoded><![CDATA[{body}]]></content:encoded>\n")
        parts.append("</item>\n")
    parts.append("</channel>\n</rss>\n")
    return "".join(parts).encode("utf-8")


def _date(moment: datetime, style: str) -> str:
    local = moment.astimezone(ICT)
    if style == "iso":
        return local.isoformat(timespec="seconds")
    rfc = format_datetime(local)  # "Wed, 26 Nov 2025 18:00:00 +0700"
    if style == "rfc822-no-day":
        return rfc.split(", ", 1)[1]
    if style == "rfc822-gmt":
        return rfc.replace("+0700", "GMT+7")
    return rfc


# -- article pages -----------------------------------------------------------


def _sentence(rng: random.Random) -> str:
    words = [
        rng.choice(CONNECTORS),
        rng.choice(SUBJECTS),
        rng.choice(VERBS),
        rng.choice(OBJECTS),
        "tại",
        rng.choice(PLACES),
        rng.choice(TIMES) + ",",
        rng.choice(CLAUSES),
    ]
    return " ".join(words) + "."


def _paragraph(rng: random.Random) -> str:
    return " ".join(_sentence(rng) for _ in range(rng.randint(3, 4)))


def article_page(feed: int, number: int, anchor: datetime | None = None) -> bytes:
    """A full article page of about 3,000 words, with menus, related boxes, comments, footer."""
    entry = item(feed, number, anchor)
    rng = random.Random(f"{SEED}:page:{feed}:{number}")
    publisher, _ = PUBLISHERS[feed % len(PUBLISHERS)]
    section, section_slug = SECTIONS[feed // len(PUBLISHERS) % len(SECTIONS)]
    title, lead = escape(entry.title), escape(entry.lead)
    iso = entry.published.isoformat(timespec="seconds")
    menu = "".join(f'<li><a href="/{i}">{escape(name)}</a></li>' for i, name in enumerate(MENU))
    related = [item(feed, max(0, number - offset), anchor) for offset in (1, 2, 3, 5, 8)]
    related_box = "".join(f'<li><a href="{r.path}">{escape(r.title)}</a></li>' for r in related[:3])
    same_author = "".join(f'<li><a href="{r.path}">{escape(r.title)}</a></li>' for r in related[2:])
    body: list[str] = []
    for index in range(PARAGRAPHS_PER_PAGE):
        if index == 8:
            body.append(
                f'<figure class="tplCaption"><img src="{entry.image}" alt="{title}">'
                f"<figcaption><p>{escape(rng.choice(CLAUSES))}. "
                f"Ảnh: {escape(rng.choice(AUTHORS))}</p>"
                "</figcaption></figure>"
            )
        if index == 12:
            body.append(
                f'<div class="box-tinlienquanv2"><h3>Tin liên quan</h3><ul>{related_box}</ul></div>'
            )
        if index in (10, 20):
            body.append(
                f"<h2>{escape(rng.choice(OBJECTS).capitalize())} {escape(rng.choice(TIMES))}</h2>"
            )
        body.append(f'<p class="Normal">{escape(_paragraph(rng))}</p>')
    body.append(
        f'<p class="Normal author_mail"><strong>{escape(", ".join(entry.authors))}</strong></p>'
    )
    comments = "".join(
        f'<div class="comment_item"><p class="full_content">'
        f"<b>{escape(rng.choice(COMMENTERS))}</b> {escape(_sentence(rng))}</p>"
        f'<span class="time">{rng.randint(1, 59)} phút trước</span></div>'
        for _ in range(COMMENTS_PER_PAGE)
    )
    page = f"""<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<title>{title} - {escape(publisher)}</title>
<meta name="description" content="{lead}">
<meta property="og:site_name" content="{escape(publisher)}">
<meta property="og:title" content="{title}">
<meta property="og:description" content="{lead}">
<meta property="article:published_time" content="{iso}">
<meta property="article:section" content="{escape(section)}">
<meta name="author" content="{escape(", ".join(entry.authors))}">
<script>var PageInfo = {{"id": {feed * 100000 + number}, "category": "{section_slug}"}};</script>
<style>.fck_detail p {{ margin: 0 0 1em; }}</style>
</head>
<body>
<header class="header"><a class="logo" href="/">{escape(publisher)}</a>
<nav class="main-nav"><ul>{menu}</ul></nav></header>
<section class="page-detail"><div class="sidebar-1">
<ul class="breadcrumb"><li><a href="/{section_slug}">{escape(section)}</a></li></ul>
<span class="date">{entry.published.astimezone(ICT).strftime("%d/%m/%Y, %H:%M")} (GMT+7)</span>
<h1 class="title-detail">{title}</h1>
<p class="description">{lead}</p>
<article class="fck_detail">
{"".join(body)}
</article>
<div class="social_share"><a href="https://www.facebook.com/sharer.php">Chia sẻ Facebook</a>
<a href="#" class="copy_link">Sao chép liên kết</a></div>
<div class="box-cung-tac-gia"><h3>Cùng tác giả</h3><ul>{same_author}</ul></div>
<div class="box_comment_vne"><h3>{COMMENTS_PER_PAGE} bình luận</h3>{comments}</div>
</div>
<aside class="sidebar-2"><h3>Xem nhiều</h3><ul>{related_box}</ul></aside>
</section>
<footer class="footer"><nav><ul>{menu}</ul></nav>
<p>© {escape(publisher)}. Giấy phép số 548/GP-BTTTT. Liên hệ quảng cáo: 0912 345 678.</p></footer>
</body>
</html>
"""
    return page.encode("utf-8")


# -- search libraries --------------------------------------------------------


def library_articles(
    count: int, feeds: int = 100, anchor: datetime | None = None
) -> Iterator[Article]:
    """``count`` distinct articles spread over ``feeds`` feeds, as the library would record them."""
    anchor = anchor or start_of_today()
    for index in range(count):
        feed, number = index % feeds, index // feeds
        entry = item(feed, number, anchor)
        url = f"https://{PUBLISHERS[feed % len(PUBLISHERS)][1]}.example{entry.path}"
        yield Article(
            id=url,
            url=url,
            title=entry.title,
            summary=entry.lead,
            published=entry.published.astimezone(UTC),
            authors=entry.authors,
            categories=entry.categories,
            publisher=feed_title(feed),
            comment_count=entry.comments,
            feed_url=f"https://{PUBLISHERS[feed % len(PUBLISHERS)][1]}.example{feed_path(feed)}",
        )


def newest_title(anchor: datetime | None = None, items: int = 50) -> str:
    """The title of the newest item of all feeds (feed 0's first), the one a list shows on top."""
    return item(0, items - 1, anchor).title
