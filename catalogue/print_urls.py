from django.urls import path

from cms.printing import views as printing_views

from . import notice_views, print_views

urlpatterns = [
    path("m/<str:code>/v/<int:number>/<str:filename>", print_views.matter_version_pdf, name="matter_version_pdf"),
    path("m/<str:code>/<str:filename>", print_views.matter_pdf, name="matter_pdf"),
    path("print/booklets/<int:pk>.pdf", printing_views.booklet_pdf, name="booklet_pdf"),
    path("counter/notices/", notice_views.notice_list, name="notice_list"),
    path("counter/notices/new/<str:code>/", notice_views.notice_create, name="notice_create"),
    path("counter/notices/<int:pk>.pdf", notice_views.notice_pdf, name="notice_pdf"),
]
