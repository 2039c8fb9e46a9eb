from django.urls import path

from . import print_views

urlpatterns = [
    path("m/<str:code>/v/<int:number>/", print_views.matter_print_version, name="matter_print_version"),
    path("m/<str:code>/v/<int:number>/<str:filename>", print_views.matter_version_pdf, name="matter_version_pdf"),
    path("m/<str:code>/<str:filename>", print_views.matter_pdf, name="matter_pdf"),
]
