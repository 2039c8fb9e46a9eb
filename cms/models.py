"""Site-wide pages and settings: the home page with the ways in, theme pages, and the centre's contact facts."""

from django.db import models
from django.http import Http404
from django.template.response import TemplateResponse
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Page

from catalogue.choices import Audience


@register_setting(icon="site")
class CentreSettings(BaseSiteSetting):
    centre_name = models.CharField("中心名称", max_length=100, default="政务服务中心")
    hotline = models.CharField("政务服务热线", max_length=50, default="12345")
    address = models.CharField("中心地址", max_length=255, blank=True)
    hours = models.CharField("办公时间", max_length=255, blank=True, default="周一至周五 9:00-12:00，13:30-17:00（法定节假日除外）")

    panels = [FieldPanel("centre_name"), FieldPanel("hotline"), FieldPanel("address"), FieldPanel("hours")]

    class Meta:
        verbose_name = "中心信息"


class HomePage(RoutablePageMixin, Page):
    intro = models.TextField("导语", blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    HOME_DEPARTMENTS = 12
    HOME_RECENT = 10

    class Meta:
        verbose_name = "首页"

    def get_context(self, request, *args, **kwargs):
        from catalogue.models import DepartmentIndexPage, DepartmentPage, MatterPage, Theme
        from cms.navigation import live_matter_counts, with_departments

        context = super().get_context(request, *args, **kwargs)
        themes = Theme.objects.annotate(
            matter_count=models.Count("matters", filter=models.Q(matters__live=True, matters__status="active"))
        ).filter(matter_count__gt=0)
        context["person_themes"] = [t for t in themes if t.audience == Audience.PERSON]
        context["organisation_themes"] = [t for t in themes if t.audience == Audience.ORGANISATION]
        departments = list(DepartmentPage.objects.live().select_related("region"))
        counts = live_matter_counts(departments)
        for department in departments:
            department.matter_count = counts.get(department.pk, 0)
        departments = [d for d in departments if d.matter_count]
        # The home page shows the departments with the most matters; the 部门 index lists all of them.
        context["departments"] = sorted(departments, key=lambda d: (-d.matter_count, d.region.code, d.title))[: self.HOME_DEPARTMENTS]
        context["department_count"] = len(departments)
        context["department_index"] = DepartmentIndexPage.objects.live().first()
        live_matters = MatterPage.objects.live().public_listing()
        context["matter_count"] = live_matters.count()
        context["recent_matters"] = with_departments(
            live_matters.exclude(last_published_at=None).order_by("-last_published_at", "title")[: self.HOME_RECENT]
        )
        return context

    @path("zhuti/<str:slug>/", name="theme")
    def theme(self, request, slug):
        from catalogue.models import MatterPage, Theme
        from cms.navigation import paginate, with_departments

        try:
            theme = Theme.objects.get(slug=slug)
        except Theme.DoesNotExist:
            raise Http404("没有这个主题")
        matters = MatterPage.objects.live().public_listing().filter(themes=theme).order_by("title", "pk")
        page_of_matters = paginate(request, matters)
        # Page.get_context, not HomePage.get_context: a theme page needs none of the home page's counts.
        context = Page.get_context(self, request)
        context.update(
            theme=theme,
            matters=with_departments(page_of_matters.object_list),
            page_obj=page_of_matters,
            page_title=theme.name,
        )
        return TemplateResponse(request, "cms/theme_page.html", context)
