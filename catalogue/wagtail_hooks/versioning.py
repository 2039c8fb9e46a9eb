"""Admin of the versioned content: windows and the 材料库 as snippets with drafts, revisions, locking and the
窗口与材料库审核 workflow; the Chinese character-level compare; a version history report per matter."""

from django.utils.html import format_html
from wagtail import hooks

from catalogue import diff  # noqa: F401  (registers the Chinese comparison classes)

# Windows and the 材料库 are registered with the other reference data in catalogue.wagtail_hooks.matters.


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
