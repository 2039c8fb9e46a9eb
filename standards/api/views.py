from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import generics
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from standards.api.serializers import StandardSerializer, StandardSummarySerializer
from standards.choices import StandardStatus
from standards.coverage import compute
from standards.queries import FilterError, filter_standards, lookup


class StandardListView(generics.ListAPIView):
    """Published standards in number order. Filters: category (体系编号, with its sub-categories), status (现行 or
    current …), level (区/镇/村/组 or code), prefix (GB/T, DB44/T, Q/ZWFW …), matter (实施编码), q (number or title)."""

    serializer_class = StandardSummarySerializer
    filter_backends = []

    def get_queryset(self):
        try:
            queryset, _ = filter_standards(self.request.query_params)
        except FilterError as error:
            raise ValidationError({"detail": str(error)})
        return queryset.select_related("category")


class StandardDetailView(generics.RetrieveAPIView):
    """One standard by its number; slashes and spaces may be written as they are (URL-encoded) or as hyphens:
    /api/v1/standards/GB-T-24421.2-2023/. An unknown number is a JSON 404."""

    serializer_class = StandardSerializer

    def get_object(self):
        standard = lookup(self.kwargs["key"])
        if standard is None or standard.status == StandardStatus.DRAFT:
            raise NotFound("没有这个编号的标准。")
        return standard


class CoverageView(APIView):
    """Counts by category and status, 标准覆盖率 by department, matters without a current standard (first 200),
    standards citing an abolished edition."""

    @extend_schema(responses=OpenApiTypes.OBJECT, summary="标准统计与标准覆盖率")
    def get(self, request):
        return Response(compute().as_dict())
