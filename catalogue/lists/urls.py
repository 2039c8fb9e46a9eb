"""Public pages and API of lists, releases, the 权责清单, reform figures and open data (one include in cms/urls)."""

from django.urls import path

from catalogue.lists import api, opendata, views

urlpatterns = [
    # —— public pages ——
    path("qingdan/", views.list_index, name="list_index"),
    path("qingdan/<slug:slug>/", views.list_detail, name="list_detail"),
    path("qingdan/<slug:slug>/xiazai.<str:fmt>", views.list_download, name="list_download"),
    path("qingdan/<slug:slug>/banben/", views.release_history, name="list_releases"),
    path("qingdan/<slug:slug>/banben/<int:number>/", views.release_detail, name="list_release"),
    path("qingdan/<slug:slug>/banben/<int:number>/duibi/", views.release_diff, name="list_release_diff"),
    path("qingdan/<slug:slug>/banben/<int:number>/xiazai.<str:fmt>", views.release_download, name="list_release_download"),
    path("quanze/", views.power_index, name="power_index"),
    path("quanze/xiazai.<str:fmt>", views.power_download, name="power_download"),
    path("quanze/<str:code>/", views.power_detail, name="power_detail"),
    path("chengxiao/", views.figures_page, name="figures"),
    path("kaifang/", opendata.open_data_page, name="open_data"),
    path("kaifang/shixiang.<str:fmt>", opendata.catalogue_download, name="open_data_download"),
    # —— API ——
    path("api/v1/lists/", api.ListIndexView.as_view(), name="api_list_index"),
    path("api/v1/lists/<slug:slug>/", api.ListDetailView.as_view(), name="api_list_detail"),
    path("api/v1/lists/<slug:slug>/releases/", api.ReleaseListView.as_view(), name="api_list_releases"),
    path("api/v1/lists/<slug:slug>/releases/<int:number>/", api.ReleaseDetailView.as_view(), name="api_list_release"),
    path("api/v1/lists/<slug:slug>/releases/<int:number>/diff/", api.ReleaseDiffView.as_view(), name="api_list_release_diff"),
    path("api/v1/powers/", api.PowerListView.as_view(), name="api_power_list"),
    path("api/v1/powers/<str:code>/", api.PowerDetailView.as_view(), name="api_power_detail"),
    path("api/v1/figures/", api.FiguresView.as_view(), name="api_figures"),
    path("api/v1/matters/<str:code>/cpsv.jsonld", opendata.matter_cpsv, name="api_matter_cpsv"),
]
