from django.urls import path

from reminders import views

urlpatterns = [
    path("reminders/", views.reminders, name="reminders"),
    path("reminders/new/", views.save_schedule, name="reminder-new"),
    path("reminders/<int:pk>/", views.save_schedule, name="reminder-save"),
    path("reminders/<int:pk>/delete/", views.delete_schedule, name="reminder-delete"),
    path("reminders/quiet-hours/", views.quiet_hours, name="quiet-hours"),
    path("reminders/test/", views.test_reminder, name="reminder-test"),
    path("inbox/", views.inbox, name="inbox"),
]
