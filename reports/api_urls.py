from django.urls import path

from reports import api

urlpatterns = [
    path("export/<str:export_format>/", api.ExportView.as_view(), name="api-export"),
    path("export-jobs/<int:pk>/", api.ExportJobView.as_view(), name="api-export-job"),
    path("export-jobs/<int:pk>/file/", api.ExportJobFileView.as_view(), name="api-export-job-file"),
    path("share-links/", api.ShareLinkListView.as_view(), name="api-share-links"),
    path("share-links/<int:pk>/", api.ShareLinkView.as_view(), name="api-share-link"),
]
