"""The matter under stable English keys. Names follow the model (promised_limit everywhere)."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field, inline_serializer
from rest_framework import serializers

from catalogue.choices import TimeUnit
from catalogue.models import (
    DepartmentPage,
    MatterFAQ,
    MatterFee,
    MatterLegalBasis,
    MatterLocation,
    MatterMaterial,
    MatterPage,
    MatterResult,
    MatterSpecialStep,
    MatterStep,
)


@extend_schema_field(
    inline_serializer("CodeLabel", fields={"code": serializers.CharField(), "label": serializers.CharField()})
)
class CodeLabelField(serializers.Field):
    """A coded value as {code, label}."""

    def __init__(self, choices_field: str, **kwargs):
        self.choices_field = choices_field
        kwargs["source"] = "*"
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, obj):
        code = getattr(obj, self.choices_field)
        return {"code": code, "label": getattr(obj, f"get_{self.choices_field}_display")()}


def label_of(field_name: str):
    return serializers.CharField(source=f"get_{field_name}_display", read_only=True)


class TimeLimitSerializer(serializers.Serializer):
    value = serializers.DecimalField(max_digits=6, decimal_places=1, coerce_to_string=False, allow_null=True)
    unit = serializers.SerializerMethodField()
    note = serializers.CharField()

    def get_unit(self, limit) -> str:
        return TimeUnit(limit.unit).label


class MaterialSerializer(serializers.ModelSerializer):
    necessity = label_of("necessity")
    kind = label_of("kind")
    form = label_of("form")
    source = label_of("source")
    shared_material = serializers.CharField(source="shared_material.name", default=None, read_only=True)

    class Meta:
        model = MatterMaterial
        fields = [
            "name", "shared_material", "necessity", "kind", "form", "originals", "copies", "paper_size", "source",
            "source_body", "instructions", "acceptance_standard", "basis", "situation",
        ]


class StepSerializer(serializers.ModelSerializer):
    class Meta:
        model = MatterStep
        fields = ["name", "handler", "time_limit", "review_standard", "result"]


class SpecialStepSerializer(serializers.ModelSerializer):
    class Meta:
        model = MatterSpecialStep
        fields = ["name", "time_limit", "basis", "counted_in_limit"]


class FeeSerializer(serializers.ModelSerializer):
    class Meta:
        model = MatterFee
        fields = ["name", "standard", "basis", "reducible", "reduction_basis"]


class LegalBasisSerializer(serializers.ModelSerializer):
    class Meta:
        model = MatterLegalBasis
        fields = ["law_name", "document_number", "article", "text"]


class ResultSerializer(serializers.ModelSerializer):
    kind = label_of("kind")

    class Meta:
        model = MatterResult
        fields = ["name", "kind", "validity"]


class LocationSerializer(serializers.ModelSerializer):
    class Meta:
        model = MatterLocation
        fields = ["address", "hours", "phone"]


class FAQSerializer(serializers.ModelSerializer):
    class Meta:
        model = MatterFAQ
        fields = ["question", "answer"]


@extend_schema_field(
    inline_serializer(
        "DepartmentRef",
        fields={"name": serializers.CharField(), "code": serializers.CharField(), "region": serializers.CharField()},
    )
)
class DepartmentField(serializers.Field):
    def __init__(self, **kwargs):
        kwargs["source"] = "*"
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, matter):
        department = matter.department
        return {"name": department.title, "code": department.org_code, "region": department.region.name}


class MatterSummarySerializer(serializers.ModelSerializer):
    type = CodeLabelField("matter_type")
    department = DepartmentField()
    url = serializers.SerializerMethodField()
    status = label_of("status")
    updated_at = serializers.DateTimeField(source="last_published_at", read_only=True)

    class Meta:
        model = MatterPage
        fields = ["code", "name", "type", "department", "status", "url", "updated_at"]
        extra_kwargs = {"name": {"source": "title"}}

    name = serializers.CharField(source="title", read_only=True)

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, matter) -> str:
        request = self.context.get("request")
        url = matter.get_url(request=request)
        return request.build_absolute_uri(url) if request and url and url.startswith("/") else url


class MatterSerializer(MatterSummarySerializer):
    basic_code = serializers.CharField(read_only=True)
    catalogue_item = serializers.SerializerMethodField()
    exercise_level = label_of("exercise_level")
    power_source = label_of("power_source")
    handling_type = label_of("handling_type")
    legal_limit = TimeLimitSerializer(read_only=True)
    promised_limit = TimeLimitSerializer(read_only=True)
    speedup_rate = serializers.DecimalField(max_digits=6, decimal_places=4, coerce_to_string=False, read_only=True, allow_null=True)
    conditions = serializers.SerializerMethodField()
    materials = MaterialSerializer(many=True, read_only=True)
    steps = StepSerializer(many=True, read_only=True)
    special_steps = SpecialStepSerializer(many=True, read_only=True)
    fees = FeeSerializer(many=True, read_only=True)
    legal_basis = LegalBasisSerializer(source="legal_bases", many=True, read_only=True)
    results = ResultSerializer(many=True, read_only=True)
    locations = LocationSerializer(many=True, read_only=True)
    faqs = FAQSerializer(many=True, read_only=True)
    themes = serializers.SerializerMethodField()
    service_objects = serializers.SerializerMethodField()
    aliases = serializers.SerializerMethodField()
    handling_forms = serializers.ListField(child=serializers.CharField(), read_only=True)
    online_depth = label_of("online_depth")
    cross_area_scope = label_of("cross_area_scope")
    windows = serializers.SerializerMethodField()
    short_url = serializers.SerializerMethodField()

    class Meta(MatterSummarySerializer.Meta):
        fields = MatterSummarySerializer.Meta.fields + [
            "basic_code", "local_code", "catalogue_item", "handling_item_name", "short_name", "exercise_level",
            "power_source", "entrusting_department", "joint_bodies", "handling_type", "legal_limit", "promised_limit",
            "speedup_rate", "conditions", "quantity_limit", "prohibitions", "materials", "steps", "special_steps",
            "charges", "fees", "legal_basis", "results", "handling_forms", "online_depth", "online_url", "online_platform",
            "visits", "visits_reason", "cross_area_scope", "locations", "office_hours", "windows", "consult_phone",
            "consult_other", "complaint_phone", "complaint_other", "supports_appointment", "appointment_url",
            "supports_courier", "supports_online_payment", "supports_self_service", "faqs", "themes", "service_objects",
            "aliases", "last_verified", "next_review", "short_url",
        ]

    @extend_schema_field(
        inline_serializer(
            "CatalogueItemRef",
            fields={"code": serializers.CharField(), "name": serializers.CharField(), "level": serializers.CharField()},
            allow_null=True,
        )
    )
    def get_catalogue_item(self, matter) -> dict | None:
        item = matter.catalogue_item
        return {"code": item.code, "name": item.name, "level": item.get_level_display()} if item else None

    def get_conditions(self, matter) -> list[str]:
        return [c.text for c in matter.conditions.all()]

    def get_themes(self, matter) -> list[str]:
        return [t.name for t in matter.themes.all()]

    def get_service_objects(self, matter) -> list[str]:
        return [s.name for s in matter.service_objects.all()]

    def get_aliases(self, matter) -> list[str]:
        return [a.name for a in matter.alias_names.all()]

    @extend_schema_field(
        inline_serializer(
            "WindowRef",
            many=True,
            fields={n: serializers.CharField() for n in ("number", "name", "hall", "floor")},
        )
    )
    def get_windows(self, matter) -> list[dict]:
        return [{"number": w.number, "name": w.name, "hall": w.hall, "floor": w.floor} for w in matter.windows.all()]

    @extend_schema_field(OpenApiTypes.URI)
    def get_short_url(self, matter) -> str:
        request = self.context.get("request")
        url = matter.get_short_url()
        return request.build_absolute_uri(url) if request else url


class DepartmentSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="title", read_only=True)
    code = serializers.CharField(source="org_code", read_only=True)
    nature = label_of("nature")
    region = serializers.SerializerMethodField()
    matter_count = serializers.IntegerField(read_only=True)
    matters_url = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()

    class Meta:
        model = DepartmentPage
        fields = ["name", "code", "credit_code", "short_name", "nature", "region", "address", "phone", "website", "matter_count", "matters_url", "url"]

    @extend_schema_field(
        inline_serializer("RegionRef", fields={"code": serializers.CharField(), "name": serializers.CharField()})
    )
    def get_region(self, department) -> dict:
        return {"code": department.region.code, "name": department.region.name}

    @extend_schema_field(OpenApiTypes.URI)
    def get_matters_url(self, department) -> str:
        from urllib.parse import urlencode

        from django.urls import reverse

        url = f"{reverse('api_matter_list')}?{urlencode({'department': department.org_code})}"
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request else url

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, department) -> str:
        request = self.context.get("request")
        url = department.get_url(request=request)
        return request.build_absolute_uri(url) if request and url and url.startswith("/") else url
