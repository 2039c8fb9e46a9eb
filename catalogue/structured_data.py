"""schema.org GovernmentService JSON-LD of a matter, embedded in its guide page.

Only facts the matter holds are written; an empty value is left out rather than filled with a guess. The JSON
is escaped for an HTML <script> element (<, >, & as \\u escapes), so a "</script>" in any text cannot end it.
"""

import json

from catalogue.choices import MatterStatus

_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def _clean(data):
    """Drop empty values (None, "", [], {}) recursively."""
    if isinstance(data, dict):
        cleaned = {k: _clean(v) for k, v in data.items()}
        return {k: v for k, v in cleaned.items() if v not in (None, "", [], {})}
    if isinstance(data, list):
        return [v for v in (_clean(v) for v in data) if v not in (None, "", [], {})]
    return data


def absolute_url(page, request=None) -> str:
    """The page's address as the visitor reached the site (the Site record may still say localhost:80)."""
    if not page.pk:
        return ""
    if request is not None:
        return request.build_absolute_uri(page.get_url(request))
    return page.get_full_url() or ""


def government_service(page, request=None) -> dict:
    department = page.department
    provider = None
    area = None
    if department is not None:
        provider = {
            "@type": "GovernmentOrganization",
            "name": department.title,
            "identifier": department.credit_code or department.org_code,
            "telephone": department.phone,
            "address": department.address,
            "url": department.website,
        }
        area = {"@type": "AdministrativeArea", "name": department.region.full_name, "identifier": department.region.code}
    channels = []
    if page.online_url:
        channels.append({"@type": "ServiceChannel", "name": "在线办理", "serviceUrl": page.online_url})
    for location in page.locations.all():
        channels.append(
            {
                "@type": "ServiceChannel",
                "name": "窗口办理",
                "serviceLocation": {"@type": "Place", "address": location.address, "telephone": location.phone},
            }
        )
    if page.consult_phone:
        channels.append(
            {"@type": "ServiceChannel", "name": "咨询", "servicePhone": {"@type": "ContactPoint", "telephone": page.consult_phone, "contactType": "咨询"}}
        )
    url = absolute_url(page, request)
    data = {
        "@context": "https://schema.org",
        "@type": "GovernmentService",
        "name": page.title,
        "identifier": page.code,
        "alternateName": [alias.name for alias in page.alias_names.all()],
        "serviceType": page.get_matter_type_display(),
        "category": [theme.name for theme in page.themes.all()],
        "audience": [{"@type": "Audience", "audienceType": obj.name} for obj in page.service_objects.all()],
        "provider": provider,
        "serviceOperator": provider,
        "areaServed": area,
        "availableChannel": channels,
        "url": url,
    }
    if page.status != MatterStatus.ACTIVE:
        data["description"] = f"事项状态：{page.get_status_display()}"
    return _clean(data)


def json_ld_script(page, request=None) -> str:
    text = json.dumps(government_service(page, request), ensure_ascii=False, separators=(",", ":"))
    return f'<script type="application/ld+json">{text.translate(_SCRIPT_ESCAPES)}</script>'
