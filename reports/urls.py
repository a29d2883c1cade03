from django.urls import path

from reports import views

urlpatterns = [
    path("export/", views.export_page, name="export"),
    path("export/download/", views.download, name="export-download"),
    path("export/jobs/<int:pk>/", views.export_job, name="export-job"),
    path("export/jobs/<int:pk>/file/", views.export_job_file, name="export-job-file"),
    path("export/questions/", views.save_questions, name="export-questions"),
    path("export/share/", views.create_share_link, name="share-create"),
    path("export/share/<int:pk>/revoke/", views.revoke_share_link, name="share-revoke"),
    path("export/import/", views.import_backup, name="import-backup"),
    path("share/<str:token>/", views.shared_summary, name="share"),
    path(
        "share/<str:token>/report.pdf",
        views.shared_file,
        {"export_format": "pdf"},
        name="share-pdf",
    ),
    path(
        "share/<str:token>/pain-history.csv",
        views.shared_file,
        {"export_format": "csv"},
        name="share-csv",
    ),
    path(
        "share/<str:token>/fhir.json",
        views.shared_file,
        {"export_format": "fhir"},
        name="share-fhir",
    ),
    path("robots.txt", views.robots_txt, name="robots"),
]
