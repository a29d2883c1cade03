from django.urls import path

from insights import views

urlpatterns = [
    path("insights/", views.insights_page, name="insights"),
]
