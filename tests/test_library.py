"""The library database, on real SQLite files: state, author index, search, retention, recovery."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import textwrap
import threading
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from tui import paths
from tui.library import Library, LibraryError, body_from_dict
from tui.library.schema import MIGRATIONS
from tui.models import (
    Article,
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

FEED = "https://vnexpress.net/rss/thoi-su.rss"
OTHER_FEED = "https://e.vnexpress.net/rss/news.rss"


def make_article(number: int, feed_url: str = FEED, **fields: Any) -> Article:
    article = Article(
        id=f"{feed_url}#{number}",
        url=f"https://example.test/{number}.html",
        title=f"Article {number}",
        feed_url=feed_url,
        published=datetime(2024, 5, 1, tzinfo=UTC) + timedelta(hours=number),
    )
    return replace(article, **fields)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "library.sqlite3"


@pytest.fixture
def library(db: Path) -> Iterator[Library]:
    with Library(db) as opened:
        yield opened


def test_default_file_is_in_the_user_data_directory() -> None:
    with Library() as library:
        library.record_articles([make_article(1)])
    assert (paths.data_dir() / "library.sqlite3").is_file()


def test_read_and_starred_survive_a_restart(db: Path) -> None:
    with Library(db) as library:
        assert library.record_articles(make_article(n) for n in range(3)) == 3
        assert library.set_read(f"{FEED}#0", True)
        assert library.toggle_star(f"{FEED}#1") is True

    with Library(db) as library:
        states = library.states([f"{FEED}#{n}" for n in range(3)])
        assert [(s.read, s.starred) for s in states.values()] == [
            (True, False),
            (False, True),
            (False, False),
        ]
        assert [a.id for a in library.starred()] == [f"{FEED}#1"]
        assert [a.id for a in library.unread()] == [f"{FEED}#2", f"{FEED}#1"]
        assert library.toggle_star(f"{FEED}#1") is False
        assert library.starred() == []


def test_an_article_seen_again_is_not_new_and_keeps_its_state(library: Library) -> None:
    library.record_articles([make_article(1, summary="Old summary")])
    library.set_read(f"{FEED}#1", True)

    assert library.record_articles([make_article(1, title="Corrected title", summary="")]) == 0

    article = library.article(f"{FEED}#1")
    assert article is not None
    assert (article.title, article.summary) == ("Corrected title", "Old summary")
    assert library.states([article.id])[article.id].read
    assert [hit.article.id for hit in library.search("corrected")] == [article.id]


def test_article_round_trip_keeps_every_field(library: Library) -> None:
    original = make_article(
        7,
        summary="Tóm tắt",
        authors=("Ngọc Diệp", "Minh Anh"),
        categories=("Thời sự",),
        publisher="VnExpress",
        thumbnail="https://example.test/7.jpg",
        comment_count=12,
        published=datetime(2024, 5, 1, 9, 30, tzinfo=timezone(timedelta(hours=7))),
    )
    library.record_articles([original])
    assert library.article(original.id) == original
    assert library.article("unknown") is None


def test_articles_are_newest_first_with_undated_last(library: Library) -> None:
    library.record_articles(
        [
            make_article(1),
            make_article(2, published=None),
            make_article(3),
            make_article(4, feed_url=OTHER_FEED),
        ]
    )
    assert [a.title for a in library.articles(FEED)] == ["Article 3", "Article 1", "Article 2"]
    assert [a.title for a in library.articles()][:2] == ["Article 4", "Article 3"]
    assert len(library.articles(limit=2)) == 2


def test_mark_feed_read_and_undo_restores_exactly_the_unread_ones(library: Library) -> None:
    library.record_articles(make_article(n) for n in range(4))
    library.record_articles([make_article(9, feed_url=OTHER_FEED)])
    library.set_read(f"{FEED}#0", True)
    assert library.unread_counts() == {FEED: 3, OTHER_FEED: 1}

    mark = library.mark_feed_read(FEED)
    assert sorted(mark.ids) == [f"{FEED}#{n}" for n in (1, 2, 3)]
    assert library.unread_count(FEED) == 0
    assert library.unread_counts() == {OTHER_FEED: 1}

    assert library.undo(mark) == 3
    assert library.unread_count(FEED) == 3
    assert library.states([f"{FEED}#0"])[f"{FEED}#0"].read, "was read before: stays read"
    assert library.unread_count(OTHER_FEED) == 1


def test_unknown_articles(library: Library) -> None:
    assert library.set_read("nope", True) is False
    with pytest.raises(LibraryError, match="not seen"):
        library.toggle_star("nope")


def test_by_author_matches_across_diacritics_case_spacing_and_feeds(library: Library) -> None:
    library.record_articles(
        [
            make_article(1, authors=("Ngọc Diệp",), categories=("Thời sự",)),
            make_article(2, feed_url=OTHER_FEED, authors=("NGOC  DIEP",), categories=("thoi su",)),
            make_article(3, authors=("Đức Anh",)),
            make_article(4, authors=("Ngọc Điệp",)),
        ]
    )
    by_author = library.by_author("Ngọc Diệp")
    assert [a.title for a in by_author] == ["Article 4", "Article 2", "Article 1"]
    assert by_author[1].authors == ("NGOC  DIEP",), "the name is shown as the feed wrote it"
    assert [a.title for a in library.by_author("duc anh")] == ["Article 3"]
    assert [a.title for a in library.by_category("THỜI SỰ")] == ["Article 2", "Article 1"]
    assert library.by_author("Ngọc") == []


def test_a_later_sighting_adds_authors_and_keeps_categories(library: Library) -> None:
    library.record_articles([make_article(1, categories=("Kinh doanh",))])
    library.record_articles([make_article(1, authors=("Minh Anh",))])
    assert [a.title for a in library.by_author("minh anh")] == ["Article 1"]
    assert [a.title for a in library.by_category("kinh doanh")] == ["Article 1"]
    assert [hit.article.title for hit in library.search("minh anh")] == ["Article 1"]


def seed_vietnamese(library: Library) -> None:
    library.record_articles(
        [
            make_article(1, title="Mưa lớn ở Hà Nội", summary="Nhiều tuyến phố ngập sâu."),
            make_article(2, title="Đà Nẵng đón khách", summary="Du lịch hồi phục."),
            make_article(3, title="Weather in Da Nang", summary="Sunny days ahead."),
            make_article(
                4, title="Giá vàng hôm nay", summary="Vàng tăng nhẹ.", authors=("Đỗ Đạt",)
            ),
            make_article(5, title="Le café à l'œuf", summary="Une mousse d'œuf battu."),
        ]
    )


@pytest.mark.parametrize(
    ("query", "titles"),
    [
        ("ha noi", {"Mưa lớn ở Hà Nội"}),
        ("HÀ NỘI", {"Mưa lớn ở Hà Nội"}),
        ("da nang", {"Đà Nẵng đón khách", "Weather in Da Nang"}),
        ("Đà Nẵng", {"Đà Nẵng đón khách", "Weather in Da Nang"}),
        ("do dat", {"Giá vàng hôm nay"}),
        ("vang", {"Giá vàng hôm nay"}),
        ("ha no", {"Mưa lớn ở Hà Nội"}),
        ("cafe oeuf", {"Le café à l'œuf"}),
    ],
)
def test_search_ignores_diacritics_and_d_stroke(
    library: Library, query: str, titles: set[str]
) -> None:
    seed_vietnamese(library)
    assert {hit.article.title for hit in library.search(query)} == titles


def test_search_snippet_highlights_the_original_words(library: Library) -> None:
    seed_vietnamese(library)
    library.record_articles(
        [make_article(5, title="Tin sáng", summary="Giao thông ở Đà Nẵng và Hà Nội hôm nay.")]
    )
    [hit] = library.search("da nang ha noi")
    assert hit.snippet == "Giao thông ở Đà Nẵng và Hà Nội hôm nay."
    assert [hit.snippet[start:end] for start, end in hit.spans] == ["Đà", "Nẵng", "Hà", "Nội"]


def test_search_snippet_of_a_long_body_is_cut_around_the_match(library: Library) -> None:
    library.record_articles([make_article(1, title="Báo cáo")])
    filler = "Một câu không liên quan. " * 40
    library.save_body(
        ArticleBody(
            url="https://example.test/1.html",
            title="Báo cáo",
            blocks=[Paragraph((Span(filler + "Cầu Rồng ở Đà Nẵng phun lửa.\n" + filler),))],
        )
    )
    [hit] = library.search("cau rong")
    assert hit.snippet.startswith("…") and hit.snippet.endswith("…")
    assert len(hit.snippet) <= 162 and "\n" not in hit.snippet
    highlighted = [hit.snippet[start:end] for start, end in hit.spans]
    assert "Cầu Rồng ở Đà Nẵng" in hit.snippet, "the window is where both words meet"
    assert "Rồng" in highlighted
    assert set(highlighted) == {"câu", "Cầu", "Rồng"}, "câu is cau without accents: a match"


@pytest.mark.parametrize(
    "query",
    [
        "c++",
        "AND",
        "OR NOT",
        '"',
        'say "hi',
        "(",
        "a) OR (b",
        "-",
        "-vàng",
        "NEAR(a b)",
        "title:mưa",
        "*",
        "^giá",
        "{title summary}: x",
        "",
        "   ",
        "\x00\x1b[31m",
        "[bold]x[/]",
    ],
)
def test_hostile_queries_never_raise(library: Library, query: str) -> None:
    seed_vietnamese(library)
    assert isinstance(library.search(query), list)


def test_syntax_words_are_searched_as_plain_words(library: Library) -> None:
    library.record_articles(
        [
            make_article(1, title="Learning C++ in 2024"),
            make_article(2, title="Cats and dogs"),
            make_article(3, title="Chú mèo"),
        ]
    )
    assert [hit.article.title for hit in library.search("c++")] == ["Learning C++ in 2024"]
    assert [hit.article.title for hit in library.search("AND")] == ["Cats and dogs"]
    assert [hit.article.title for hit in library.search('"cats" (dogs)')] == ["Cats and dogs"]


def test_a_title_match_ranks_above_a_body_match(library: Library) -> None:
    library.record_articles(
        [
            make_article(1, title="Lịch thi đấu bóng đá", summary="Cập nhật hôm nay."),
            make_article(2, title="Thể thao cuối tuần", summary="Tin nhanh."),
        ]
    )
    library.save_body(
        ArticleBody(
            url="https://example.test/2.html",
            title="Thể thao cuối tuần",
            blocks=[Paragraph((Span("Bóng đá, bóng đá và bóng đá."),))],
        )
    )
    assert [hit.article.id for hit in library.search("bong da")] == [f"{FEED}#1", f"{FEED}#2"]


def test_saved_body_reads_back_after_a_restart(db: Path) -> None:
    body = ArticleBody(
        url="https://example.test/1.html",
        title="Hà Nội mùa thu",
        lead="Lời dẫn.",
        publisher="VnExpress",
        published=datetime(2024, 9, 1, 8, 0, tzinfo=UTC),
        authors=("Ngọc Diệp",),
        categories=("Du lịch",),
        blocks=[
            Paragraph(
                (Span("Xem "), Span("bản đồ", link="https://example.test/map"), Span(" nhé."))
            ),
            Heading("Phố cổ", level=3),
            Quote((Span("Một câu trích."),)),
            ListBlock(((Span("Một"),), (Span("Hai"),)), ordered=True),
            Figure("https://example.test/a.jpg", caption="Hồ Gươm"),
            Table((("Năm", "Khách"), ("2024", "1000"))),
        ],
        source_url="https://example.test/canonical.html",
        comment_count=4,
        same_author=(Link("Bài khác", "https://example.test/2.html"),),
        same_category=(Link("Cùng mục", "https://example.test/3.html"),),
    )
    with Library(db) as library:
        library.record_articles([make_article(1)])
        library.save_body(body)

    with Library(db) as library:
        restored = library.body(body.url)
        assert restored == body
        assert library.body("https://example.test/missing.html") is None
        [hit] = library.search("ho guom")
        assert hit.article.id == f"{FEED}#1"
        assert [hit.snippet[s:e] for s, e in hit.spans] == ["Hồ", "Gươm"]


def test_body_from_dict_tolerates_missing_and_odd_fields() -> None:
    body = body_from_dict(
        {
            "url": "https://example.test/x",
            "published": "not a date",
            "body": [{"type": "mystery", "text": "Giữ lại"}, "junk", {"type": "paragraph"}],
            "same_author": [{"title": "no url"}],
        }
    )
    assert body.published is None
    assert body.blocks == [Paragraph((Span("Giữ lại"),))]
    assert body.same_author == ()


def test_prune_forgets_old_articles_but_never_starred_ones(library: Library) -> None:
    library.record_articles(make_article(n, summary="Hà Nội") for n in range(3))
    library.set_read(f"{FEED}#0", True)
    library.toggle_star(f"{FEED}#1")
    library.save_body(ArticleBody(url="https://example.test/2.html", title="Article 2"))

    assert library.prune(90) == 0, "nothing is old yet"
    later = datetime.now(UTC) + timedelta(days=91)
    assert library.prune(90, now=later) == 2

    assert [a.id for a in library.articles()] == [f"{FEED}#1"]
    assert [hit.article.id for hit in library.search("ha noi")] == [f"{FEED}#1"]
    assert library.body("https://example.test/2.html") is None
    assert library.unread_counts() == {FEED: 1}


def test_prune_keeps_an_old_article_first_seen_recently(library: Library) -> None:
    library.record_articles([make_article(1, published=datetime(2020, 1, 1, tzinfo=UTC))])
    library.set_read(f"{FEED}#1", True)
    assert library.prune(90) == 0
    assert library.states([f"{FEED}#1"])[f"{FEED}#1"].read


def test_a_file_of_garbage_is_moved_aside_and_replaced(db: Path) -> None:
    db.write_bytes(b"this is not a database at all " * 200)

    with Library(db) as library:
        assert len(library.warnings) == 1 and "damaged" in library.warnings[0]
        assert library.record_articles([make_article(1)]) == 1

    [aside] = db.parent.glob("library.sqlite3.corrupt-*")
    assert aside.read_bytes().startswith(b"this is not a database")
    with Library(db) as library:
        assert library.warnings == []
        assert len(library.articles()) == 1


def test_a_malformed_database_is_moved_aside_and_replaced(db: Path) -> None:
    with Library(db) as library:
        long_text = "Nội dung bài báo rất dài. " * 50
        library.record_articles(make_article(n, summary=long_text) for n in range(200))
    data = bytearray(db.read_bytes())
    page = 4096
    assert len(data) > 20 * page
    data[3 * page : 12 * page] = bytes(range(256)) * (9 * page // 256)
    db.write_bytes(bytes(data))

    with Library(db) as library:
        assert library.warnings and "moved to library.sqlite3.corrupt-" in library.warnings[0]
        assert library.articles() == []
        library.record_articles([make_article(1)])
        assert library.search("article")[0].article.id == f"{FEED}#1"
    assert len(list(db.parent.glob("library.sqlite3.corrupt-*"))) == 1


def test_a_database_from_a_newer_vnnews_is_refused(db: Path) -> None:
    Library(db).close()
    with sqlite3.connect(db) as conn:
        conn.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 1}")
    conn.close()
    with pytest.raises(LibraryError, match="newer vnnews"):
        Library(db)
    assert not list(db.parent.glob("*.corrupt-*")), "a newer library is not damaged"


def test_an_unopenable_path_is_a_library_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(LibraryError, match="Cannot open the library"):
        Library(blocker / "library.sqlite3")


WRITER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from tui.library import Library
    from tui.models import Article

    path, tag, go = Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3])
    while not go.exists():
        time.sleep(0.002)
    with Library(path) as library:
        for start in range(0, 200, 20):
            batch = [
                Article(id=f"{tag}-{n}", url=f"https://{tag}.test/{n}", title=f"{tag} {n}",
                        feed_url=f"https://{tag}.test/feed")
                for n in range(start, start + 20)
            ]
            assert library.record_articles(batch) == 20
            for n in range(start, start + 20, 2):
                assert library.set_read(f"{tag}-{n}", True)
    """
)


def test_two_processes_writing_at_once_lose_nothing(db: Path, tmp_path: Path) -> None:
    go = tmp_path / "go"
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(db), tag, str(go)],
            env=env,
            stderr=subprocess.PIPE,
            text=True,
        )
        for tag in ("alpha", "beta")
    ]
    go.touch()
    for writer in writers:
        _, errors = writer.communicate(timeout=120)
        assert writer.returncode == 0, errors

    with Library(db) as library:
        assert len(library.articles(limit=None)) == 400
        assert library.unread_counts() == {
            "https://alpha.test/feed": 100,
            "https://beta.test/feed": 100,
        }
        assert len(library.search("alpha")) == 50, "the search index has every row (limit 50)"


def test_threads_can_share_one_library(library: Library) -> None:
    errors: list[BaseException] = []

    def work(worker: int) -> None:
        try:
            for n in range(30):
                article = make_article(worker * 100 + n)
                library.record_articles([article])
                library.set_read(article.id, True)
                library.unread_counts()
                library.search("article")
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(worker,)) for worker in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(library.articles(limit=None)) == 120
    assert library.unread_counts() == {}
