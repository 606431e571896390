"""The config file and the default sources: load, save, broken files, per-language defaults."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

import pytest

from tui.config import DEFAULT_TTLS, Config, ConfigError, load_config, save_config
from tui.models import Source
from tui.sources import default_sources, languages

SOURCES = [
    Source(
        url="https://vnexpress.net/rss/thoi-su.rss",
        title="VnExpress – Thời sự",
        group="VnExpress",
        category="Thời sự",
        language="vi",
        kind="feed",
    ),
    Source(url="https://www.vietnam.vn/fr/category/xa-hoi", group="Vietnam.vn", kind="page"),
    Source(url="https://example.org/somewhere"),
]


def test_missing_file_gives_the_defaults_without_warning(tmp_path: Path) -> None:
    config = load_config(tmp_path / "absent.toml")

    assert (config.lang, config.theme, config.retention_days) == ("vi", "textual-dark", 90)
    assert config.ttls == {"feed": 600.0, "page": 7 * 86400.0, "image": 30 * 86400.0}
    assert config.keymap == {}
    assert config.subscriptions is None
    assert config.warnings == []
    assert config.sources() == default_sources("vi")


def test_vnnews_config_points_at_the_file(private_dirs: Path) -> None:
    path = Path(os.environ["VNNEWS_CONFIG"])
    path.parent.mkdir(parents=True)
    path.write_text('lang = "en"\n', encoding="utf-8")

    config = load_config()

    assert config.path == path
    assert config.lang == "en"
    assert config.sources() == default_sources("en")


def test_save_then_load_gives_the_same_settings(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "er" / "config.toml"
    saved = Config(
        path=path,
        lang="fr",
        theme="nord",
        keymap={"refresh": "f5", "app.quit": "ctrl+q"},
        ttls={"feed": 300.0, "page": 3600.0, "image": 86400.0},
        subscriptions=SOURCES,
        retention_days=30,
    )

    save_config(saved)
    loaded = load_config(path)

    assert loaded == saved
    assert loaded.sources() == SOURCES
    assert sorted(p.name for p in path.parent.iterdir()) == ["config.toml"], (
        "no temporary file left"
    )


def test_saved_file_has_the_documented_shape(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    save_config(Config(path=path, keymap={"refresh": "f5"}, subscriptions=SOURCES[:1]))

    data = tomllib.loads(path.read_text("utf-8"))

    assert data["lang"] == "vi"
    assert data["theme"] == "textual-dark"
    assert data["retention_days"] == 90
    assert data["ttl"] == DEFAULT_TTLS
    assert data["keymap"] == {"refresh": "f5"}
    assert data["subscriptions"] == [
        {
            "url": "https://vnexpress.net/rss/thoi-su.rss",
            "title": "VnExpress – Thời sự",
            "group": "VnExpress",
            "category": "Thời sự",
            "language": "vi",
            "kind": "feed",
        }
    ]


def test_default_sources_are_not_written_into_the_file(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    save_config(Config(path=path, lang="en"))

    assert "subscriptions" not in tomllib.loads(path.read_text("utf-8"))
    assert load_config(path).sources() == default_sources("en")


def test_an_empty_subscription_list_is_not_the_defaults(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    save_config(Config(path=path, subscriptions=[]))

    config = load_config(path)

    assert config.subscriptions == []
    assert config.sources() == []


@pytest.mark.parametrize(
    "text",
    ['lang = "vi\n', "[ttl\nfeed = 1", "= 3", 'lang = "vi"\nlang = "en"\n'],
    ids=["unclosed string", "unclosed table", "no key", "duplicate key"],
)
def test_broken_toml_gives_defaults_and_one_warning(tmp_path: Path, text: str) -> None:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")

    config = load_config(path)

    assert config == Config(path=path, warnings=config.warnings)
    assert len(config.warnings) == 1
    warning = config.warnings[0]
    assert "\n" not in warning
    assert str(path) in warning
    assert "not valid TOML" in warning


def test_a_file_that_is_not_text_gives_defaults_and_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_bytes(b"lang = '\xff\xfe'")

    config = load_config(path)

    assert config.lang == "vi"
    assert config.warnings == [f"{path}: not UTF-8 text; using the defaults"]


def test_a_directory_in_place_of_the_file_gives_a_warning(tmp_path: Path) -> None:
    config = load_config(tmp_path)

    assert config.lang == "vi"
    assert len(config.warnings) == 1
    assert "cannot read it" in config.warnings[0]


def test_wrong_types_fall_back_field_by_field(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(
        """
lang = 5
theme = "gruvbox"
retention_days = "ninety"

[ttl]
feed = -1
page = 120

[keymap]
refresh = "f5"
quit = 3

[[subscriptions]]
url = "https://vnexpress.net/rss/the-gioi.rss"
group = "VnExpress"

[[subscriptions]]
title = "no url here"

[[subscriptions]]
url = "file:///etc/passwd"

[[subscriptions]]
url = "https://example.org/feed"
kind = "podcast"
""",
        encoding="utf-8",
    )

    config = load_config(path)

    assert config.lang == "vi"
    assert config.theme == "gruvbox"
    assert config.retention_days == 90
    assert config.ttls == {**DEFAULT_TTLS, "page": 120.0}
    assert config.keymap == {"refresh": "f5"}
    assert config.subscriptions == [
        Source(url="https://vnexpress.net/rss/the-gioi.rss", group="VnExpress")
    ]
    warnings = "\n".join(config.warnings)
    assert len(config.warnings) == 7, warnings
    for expected in [
        "'lang' must be a string",
        "'retention_days' must be a whole number",
        "'ttl.feed' must be a positive number",
        "'keymap.quit' must be a string",
        "subscriptions[1]: 'url' must be an http(s) URL; skipped",
        "subscriptions[2]: 'url' must be an http(s) URL; skipped",
        "subscriptions[3]: 'kind' must be one of feed, page, auto; skipped",
    ]:
        assert expected in warnings


def test_an_unknown_language_falls_back_to_vietnamese(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('lang = "klingon"\n', encoding="utf-8")

    config = load_config(path)

    assert config.lang == "vi"
    assert config.warnings == [
        f"{path}: 'lang' is 'klingon', not a known language; using the default"
    ]


def test_a_regional_language_code_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('lang = "fr_FR"\n', encoding="utf-8")

    config = load_config(path)

    assert config.warnings == []
    assert config.sources() == default_sources("fr")


def test_unknown_keys_survive_a_save(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(
        'future_option = true\ntheme = "nord"\n[plugins.reader]\nwidth = 72\n', encoding="utf-8"
    )

    config = load_config(path)
    config.lang = "en"
    save_config(config)
    data = tomllib.loads(path.read_text("utf-8"))

    assert data["future_option"] is True
    assert data["plugins"] == {"reader": {"width": 72}}
    assert (data["lang"], data["theme"]) == ("en", "nord")


def test_saving_over_a_broken_file_keeps_a_copy_of_it(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    broken = '[[subscriptions]]\nurl = "https://my.own/feed\n'
    path.write_text(broken, encoding="utf-8")

    config = load_config(path)
    config.theme = "nord"
    save_config(config)

    assert (tmp_path / "config.toml.broken").read_text("utf-8") == broken
    assert load_config(path).theme == "nord"


def test_an_unwritable_place_is_a_one_line_error(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("", encoding="utf-8")

    with pytest.raises(ConfigError) as caught:
        save_config(Config(path=blocker / "config.toml"))

    message = str(caught.value)
    assert message.startswith(f"cannot write {blocker / 'config.toml'}: ")
    assert "\n" not in message


# -- default sources -------------------------------------------------------------


def test_every_language_has_sources_of_its_own() -> None:
    langs = languages()

    assert langs[:3] == ["vi", "en", "fr"]
    assert {"es", "ru", "de", "ja", "ko", "zh-cn", "th", "id"} <= set(langs)
    for lang in langs:
        sources = default_sources(lang)
        assert sources, lang
        assert {source.language for source in sources} == {lang}
        assert len({source.url for source in sources}) == len(sources), f"duplicate URL in {lang}"
        for source in sources:
            assert source.url.startswith("https://"), source
            assert source.group and source.category and source.title, source
            assert source.kind in ("feed", "page"), source


def test_vietnamese_and_english_have_several_publications() -> None:
    for lang in ("vi", "en"):
        groups = {source.group for source in default_sources(lang)}
        assert 5 <= len(groups) <= 10, (lang, groups)
    assert {"VnExpress", "VietnamPlus", "Nhân Dân", "Tuổi Trẻ", "Vietnam.vn"} <= {
        source.group for source in default_sources("vi")
    }


def test_french_defaults_include_vietnam_vn_pages() -> None:
    sources = default_sources("fr")
    pages = [source for source in sources if source.group == "Vietnam.vn"]

    assert 3 <= len({source.group for source in sources}) <= 6
    assert pages
    assert all(source.kind == "page" for source in pages)
    assert all(source.url.startswith("https://www.vietnam.vn/fr/category/") for source in pages)
    assert any(source.kind == "feed" for source in sources)


def test_vietnam_vn_is_followed_as_pages_in_every_language() -> None:
    for lang in languages():
        pages = [source for source in default_sources(lang) if source.group == "Vietnam.vn"]
        prefix = (
            "https://www.vietnam.vn/category/"
            if lang == "vi"
            else f"https://www.vietnam.vn/{lang}/category/"
        )
        assert 1 <= len(pages) <= 3, lang
        assert all(source.kind == "page" and source.url.startswith(prefix) for source in pages)


def test_regional_codes_fall_back_and_unknown_languages_have_none() -> None:
    assert default_sources("fr-FR") == default_sources("fr")
    assert default_sources("EN") == default_sources("en")
    assert default_sources("zh") == default_sources("zh-cn")
    assert default_sources("xx") == []
    assert default_sources("") == []


def test_keymap_ids_may_be_written_with_or_without_quotes(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('[keymap]\nfeeds.refresh = "f5"\n"article.next" = "right"\n')

    config = load_config(path)

    assert config.keymap == {"feeds.refresh": "f5", "article.next": "right"}
    assert config.warnings == []
