from django.urls import path
from drf_spectacular.views import SpectacularSwaggerView

from catalogue.api import views

urlpatterns = [
    path("matters/", views.MatterListView.as_view(), name="api_matter_list"),
    path("matters/<str:code>/", views.MatterDetailView.as_view(), name="api_matter_detail"),
    path("departments/", views.DepartmentListView.as_view(), name="api_department_list"),
    path("departments/<str:org_code>/", views.DepartmentDetailView.as_view(), name="api_department_detail"),
    # Swagger UI besides the ReDoc page at /api/v1/docs/; both load their JavaScript from local static files.
    path("docs/swagger/", SpectacularSwaggerView.as_view(url_name="api_schema"), name="api_swagger"),
]
