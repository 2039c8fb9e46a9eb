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


@register.simple_tag(takes_context=True)
def theme_url(context, theme) -> str:
    """The address of a theme page (a route of the home page), or "" when there is no home page."""
    from cms.models import HomePage

    request = context.get("request")
    home = context.get("_home_page")
    if home is None:
        home = HomePage.objects.live().first()
        context["_home_page"] = home
    if home is None:
        return ""
    return (home.get_url(request) or "/").rstrip("/") + "/" + home.reverse_subpage("theme", args=[theme.slug])
