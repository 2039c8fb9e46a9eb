from django.urls import path

from search import views

urlpatterns = [
    path("search/", views.search_page, name="search"),
    path("search/go/", views.go, name="search_go"),
    path("api/v1/search/", views.api_search, name="api_search"),
    path("api/v1/search/suggest/", views.api_suggest, name="api_search_suggest"),
]
