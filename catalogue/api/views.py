import django_filters
from rest_framework import generics
from rest_framework.exceptions import NotFound

from catalogue.api.serializers import MatterSerializer, MatterSummarySerializer
from catalogue.choices import MatterType
from catalogue.models import DepartmentPage, MatterPage


class MatterFilter(django_filters.FilterSet):
    department = django_filters.CharFilter(method="filter_department", label="实施主体组织机构代码")
    type = django_filters.ChoiceFilter(field_name="matter_type", choices=MatterType.choices, label="事项类型代码")
    theme = django_filters.CharFilter(field_name="themes__slug", label="主题（网址名）")

    class Meta:
        model = MatterPage
        fields = ["department", "type", "theme"]

    def filter_department(self, queryset, name, value):
        department = DepartmentPage.objects.filter(org_code=value).first()
        if department is None:
            return queryset.none()
        return queryset.child_of(department)


class MatterListView(generics.ListAPIView):
    """Published matters in use, newest code order; filter by department, type and theme."""

    serializer_class = MatterSummarySerializer
    filterset_class = MatterFilter

    def get_queryset(self):
        return MatterPage.objects.live().public_listing().order_by("code").distinct()


class MatterDetailView(generics.RetrieveAPIView):
    """Every element of a published matter. An unknown 实施编码 is a JSON 404."""

    serializer_class = MatterSerializer

    def get_object(self):
        matter = MatterPage.objects.live().with_guide_rows().filter(code=self.kwargs["code"]).first()
        if matter is None:
            raise NotFound("没有这个实施编码的事项。")
        return matter
