from django.urls import path

from reminders import api

urlpatterns = [
    path("reminders/", api.ReminderListView.as_view(), name="api-reminders"),
    path("reminders/test/", api.TestReminderView.as_view(), name="api-reminder-test"),
    path("reminders/<int:pk>/", api.ReminderDetailView.as_view(), name="api-reminder"),
    path("push-subscriptions/", api.PushSubscriptionView.as_view(), name="api-push"),
    path("inbox/", api.InboxView.as_view(), name="api-inbox"),
    path("inbox/actions/", api.ReminderActionView.as_view(), name="api-reminder-action"),
]
