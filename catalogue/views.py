from django.http import Http404
from django.shortcuts import redirect

from catalogue.models import MatterPage


def matter_short_url(request, code):
    """/m/<实施编码>/: the stable address printed on paper; it always leads to the matter's current page."""
    matter = MatterPage.objects.live().filter(code=code).first()
    if matter is None:
        raise Http404("没有这个实施编码的事项")
    return redirect(matter.url)
