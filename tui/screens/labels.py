"""The interface's own words (the article itself is labelled by tui.render.Labels), per language."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class UiText:
    """Every string the screens show around the news; ``{name}`` fields are filled in by callers."""

    all: str
    unread: str
    feeds: str
    articles: str
    loading: str
    no_articles: str
    refreshing: str
    feed_count: str
    feeds_failed: str
    stale: str
    articles_by: str
    articles_in: str
    author_option: str
    category_option: str
    no_author: str
    no_category: str
    copied: str
    no_browser: str
    opening: str
    no_next: str
    no_previous: str
    cannot_open: str
    help_title: str
    config_file: str
    unknown_theme: str
    error: str
    palette_feed: str
    palette_author: str
    palette_category: str
    palette_article: str

    @classmethod
    def for_language(cls, lang: str) -> UiText:
        """The strings for ``lang`` ("vi", "en", "fr"; a region like "fr-CA" counts as "fr")."""
        return _TEXTS.get(lang.split("-")[0].lower(), _TEXTS["en"])


_TEXTS = {
    "vi": UiText(
        all="Tất cả",
        unread="Chưa đọc",
        feeds="Nguồn tin",
        articles="Bài viết",
        loading="Đang tải…",
        no_articles="Chưa có bài nào",
        refreshing="Đang cập nhật {done}/{total}…",
        feed_count="{count} bài",
        feeds_failed="{count} nguồn lỗi",
        stale="bản lưu {age} trước",
        articles_by="Bài của {name}",
        articles_in="Chuyên mục {name}",
        author_option="Mọi bài của {name}",
        category_option="Mọi bài trong {name}",
        no_author="Bài này không ghi tác giả",
        no_category="Bài này không có chuyên mục",
        copied="Đã chép: {url}",
        no_browser="Không có trình duyệt — đã chép liên kết: {url}",
        opening="Đang mở {url}",
        no_next="Đây là bài cuối danh sách",
        no_previous="Đây là bài đầu danh sách",
        cannot_open="Không mở được bài: {error}",
        help_title="Phím tắt",
        config_file=(
            "Tệp cấu hình: {path} — đổi phím trong [keymap] theo mã ở cột cuối,"
            ' ví dụ feeds.refresh = "f5"'
        ),
        unknown_theme="Không có giao diện {name!r}, dùng {fallback}",
        error="Lỗi: {error}",
        palette_feed="Nguồn tin: {name}",
        palette_author="Tác giả: {name}",
        palette_category="Chuyên mục: {name}",
        palette_article="Bài: {name}",
    ),
    "en": UiText(
        all="All",
        unread="Unread",
        feeds="Feeds",
        articles="Articles",
        loading="Loading…",
        no_articles="No articles yet",
        refreshing="Refreshing {done}/{total}…",
        feed_count="{count} articles",
        feeds_failed="{count} feeds failed",
        stale="cached copy from {age} ago",
        articles_by="Articles by {name}",
        articles_in="Category: {name}",
        author_option="All articles by {name}",
        category_option="All articles in {name}",
        no_author="This article names no author",
        no_category="This article has no category",
        copied="Copied: {url}",
        no_browser="No browser here — link copied: {url}",
        opening="Opening {url}",
        no_next="This is the last article of the list",
        no_previous="This is the first article of the list",
        cannot_open="Cannot open the article: {error}",
        help_title="Keys",
        config_file=(
            "Config file: {path} — remap keys under [keymap] by the id in the last column,"
            ' e.g. feeds.refresh = "f5"'
        ),
        unknown_theme="Unknown theme {name!r}, using {fallback}",
        error="Error: {error}",
        palette_feed="Feed: {name}",
        palette_author="Author: {name}",
        palette_category="Category: {name}",
        palette_article="Article: {name}",
    ),
    "fr": UiText(
        all="Tout",
        unread="Non lus",
        feeds="Flux",
        articles="Articles",
        loading="Chargement…",
        no_articles="Aucun article pour l’instant",
        refreshing="Actualisation {done}/{total}…",
        feed_count="{count} articles",
        feeds_failed="{count} flux en erreur",
        stale="copie de il y a {age}",
        articles_by="Articles de {name}",
        articles_in="Rubrique : {name}",
        author_option="Tous les articles de {name}",
        category_option="Tous les articles de la rubrique {name}",
        no_author="Cet article n’a pas d’auteur",
        no_category="Cet article n’a pas de rubrique",
        copied="Copié : {url}",
        no_browser="Pas de navigateur ici — lien copié : {url}",
        opening="Ouverture de {url}",
        no_next="C’est le dernier article de la liste",
        no_previous="C’est le premier article de la liste",
        cannot_open="Impossible d’ouvrir l’article : {error}",
        help_title="Raccourcis",
        config_file=(
            "Fichier de configuration : {path} — changez une touche sous [keymap]"
            ' par l’identifiant de la dernière colonne, p. ex. feeds.refresh = "f5"'
        ),
        unknown_theme="Thème {name!r} inconnu, {fallback} utilisé",
        error="Erreur : {error}",
        palette_feed="Flux : {name}",
        palette_author="Auteur : {name}",
        palette_category="Rubrique : {name}",
        palette_article="Article : {name}",
    ),
}
