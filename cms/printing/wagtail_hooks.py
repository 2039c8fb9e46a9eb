"""服务指南汇编 in the admin: the editor asks for a booklet, watches its progress, then downloads it."""

from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from .models import Booklet, BookletStatus


def queue_build(booklet: Booklet) -> None:
    from catalogue.printing import request_booklet

    request_booklet(booklet)


class BookletCreateView(generic.CreateView):
    def save_instance(self):
        booklet = self.form.save(commit=False)
        booklet.created_by = self.request.user
        booklet.save()
        queue_build(booklet)
        return booklet


class BookletEditView(generic.EditView):
    def save_instance(self):
        booklet = self.form.save(commit=False)
        booklet.status, booklet.progress_done, booklet.stage, booklet.error = BookletStatus.PENDING, 0, "", ""
        booklet.save()
        queue_build(booklet)  # saving again builds it again from the guides as now published
        return booklet


class BookletIndexView(generic.IndexView):
    @property
    def has_unfinished(self) -> bool:
        """While a booklet is queued or building, the listing reloads itself to show its progress."""
        return Booklet.objects.filter(status__in=[BookletStatus.PENDING, BookletStatus.RUNNING]).exists()


class ProgressColumn(Column):
    def get_value(self, booklet):
        if booklet.status == BookletStatus.DONE:
            return format_html('<a href="{}" download>下载 PDF（{} 页）</a>', booklet.get_download_url(), booklet.pages)
        if booklet.status == BookletStatus.RUNNING:
            return format_html("{}：{}/{}（{}%）", booklet.stage, booklet.progress_done, booklet.progress_total, booklet.percent)
        if booklet.status == BookletStatus.FAILED:
            return format_html("失败：{}", booklet.error[:200])
        return booklet.get_status_display()


class BookletViewSet(ModelViewSet):
    model = Booklet
    icon = "doc-full"
    menu_label = "服务指南汇编"
    menu_order = 400
    add_to_admin_menu = True
    copy_view_enabled = False
    index_view_class = BookletIndexView
    index_template_name = "printing/booklet_index.html"
    add_view_class = BookletCreateView
    edit_view_class = BookletEditView
    form_fields = ["title", "kind", "department", "window", "list_key", "list_release"]
    list_display = ["display_title", Column("kind", label="范围", accessor="get_kind_display"), ProgressColumn("progress", label="进度 / 下载"), DateColumn("created_at", label="创建时间")]
    list_filter = ["kind", "status"]


@hooks.register("register_admin_viewset")
def register_booklet_viewset():
    return BookletViewSet("booklets")
