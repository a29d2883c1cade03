from django.urls import path

from tracker import api, recovery_api

urlpatterns = [
    path("auth/token/", api.TokenView.as_view(), name="api-token"),
    path("me/", api.MeView.as_view(), name="api-me"),
    path("days/", api.DayListView.as_view(), name="api-days"),
    path("days/<str:date>/", api.DayView.as_view(), name="api-day"),
    path("catalogue/", api.CatalogueView.as_view(), name="api-catalogue"),
    path("recovery/", recovery_api.RecoveryView.as_view(), name="api-recovery"),
    path(
        "function-activities/",
        recovery_api.FunctionActivityListView.as_view(),
        name="api-function-activities",
    ),
    path(
        "function-activities/<uuid:id>/",
        recovery_api.FunctionActivityView.as_view(),
        name="api-function-activity",
    ),
    path("function-weeks/", recovery_api.FunctionWeekListView.as_view(), name="api-function-weeks"),
    path(
        "function-weeks/<str:week>/",
        recovery_api.FunctionWeekView.as_view(),
        name="api-function-week",
    ),
    path(
        "running-readiness/",
        recovery_api.RunningReadinessView.as_view(),
        name="api-running-readiness",
    ),
]
