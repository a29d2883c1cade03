from django.urls import path

from insights import api

urlpatterns = [
    path("insights/", api.InsightsView.as_view(), name="api-insights"),
]
