"""Versions of a matter in the API: the list, one version's full matter JSON, and the field-level diff
between two versions."""

from django.urls import reverse
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from catalogue.api.serializers import MatterSerializer
from catalogue.change_log import change_log
from catalogue.models import MatterPage, MatterVersion


class VersionedMatterSerializer(MatterSerializer):
    """The matter with its status facts; what a version's snapshot stores."""

    public_updated_at = serializers.DateTimeField(read_only=True)
    withdrawal = serializers.SerializerMethodField()

    class Meta(MatterSerializer.Meta):
        fields = MatterSerializer.Meta.fields + ["public_updated_at", "withdrawal"]

    def get_withdrawal(self, matter) -> dict | None:
        if not matter.is_withdrawn:
            return None
        replaced_by = matter.replaced_by
        return {
            "status": matter.get_status_display(),
            "reason": matter.withdrawal_reason,
            "date": matter.withdrawn_on.isoformat() if matter.withdrawn_on else None,
            "replaced_by": {"code": replaced_by.code, "name": replaced_by.title, "short_url": replaced_by.get_short_url()} if replaced_by else None,
        }


class VersionSummarySerializer(serializers.ModelSerializer):
    change_note = serializers.CharField(source="public_note", read_only=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = MatterVersion
        fields = ["number", "published_at", "major", "change_note", "url"]

    def get_url(self, version) -> str:
        request = self.context.get("request")
        url = version.get_absolute_url()
        return request.build_absolute_uri(url) if request else url


def _matter(code) -> MatterPage:
    matter = MatterPage.objects.live().filter(code=code).first()
    if matter is None:
        raise NotFound("没有这个实施编码的事项。")
    return matter


def _version(matter, number) -> MatterVersion:
    version = MatterVersion.objects.filter(matter=matter, number=number).first()
    if version is None:
        raise NotFound(f"事项没有第{number}版。")
    return version


class VersionListView(APIView):
    @extend_schema(responses=VersionSummarySerializer(many=True), summary="事项的已发布版本")
    def get(self, request, code):
        matter = _matter(code)
        versions = MatterVersion.objects.filter(matter=matter).order_by("number")
        return Response(VersionSummarySerializer(versions, many=True, context={"request": request}).data)


class VersionDetailView(APIView):
    @extend_schema(summary="某一版本的完整事项内容")
    def get(self, request, code, number):
        matter = _matter(code)
        version = _version(matter, number)
        data = dict(version.snapshot)
        current = MatterVersion.objects.filter(matter=matter).order_by("-number").first()
        data["version"] = {
            **VersionSummarySerializer(version, context={"request": request}).data,
            "current": version.pk == current.pk,
            "current_url": request.build_absolute_uri(matter.url or reverse("matter_short_url", args=[code])),
        }
        return Response(data)


class DiffQuery(serializers.Serializer):
    from_ = serializers.IntegerField(min_value=1, label="起始版本号")
    to = serializers.IntegerField(min_value=1, label="目标版本号")

    def to_internal_value(self, data):
        data = {"from_": data.get("from"), "to": data.get("to")}
        return super().to_internal_value(data)


class DiffView(APIView):
    @extend_schema(
        summary="两个版本之间的字段级变更",
        parameters=[OpenApiParameter("from", int, required=True), OpenApiParameter("to", int, required=True)],
    )
    def get(self, request, code):
        matter = _matter(code)
        query = DiffQuery(data=request.query_params)
        if not query.is_valid():
            errors = query.errors
            if "from_" in errors:
                errors["from"] = errors.pop("from_")
            raise ValidationError(errors)
        old = _version(matter, query.validated_data["from_"])
        new = _version(matter, query.validated_data["to"])
        changes = change_log(old.snapshot, new.snapshot)
        return Response({"code": matter.code, "from": old.number, "to": new.number, "changes": changes})

