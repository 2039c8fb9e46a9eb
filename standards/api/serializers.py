"""Standards under stable English keys, named as in the model."""

from rest_framework import serializers

from standards.models import Standard


def _brief(standard: Standard | None) -> dict | None:
    if standard is None:
        return None
    return {"number": standard.number, "title": standard.title, "status": standard.get_status_display()}


class StandardSummarySerializer(serializers.ModelSerializer):
    category = serializers.SerializerMethodField()
    status = serializers.CharField(source="get_status_display", read_only=True)
    status_code = serializers.CharField(source="status", read_only=True)
    url = serializers.SerializerMethodField()
    api_url = serializers.SerializerMethodField()

    class Meta:
        model = Standard
        fields = ["number", "title", "title_en", "category", "status", "status_code", "issued_on", "effective_on", "abolished_on",
                  "url", "api_url"]

    def get_category(self, standard) -> dict:
        return {"code": standard.category.code, "name": standard.category.name}

    def _absolute(self, url: str) -> str:
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request else url

    def get_url(self, standard) -> str:
        return self._absolute(standard.get_url())

    def get_api_url(self, standard) -> str:
        from django.urls import reverse

        return self._absolute(reverse("standards:api_detail", args=[standard.slug]))


class StandardSerializer(StandardSummarySerializer):
    kind = serializers.CharField(source="kind_label", read_only=True)
    source = serializers.CharField(source="get_source_display", read_only=True)
    levels = serializers.SerializerMethodField()
    replaces = serializers.SerializerMethodField()
    replaced_by = serializers.SerializerMethodField()
    editions = serializers.SerializerMethodField()
    references = serializers.SerializerMethodField()
    body = serializers.SerializerMethodField()
    matters = serializers.SerializerMethodField()
    windows = serializers.SerializerMethodField()
    posts = serializers.SerializerMethodField()
    attachments = serializers.SerializerMethodField()

    class Meta(StandardSummarySerializer.Meta):
        fields = StandardSummarySerializer.Meta.fields + [
            "prefix", "serial", "part", "year", "kind", "source", "issuing_body", "responsible_body", "drafters", "levels",
            "replaces", "replaced_by", "editions", "references", "scope", "body", "note", "matters", "windows", "posts", "attachments",
        ]

    def get_levels(self, standard) -> list[str]:
        return [level.name for level in standard.levels.all()]

    def get_replaces(self, standard) -> list[dict]:
        return [_brief(s) for s in standard.replaces.filter(live=True).order_by("sort_key")]

    def get_replaced_by(self, standard) -> list[dict]:
        return [_brief(s) for s in standard.replaced_by.filter(live=True).order_by("sort_key")]

    def get_editions(self, standard) -> list[dict]:
        return [_brief(s) for s in standard.edition_chain()]

    def get_references(self, standard) -> list[dict]:
        rows = []
        for reference in standard.references.select_related("cited"):
            edition = reference.applicable_edition()
            rows.append({
                "number": reference.display_number, "title": reference.cited_title or (reference.cited.title if reference.cited else ""),
                "dated": reference.dated, "applicable_edition": _brief(edition), "cites_abolished": reference.cites_abolished,
            })
        return rows

    def get_body(self, standard) -> list[dict]:
        return [
            {"number": c.value["number"], "heading": c.value["heading"], "text": c.value["text"], "items": list(c.value["items"])}
            for c in standard.body if c.block_type == "clause"
        ]

    def get_matters(self, standard) -> list[dict]:
        request = self.context.get("request")
        rows = []
        for matter in standard.matters.filter(live=True).order_by("code"):
            url = matter.get_url(request=request)
            rows.append({"code": matter.code, "name": matter.title,
                         "url": request.build_absolute_uri(url) if request and url and url.startswith("/") else url})
        return rows

    def get_windows(self, standard) -> list[dict]:
        return [{"number": w.number, "name": w.name, "hall": w.hall} for w in standard.windows.all()]

    def get_posts(self, standard) -> list[str]:
        return [p.name for p in standard.posts.all()]

    def get_attachments(self, standard) -> list[dict]:
        return [{"title": a.title, "url": self._absolute(a.document.url)} for a in standard.attachments.select_related("document")]
