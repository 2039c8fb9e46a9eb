"""Admin of the versioned content: windows and the 材料库 as snippets with drafts, revisions, locking and the
窗口与材料库审核 workflow; the Chinese character-level compare; a version history report per matter."""

from django.utils.html import format_html
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from catalogue import diff  # noqa: F401  (registers the Chinese comparison classes)
from catalogue.models import SharedMaterial, Window


class WindowViewSet(SnippetViewSet):
    model = Window
    icon = "desktop"
    menu_label = "窗口"
    list_display = ["__str__", "category", "department", "hall", "live"]
    list_filter = ["category"]
    search_fields = ["name", "number"]


class SharedMaterialViewSet(SnippetViewSet):
    model = SharedMaterial
    icon = "doc-full"
    menu_label = "材料库"
    list_display = ["name", "source", "issuing_body", "is_licence", "live"]
    list_filter = ["source", "is_licence"]
    search_fields = ["name"]


class HallViewSetGroup(SnippetViewSetGroup):
    menu_label = "窗口与材料库"
    menu_icon = "folder-open-inverse"
    items = (WindowViewSet, SharedMaterialViewSet)


register_snippet(HallViewSetGroup)


@hooks.register("insert_global_admin_css")
def compare_marks_css():
    # Wagtail styles span.deletion / span.addition; the Chinese diff marks with <del>/<ins>.
    return format_html(
        "<style>{}</style>",
        "del.deletion{background-color:var(--color-deletion-dark);text-decoration:line-through}"
        "ins.addition{background-color:var(--color-addition-dark);text-decoration:none}",
    )


@hooks.register("register_log_actions")
def register_import_log_actions(actions):
    actions.register_action("catalogue.import_publish", "批量导入并发布", "批量导入并直接发布")
