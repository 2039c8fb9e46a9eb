import django_filters
from django.db.models import Q
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics
from rest_framework.exceptions import NotFound

from catalogue.api.serializers import DepartmentSerializer, MatterSummarySerializer
from catalogue.api.versions import VersionedMatterSerializer
from catalogue.choices import MatterStatus, MatterType
from catalogue.models import DepartmentPage, MatterPage


class MatterFilter(django_filters.FilterSet):
    department = django_filters.CharFilter(method="filter_department", label="实施主体组织机构代码（如 696453330）")
    type = django_filters.ChoiceFilter(field_name="matter_type", choices=MatterType.choices, label="事项类型代码（01 行政许可 … 20 公共服务）")
    theme = django_filters.CharFilter(method="filter_theme", label="主题分类：网址名或名称（如 户籍办理）")

    class Meta:
        model = MatterPage
        fields = ["department", "type", "theme"]

    def filter_department(self, queryset, name, value):
        department = DepartmentPage.objects.filter(org_code=value).first()
        if department is None:
            return queryset.none()
        return queryset.child_of(department)

    def filter_theme(self, queryset, name, value):
        return queryset.filter(Q(themes__slug=value) | Q(themes__name=value))


def attach_departments(matters) -> None:
    """Give each matter of a page of results its department with one query, instead of one per matter."""
    steplen = MatterPage.steplen
    paths = {m.path[:-steplen] for m in matters}
    departments = {d.path: d for d in DepartmentPage.objects.filter(path__in=paths).select_related("region")}
    for matter in matters:
        department = departments.get(matter.path[:-steplen])
        if department is not None:
            matter.__dict__["department"] = department  # MatterPage.department is a cached_property


class MatterListView(generics.ListAPIView):
    """Published matters in use, in code order; filter by department, type and theme. Paginated (`count`,
    `next`, `previous`, `results`; `page` selects a page)."""

    serializer_class = MatterSummarySerializer
    filterset_class = MatterFilter

    def get_queryset(self):
        return MatterPage.objects.live().public_listing().order_by("code").distinct()

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        if page is not None:
            attach_departments(page)
        return page


class MatterDetailView(generics.RetrieveAPIView):
    """Every element of a published matter, with its public 更新日期 and, for a 暂停/取消 matter, the withdrawal.
    An unknown 实施编码 is a JSON 404."""

    serializer_class = VersionedMatterSerializer

    def get_object(self):
        matter = MatterPage.objects.live().with_guide_rows().filter(code=self.kwargs["code"]).first()
        if matter is None:
            raise NotFound("没有这个实施编码的事项。")
        attach_departments([matter])
        return matter


class DepartmentListView(generics.ListAPIView):
    """Implementing bodies (实施主体) with the number of published matters in use each has."""

    serializer_class = DepartmentSerializer

    def get_queryset(self):
        return DepartmentPage.objects.live().select_related("region").order_by("region__code", "title")

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        rows = page if page is not None else queryset
        counts = _matter_counts(rows)
        for department in rows:
            department.matter_count = counts.get(department.path, 0)
        return page


class DepartmentDetailView(generics.RetrieveAPIView):
    serializer_class = DepartmentSerializer

    @extend_schema(parameters=[OpenApiParameter("org_code", str, OpenApiParameter.PATH, description="组织机构代码")])
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_object(self):
        department = DepartmentPage.objects.live().select_related("region").filter(org_code=self.kwargs["org_code"]).first()
        if department is None:
            raise NotFound("没有这个组织机构代码的部门。")
        department.matter_count = _matter_counts([department]).get(department.path, 0)
        return department


def _matter_counts(departments) -> dict[str, int]:
    steplen = MatterPage.steplen
    paths = [d.path for d in departments]
    if not paths:
        return {}
    rows = (
        MatterPage.objects.live()
        .filter(status=MatterStatus.ACTIVE, depth=departments[0].depth + 1)
        .filter(Q(*[Q(path__startswith=p) for p in paths], _connector=Q.OR))
        .values_list("path", flat=True)
    )
    counts: dict[str, int] = {}
    for path in rows:
        counts[path[:-steplen]] = counts.get(path[:-steplen], 0) + 1
    return counts

