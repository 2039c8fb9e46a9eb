from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404

from .models import Booklet, BookletStatus


def booklet_pdf(request, pk: int):
    """A finished booklet (public: it holds only published guides)."""
    booklet = get_object_or_404(Booklet, pk=pk)
    if booklet.status != BookletStatus.DONE or not booklet.file:
        raise Http404("汇编尚未生成完成")
    response = FileResponse(booklet.file.open("rb"), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="booklet-{booklet.pk}.pdf"'
    return response
