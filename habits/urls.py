from django.urls import path

from habits import views

urlpatterns = [
    path("tips/", views.tips, name="tips"),
    path("tips/<slug:key>/", views.tip, name="tip"),
]
