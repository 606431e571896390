"""Text from the network loses every escape sequence and control character, and nothing else."""

from __future__ import annotations

import html
import random
import re
import unicodedata

import pytest

from tui.sanitize import clean_line, clean_text

# What must never reach a terminal: C0 controls but tab and newline, DEL, C1, bidi controls.
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

VIETNAMESE = "Tiếng Việt: Hà Nội, Đà Nẵng, thành phố Hồ Chí Minh — giá vàng tăng 2%."

CLEAN_TEXT_CASES = [
    ("CSI colour", "\x1b[31mĐỏ\x1b[0m thường", "Đỏ thường"),
    ("CSI 256 colours", "\x1b[38;5;196mx\x1b[0m", "x"),
    ("CSI clear screen and cursor home", "a\x1b[2Jb\x1b[Hc", "abc"),
    ("CSI without its final byte", "tin\x1b[1;3", "tin"),
    (
        "OSC 8 hyperlink ended by ST",
        "\x1b]8;;https://evil.example/\x1b\\nhấn vào\x1b]8;;\x1b\\ đây",
        "nhấn vào đây",
    ),
    ("OSC 8 hyperlink ended by BEL", "\x1b]8;;https://evil.example/\x07xem\x1b]8;;\x07", "xem"),
    ("OSC 52 clipboard write", "trước \x1b]52;c;cm0gLXJmIH4K\x07sau", "trước sau"),
    ("OSC window title", "\x1b]0;pwned\x07Tiêu đề", "Tiêu đề"),
    ("DCS string", "a\x1bPq#0;2;0;0;0#1~~\x1b\\b", "ab"),
    ("APC string", "\x1b_payload\x1b\\ok", "ok"),
    ("8-bit CSI", "\x9b31mĐỏ\x9b0m", "Đỏ"),
    ("8-bit OSC with 8-bit ST", "\x9d8;;http://evil.example/\x9clink", "link"),
    ("two-byte escape (reset terminal)", "a\x1bcb", "ab"),
    ("unterminated OSC loses its introducer", "\x1b]0;tiêu đề", "0;tiêu đề"),
    (
        "a stray 8-bit OSC does not swallow the article",
        "Giá\x9d tăng mạnh.\nĐoạn hai vẫn còn.",
        "Giá tăng mạnh.\nĐoạn hai vẫn còn.",
    ),
    ("BEL", "ding\x07dong", "dingdong"),
    ("backspace overstrike", "abc\x08\x08\x08xyz", "abcxyz"),
    ("DEL", "a\x7fb", "ab"),
    ("NUL", "a\x00b", "ab"),
    ("C1 NEL and others", "a\x85b\x8dc", "abc"),
    ("bidi override", "abc\u202edcba\u202c", "abcdcba"),
    ("bidi isolates", "\u2066x\u2069 \u2067y\u2068", "x y"),
    ("byte order mark", "\ufeffTiêu đề", "Tiêu đề"),
    ("lone surrogate from JSON", "ab\ud800cd", "abcd"),
    ("CRLF and CR", "dòng một\r\ndòng hai\rdòng ba", "dòng một\ndòng hai\ndòng ba"),
    ("line and paragraph separators", "a\u2028b\u2029c", "a\nb\nc"),
    ("newline kept", "a\nb", "a\nb"),
    ("blank lines collapse to one", "a\n\n \n\n\nb", "a\n\nb"),
    ("spaces and tabs collapse", "  a \t\u00a0 b  ", "a b"),
    ("vertical tab and form feed are spaces", "a\x0bb\x0cc", "a b c"),
    ("empty", "", ""),
    ("None", None, ""),
    ("Vietnamese untouched", VIETNAMESE, VIETNAMESE),
    (
        "French untouched",
        "« L’été à Hà Nội » — c’est ça ! Œuvre, naïve, Noël.",
        "« L’été à Hà Nội » — c’est ça ! Œuvre, naïve, Noël.",
    ),
    (
        "CJK untouched",
        "越南新闻：河内天气晴朗。日本語のテキスト",
        "越南新闻：河内天气晴朗。日本語のテキスト",
    ),
    ("emoji with ZWJ untouched", "👍🏽 👨‍👩‍👧", "👍🏽 👨‍👩‍👧"),
    (
        "punctuation untouched",
        "a-b_c (d) [e] {f} <g> & 'h' \"i\" 50% $5 #tag @user ~/.x \\ | ; :",
        "a-b_c (d) [e] {f} <g> & 'h' \"i\" 50% $5 #tag @user ~/.x \\ | ; :",
    ),
    (
        "markup look-alikes untouched",
        "[bold red]x[/] [@click=app.quit]",
        "[bold red]x[/] [@click=app.quit]",
    ),
]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [pytest.param(raw, expected, id=name) for name, raw, expected in CLEAN_TEXT_CASES],
)
def test_clean_text(raw: str | None, expected: str) -> None:
    assert clean_text(raw) == expected


def test_decomposed_vietnamese_becomes_composed() -> None:
    decomposed = unicodedata.normalize("NFD", "Tiếng Việt")
    assert decomposed != "Tiếng Việt"
    assert clean_text(decomposed) == "Tiếng Việt"
    assert clean_line(decomposed) == "Tiếng Việt"


def test_unescaped_c1_character_reference_is_removed() -> None:
    # The HTML parser hands "&#x9d;" back as a live 8-bit OSC introducer.
    unescaped = html.unescape("Giá &#x9d;vàng tăng")
    assert "\x9d" in unescaped
    assert clean_text(unescaped) == "Giá vàng tăng"


def test_cleaned_text_can_be_written_as_utf8() -> None:
    cleaned = clean_text("tin \ud83d nóng \udc4d")
    assert cleaned.encode("utf-8").decode("utf-8") == "tin nóng"


CLEAN_LINE_CASES = [
    ("lines join", "dòng một\ndòng hai", "dòng một dòng hai"),
    ("whitespace runs become one space", "  a \t b\n\n c  ", "a b c"),
    ("escapes and CRLF", "\x1b[1mTiêu\x1b[0m\r\nđề", "Tiêu đề"),
    ("paragraph separator", "a\u2029b", "a b"),
    ("None", None, ""),
]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [pytest.param(raw, expected, id=name) for name, raw, expected in CLEAN_LINE_CASES],
)
def test_clean_line(raw: str | None, expected: str) -> None:
    assert clean_line(raw) == expected


@pytest.mark.parametrize("code", [*range(0xA0), *range(0x202A, 0x202F), *range(0x2066, 0x206A)])
def test_no_unsafe_character_survives_alone(code: int) -> None:
    assert not UNSAFE.search(clean_text(f"a{chr(code)}b"))


def test_escape_soup_never_leaves_a_control_and_cleaning_twice_changes_nothing() -> None:
    alphabet = "\x1b\x9b\x9d\x90\x9c\x07\x08\x7f\r\n[]P_\\;:0123456789mHJ ađ\u202e\u0301"
    rng = random.Random(20251126)
    for _ in range(2000):
        raw = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 40)))
        cleaned = clean_text(raw)
        assert not UNSAFE.search(cleaned), repr(raw)
        assert unicodedata.is_normalized("NFC", cleaned)
        assert clean_text(cleaned) == cleaned, repr(raw)
        assert "\n" not in clean_line(raw)
