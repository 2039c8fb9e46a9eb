from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from catalogue import views as catalogue_views

urlpatterns = [
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v1/schema/", SpectacularAPIView.as_view(), name="api_schema"),
    path("api/v1/docs/", SpectacularRedocView.as_view(url_name="api_schema"), name="api_docs"),
    path("", include("catalogue.versioning_urls")),
    path("", include("standards.urls")),
    path("", include("search.urls")),
    path("api/v1/", include("catalogue.api.urls")),
    path("m/<str:code>/", catalogue_views.matter_short_url, name="matter_short_url"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("catalogue.lists.urls")),
    path("", include("catalogue.print_urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]
