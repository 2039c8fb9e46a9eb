"""Tags for the public site frame: the main menu and the page language."""

from django import template
from django.utils.translation import get_language

from cms.navigation import main_menu

register = template.Library()


@register.inclusion_tag("includes/main_nav.html", takes_context=True)
def main_navigation(context):
    return {"items": main_menu(context.get("request"), context.get("page")), "request": context.get("request")}


@register.simple_tag
def html_lang() -> str:
    """BCP 47 tag for <html lang>: zh-Hans (what screen readers expect), not Django's zh-hans."""
    language = get_language() or "zh-hans"
    return "zh-Hans" if language.lower() in {"zh-hans", "zh-cn"} else language
