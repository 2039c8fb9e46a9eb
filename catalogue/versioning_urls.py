from django.urls import path

from catalogue import versioning_views
from catalogue.api import versions

urlpatterns = [
    path("m/<str:code>/v/<int:number>/", versioning_views.matter_version, name="matter_version"),
    path("api/v1/matters/<str:code>/versions/", versions.VersionListView.as_view(), name="api_matter_versions"),
    path("api/v1/matters/<str:code>/versions/<int:number>/", versions.VersionDetailView.as_view(), name="api_matter_version"),
    path("api/v1/matters/<str:code>/diff/", versions.DiffView.as_view(), name="api_matter_diff"),
]
