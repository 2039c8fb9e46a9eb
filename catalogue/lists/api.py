"""JSON API of the lists, their releases and diffs, the 权责清单 and the reform figures (/api/v1/)."""

import django_filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from catalogue import figures as figures_service
from catalogue.lists.releases import diff_releases, summarise
from catalogue.lists.rules import HIDDEN_KEYS, RULE_DESCRIPTIONS
from catalogue.models import ListRelease, MatterList, PowerEntry


def public_row(row: dict) -> dict:
    return {k: v for k, v in row.items() if k not in HIDDEN_KEYS}


def _list_or_404(slug) -> MatterList:
    matter_list = MatterList.objects.filter(slug=slug).first()
    if matter_list is None:
        raise NotFound("没有这个清单。")
    return matter_list


def _release_or_404(matter_list, number) -> ListRelease:
    release = matter_list.releases.filter(number=number).first()
    if release is None:
        raise NotFound("没有这个清单版本。")
    return release


def release_summary(release: ListRelease, request) -> dict:
    return {
        "number": release.number,
        "label": release.label,
        "released_on": release.released_on.isoformat(),
        "note": release.note,
        "count": release.count,
        "url": request.build_absolute_uri(release.get_absolute_url()),
    }


class ListIndexView(APIView):
    """Every list with its current count and latest release."""

    @extend_schema(responses=OpenApiTypes.OBJECT, operation_id="lists_index")
    def get(self, request):
        data = []
        for matter_list in MatterList.objects.all():
            latest = matter_list.latest_release
            data.append({
                "slug": matter_list.slug, "title": matter_list.title, "kind": matter_list.kind,
                "count": matter_list.matters().count(),
                "latest_release": release_summary(latest, request) if latest else None,
                "url": request.build_absolute_uri(matter_list.get_absolute_url()),
            })
        return Response({"count": len(data), "results": data})


class ListDetailView(APIView):
    """The current rows of a list (what its next release would freeze)."""

    @extend_schema(responses=OpenApiTypes.OBJECT, operation_id="lists_detail")
    def get(self, request, slug):
        matter_list = _list_or_404(slug)
        rows = [public_row(r) for r in matter_list.current_rows()]
        return Response({
            "slug": matter_list.slug, "title": matter_list.title, "kind": matter_list.kind,
            "rule": RULE_DESCRIPTIONS.get(matter_list.kind, ""), "count": len(rows), "rows": rows,
        })


class ReleaseListView(APIView):
    @extend_schema(responses=OpenApiTypes.OBJECT, operation_id="lists_releases")
    def get(self, request, slug):
        matter_list = _list_or_404(slug)
        releases = [release_summary(r, request) for r in matter_list.releases.order_by("-number")]
        return Response({"count": len(releases), "results": releases})


class ReleaseDetailView(APIView):
    @extend_schema(responses=OpenApiTypes.OBJECT, operation_id="lists_release_detail")
    def get(self, request, slug, number):
        release = _release_or_404(_list_or_404(slug), number)
        return Response(dict(release_summary(release, request), rows=[public_row(r) for r in release.rows]))


class ReleaseDiffView(APIView):
    """Per matter 新增 / 取消 / 下放 / 调整 between release `from` (default: the previous one) and this one."""

    @extend_schema(responses=OpenApiTypes.OBJECT, operation_id="lists_release_diff")
    def get(self, request, slug, number):
        matter_list = _list_or_404(slug)
        release = _release_or_404(matter_list, number)
        older_number = request.query_params.get("from")
        if older_number is None:
            older = release.previous
            if older is None:
                raise NotFound("这是第一个版本，没有可比较的上一版本。")
        else:
            if not older_number.isdigit():
                raise ValidationError({"from": "应为版次（整数）。"})
            older = _release_or_404(matter_list, int(older_number))
        changes = diff_releases(older, release)
        return Response({
            "from": older.number, "to": release.number, "summary": summarise(changes), "changes": [c.as_dict() for c in changes],
        })


class PowerBasisSerializer(serializers.Serializer):
    law_name = serializers.CharField()
    article = serializers.CharField()
    text = serializers.CharField()


class ResponsibilitySerializer(serializers.Serializer):
    stage = serializers.CharField(source="get_stage_display")
    duty = serializers.CharField()
    basis = serializers.CharField()
    accountability_cases = serializers.CharField()
    accountability_basis = serializers.CharField()


class PowerSummarySerializer(serializers.ModelSerializer):
    type = serializers.CharField(source="get_power_type_display")
    department = serializers.CharField(source="department.title")
    department_code = serializers.CharField(source="department.org_code")
    matter_code = serializers.CharField(source="matter.code", default=None)

    class Meta:
        model = PowerEntry
        fields = ["code", "name", "type", "department", "department_code", "matter_code"]


class PowerSerializer(PowerSummarySerializer):
    exercise_level = serializers.CharField(source="get_exercise_level_display")
    power_source = serializers.CharField(source="get_power_source_display")
    bases = PowerBasisSerializer(many=True)
    responsibilities = ResponsibilitySerializer(many=True)

    class Meta(PowerSummarySerializer.Meta):
        fields = PowerSummarySerializer.Meta.fields + [
            "handling_body", "exercise_level", "power_source", "bases", "flow_description", "integrity_risks", "responsibilities",
        ]


class PowerFilter(django_filters.FilterSet):
    department = django_filters.CharFilter(field_name="department__org_code", label="实施主体组织机构代码")
    type = django_filters.CharFilter(field_name="power_type", label="职权类型代码")

    class Meta:
        model = PowerEntry
        fields = ["department", "type"]


class PowerListView(generics.ListAPIView):
    serializer_class = PowerSummarySerializer
    filterset_class = PowerFilter

    def get_queryset(self):
        return PowerEntry.objects.filter(live=True).select_related("department", "matter").order_by("code")


class PowerDetailView(generics.RetrieveAPIView):
    serializer_class = PowerSerializer

    def get_object(self):
        entry = PowerEntry.objects.filter(live=True, code=self.kwargs["code"]).select_related("department", "matter").first()
        if entry is None:
            raise NotFound("没有这个职权编码。")
        return entry


class FiguresView(APIView):
    """Reform figures of the current data; with `from` and `to` (current, <list slug>:<n>, or a date) also
    the figures between them."""

    @extend_schema(responses=OpenApiTypes.OBJECT, operation_id="figures")
    def get(self, request):
        data = {"current": figures_service.current_figures(), "stated_baselines": {
            "note": figures_service.BASELINE_NOTE, "figures": figures_service.STATED_BASELINES}}
        if "from" in request.query_params or "to" in request.query_params:
            comparison = figures_service.release_comparison(request.query_params.get("from"), request.query_params.get("to"))
            if comparison and "error" in comparison:
                raise ValidationError({"from": comparison["error"]})
            data["comparison"] = comparison
        return Response(data)
