from pathlib import Path

import pytest
from django.template import TemplateDoesNotExist
from django.template.loader import get_template


@pytest.fixture(autouse=True)
def base_template(settings):
    """The public base template belongs to the public-site work; until it exists, pages render in a bare stand-in
    with the same blocks (title, content, extra_head, extra_js)."""
    try:
        get_template("base.html")
    except TemplateDoesNotExist:
        first = dict(settings.TEMPLATES[0], DIRS=[*settings.TEMPLATES[0]["DIRS"], Path(__file__).parent / "templates"])
        settings.TEMPLATES = [first, *settings.TEMPLATES[1:]]
    yield
