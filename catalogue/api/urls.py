from django.urls import path

from catalogue.api import views

urlpatterns = [
    path("matters/", views.MatterListView.as_view(), name="api_matter_list"),
    path("matters/<str:code>/", views.MatterDetailView.as_view(), name="api_matter_detail"),
]
