from django.urls import path

from standards import views
from standards.api import views as api

app_name = "standards"

urlpatterns = [
    path("standards/", views.system_tree, name="tree"),
    path("standards/catalogue/", views.catalogue, name="catalogue"),
    path("standards/<path:key>/standard.pdf", views.standard_pdf, name="pdf"),
    path("standards/<path:key>/", views.detail, name="detail"),
    path("api/v1/standards/", api.StandardListView.as_view(), name="api_list"),
    path("api/v1/standards/coverage/", api.CoverageView.as_view(), name="api_coverage"),
    path("api/v1/standards/<path:key>/", api.StandardDetailView.as_view(), name="api_detail"),
]
