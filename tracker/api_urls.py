from django.urls import path

from tracker import api

urlpatterns = [
    path("auth/token/", api.TokenView.as_view(), name="api-token"),
    path("me/", api.MeView.as_view(), name="api-me"),
    path("days/", api.DayListView.as_view(), name="api-days"),
    path("days/<str:date>/", api.DayView.as_view(), name="api-day"),
    path("catalogue/", api.CatalogueView.as_view(), name="api-catalogue"),
]
