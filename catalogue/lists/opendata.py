"""开放数据: the whole catalogue as XLSX, CSV and JSON, and each matter as CPSV-AP JSON-LD."""

import json

from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone

from catalogue.choices import TimeUnit
from catalogue.lists.api import public_row
from catalogue.lists.rules import all_rows, base_queryset
from catalogue.models import MatterPage
from catalogue.spreadsheets.exports import rows_download

LICENCE = {"name": "知识共享署名 4.0 国际许可协议（CC BY 4.0）", "url": "https://creativecommons.org/licenses/by/4.0/deed.zh"}
SOURCE_NOTICE = "演示数据来自广东政务服务网（2021年5月），经 Clarence-Kong/QABasedOnPolicyKnowledgeGraph 项目整理，MIT 许可，Copyright (c) 2021 clarencekong。"
ISO_UNIT = {TimeUnit.WORKING_DAYS: "D", TimeUnit.NATURAL_DAYS: "D", TimeUnit.MONTHS: "M", TimeUnit.YEARS: "Y"}


def last_update():
    latest = base_queryset().order_by("-last_published_at").values_list("last_published_at", flat=True).first()
    return timezone.localtime(latest) if latest else None


def open_data_page(request):
    return render(
        request,
        "catalogue/opendata.html",
        {"licence": LICENCE, "source_notice": SOURCE_NOTICE, "updated": last_update(), "count": base_queryset().count(),
         "formats": [("xlsx", "Excel 电子表格（XLSX）"), ("csv", "逗号分隔值（CSV，UTF-8）"), ("json", "JSON")]},
    )


def catalogue_download(request, fmt):
    rows = all_rows()
    if fmt == "json":
        updated = last_update()
        data = {
            "title": "政务服务事项目录", "licence": LICENCE, "source": SOURCE_NOTICE,
            "updated": updated.isoformat() if updated else None, "count": len(rows), "matters": [public_row(r) for r in rows],
        }
        response = JsonResponse(data, json_dumps_params={"ensure_ascii": False})
        response["Content-Disposition"] = "attachment; filename=shixiang.json"
        return response
    if fmt not in ("xlsx", "csv"):
        raise Http404("不支持的下载格式")
    return rows_download(rows, fmt, "政务服务事项目录")


def _duration(limit) -> str | None:
    if limit.value is None or limit.unit not in ISO_UNIT:
        return None
    return f"P{limit.value.normalize():f}{ISO_UNIT[limit.unit]}"


def cpsv(matter: MatterPage, request) -> dict:
    department = matter.department
    url = request.build_absolute_uri(matter.get_short_url())
    service = {
        "@context": {
            "cpsv": "http://purl.org/vocab/cpsv#", "cv": "http://data.europa.eu/m8g/", "dct": "http://purl.org/dc/terms/",
            "skos": "http://www.w3.org/2004/02/skos/core#", "schema": "https://schema.org/",
        },
        "@id": url,
        "@type": "cpsv:PublicService",
        "dct:identifier": matter.code,
        "dct:title": {"@language": "zh", "@value": matter.title},
        "dct:type": matter.get_matter_type_display(),
        "cv:hasCompetentAuthority": {
            "@type": "cv:PublicOrganisation",
            "dct:identifier": department.org_code,
            "skos:prefLabel": {"@language": "zh", "@value": department.title},
            "dct:spatial": department.region.name,
        },
        "cv:hasCriterionRequirement": [{"@type": "cv:CriterionRequirement", "dct:title": c.text} for c in matter.conditions.all()],
        "cv:hasInput": [{"@type": "cv:Evidence", "dct:title": m.name} for m in matter.materials.all()],
        "cv:hasLegalResource": [{"@type": "cv:LegalResource", "dct:title": f"{b.law_name}{b.article}"} for b in matter.legal_bases.all()],
        "cv:produces": [{"@type": "cv:Output", "dct:title": r.name} for r in matter.results.all()],
        "cv:hasCost": (
            [{"@type": "cv:Cost", "dct:description": f"{f.name}：{f.standard}"} for f in matter.fees.all()]
            if matter.charges else [{"@type": "cv:Cost", "cv:value": 0, "dct:description": "不收费"}]
        ),
        "cv:hasChannel": [{"@type": "cv:Channel", "dct:type": form} for form in matter.handling_forms],
        "cv:hasContactPoint": {"@type": "cv:ContactPoint", "schema:telephone": matter.consult_phone},
        "dct:isPartOf": matter.catalogue_item.code if matter.catalogue_item_id else None,
    }
    duration = _duration(matter.promised_limit) or _duration(matter.legal_limit)
    if duration:
        service["cv:processingTime"] = duration
    return service


def matter_cpsv(request, code):
    matter = MatterPage.objects.live().with_guide_rows().filter(code=code).first()
    if matter is None:
        return JsonResponse({"detail": "没有这个实施编码的事项。"}, status=404, json_dumps_params={"ensure_ascii": False})
    return HttpResponse(
        json.dumps(cpsv(matter, request), ensure_ascii=False, indent=2), content_type="application/ld+json; charset=utf-8"
    )
