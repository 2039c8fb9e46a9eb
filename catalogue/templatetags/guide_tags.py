"""Small formatting helpers for the guide page: facts the source did not give are written 未注明, never guessed."""

import re
from decimal import Decimal

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from catalogue.structured_data import absolute_url, json_ld_script
from catalogue.time_limits import TimeLimit

register = template.Library()

_PHONE_SPLIT = re.compile(r"\s*[、，,；;/]\s*|\s{2,}")


@register.filter
def unspecified(value):
    """The value, or 未注明 when it is empty (blank text, None)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return _("未注明")
    return value


@register.filter
def yes_no(value):
    if value is None:
        return _("未注明")
    return _("是") if value else _("否")


@register.filter
def percent(rate: Decimal | None):
    """承诺提速率 0.6667 → 66.67%."""
    if rate is None:
        return ""
    text = f"{(Decimal(rate) * 100).quantize(Decimal('0.01')).normalize():f}"
    return f"{text}%"


@register.filter
def limit_text(limit: TimeLimit):
    """A time limit with its unit ("30个工作日"), or 未注明 when the matter gives none."""
    if limit is None or not limit.is_set:
        return _("未注明")
    return str(limit)


@register.filter
def copies_text(count):
    return _("未注明") if count is None else _("%(n)s 份") % {"n": count}


@register.filter
def phone_numbers(text: str) -> list[str]:
    """"020-83133283、020-83134746" → one number per item, so each becomes its own tel: link."""
    return [p for p in _PHONE_SPLIT.split(text or "") if p.strip()]


@register.filter
def tel_href(number: str) -> str:
    digits = re.sub(r"[^\d+]", "", number)
    return f"tel:{digits}" if len(digits) >= 3 else ""


@register.simple_tag(takes_context=True)
def matter_json_ld(context, page):
    """<script type="application/ld+json"> with the schema.org GovernmentService of the matter."""
    return mark_safe(json_ld_script(page, context.get("request")))


@register.simple_tag(takes_context=True)
def canonical_url(context, page):
    return absolute_url(page, context.get("request"))
