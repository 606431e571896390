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
    starred: str
    every_feed: str
    starred_now: str
    unstarred_now: str
    read_now: str
    unread_now: str
    confirm_mark_read: str
    marked_read: str
    nothing_unread: str
    undone: str
    nothing_to_undo: str
    pick_feed: str
    search_title: str
    search_placeholder: str
    search_count: str
    no_results: str
    add_title: str
    add_prompt: str
    checking: str
    pick_found: str
    follow_page: str
    following_page: str
    not_a_url: str
    cannot_follow: str
    added: str
    already_following: str
    confirm_remove: str
    removed: str
    yes: str
    no: str

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
        starred="Gắn sao",
        every_feed="mọi nguồn tin",
        starred_now="★ Đã gắn sao",
        unstarred_now="Đã bỏ sao",
        read_now="Đã đánh dấu đã đọc",
        unread_now="Đã đánh dấu chưa đọc",
        confirm_mark_read="Đánh dấu mọi bài của {name} là đã đọc?",
        marked_read="Đã đánh dấu {count} bài là đã đọc — {key} để hoàn tác",
        nothing_unread="Không còn bài nào chưa đọc ở đây",
        undone="Đã hoàn tác: {count} bài lại là chưa đọc",
        nothing_to_undo="Không có gì để hoàn tác",
        pick_feed="Hãy chọn một nguồn tin trước",
        search_title="Tìm kiếm",
        search_placeholder="Tìm trong các bài đã lưu (có dấu hay không dấu)…",
        search_count="{count} kết quả",
        no_results="Không tìm thấy bài nào",
        add_title="Thêm nguồn tin",
        add_prompt="Địa chỉ một nguồn RSS/Atom hoặc một trang web:",
        checking="Đang kiểm tra {url}…",
        pick_found="{name} có {count} nguồn tin — chọn một:",
        follow_page="Theo dõi chính trang này",
        following_page="Trang này không có nguồn RSS: theo dõi các liên kết bài viết của nó",
        not_a_url="Không phải địa chỉ web: {text}",
        cannot_follow="Không thêm được: {error}",
        added="Đã thêm {name}",
        already_following="Đã có nguồn này: {name}",
        confirm_remove="Bỏ nguồn tin {name}?",
        removed="Đã bỏ {name}",
        yes="Đồng ý",
        no="Thôi",
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
        starred="Starred",
        every_feed="every feed",
        starred_now="★ Starred",
        unstarred_now="Unstarred",
        read_now="Marked read",
        unread_now="Marked unread",
        confirm_mark_read="Mark every article of {name} read?",
        marked_read="Marked {count} read — {key} to undo",
        nothing_unread="Nothing unread here",
        undone="Undone: {count} unread again",
        nothing_to_undo="Nothing to undo",
        pick_feed="Select a feed first",
        search_title="Search",
        search_placeholder="Search the articles kept (accents or not)…",
        search_count="{count} results",
        no_results="No article found",
        add_title="Add a feed",
        add_prompt="The address of an RSS/Atom feed or of a web page:",
        checking="Checking {url}…",
        pick_found="{name} announces {count} feeds — pick one:",
        follow_page="Follow this page itself",
        following_page="No feed on this page: following its article links",
        not_a_url="Not a web address: {text}",
        cannot_follow="Cannot add it: {error}",
        added="Added {name}",
        already_following="Already following {name}",
        confirm_remove="Remove the feed {name}?",
        removed="Removed {name}",
        yes="Yes",
        no="No",
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
        starred="Favoris",
        every_feed="tous les flux",
        starred_now="★ Ajouté aux favoris",
        unstarred_now="Retiré des favoris",
        read_now="Marqué comme lu",
        unread_now="Marqué comme non lu",
        confirm_mark_read="Marquer tous les articles de {name} comme lus ?",
        marked_read="{count} articles marqués comme lus — {key} pour annuler",
        nothing_unread="Rien de non lu ici",
        undone="Annulé : {count} articles de nouveau non lus",
        nothing_to_undo="Rien à annuler",
        pick_feed="Choisissez d’abord un flux",
        search_title="Recherche",
        search_placeholder="Rechercher dans les articles gardés (accents ou non)…",
        search_count="{count} résultats",
        no_results="Aucun article trouvé",
        add_title="Ajouter un flux",
        add_prompt="L’adresse d’un flux RSS/Atom ou d’une page web :",
        checking="Vérification de {url}…",
        pick_found="{name} propose {count} flux — choisissez-en un :",
        follow_page="Suivre cette page elle-même",
        following_page="Pas de flux sur cette page : ses liens d’articles sont suivis",
        not_a_url="Ce n’est pas une adresse web : {text}",
        cannot_follow="Ajout impossible : {error}",
        added="{name} ajouté",
        already_following="Déjà suivi : {name}",
        confirm_remove="Retirer le flux {name} ?",
        removed="{name} retiré",
        yes="Oui",
        no="Non",
    ),
}
