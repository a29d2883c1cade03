from django.contrib.auth import views as auth_views
from django.urls import path

from tracker import recovery_views, views

urlpatterns = [
    path("", views.home, name="home"),
    path("signup/", views.signup, name="signup"),
    path("signup/sent/", views.signup_sent, name="signup-sent"),
    path("signup/finish/<str:token>/", views.signup_finish, name="signup-finish"),
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password-reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "password-reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password-reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("welcome/", views.welcome, name="welcome"),
    path("profile/", views.profile, name="profile"),
    path("profile/delete/", views.delete_account, name="delete-account"),
    path("account-deleted/", views.account_deleted, name="account-deleted"),
    path("profile/tokens/<int:pk>/revoke/", views.revoke_token, name="token-revoke"),
    path("today/", views.today, name="today"),
    path("day/<str:date>/", views.day, name="day"),
    path("advice/<str:language>/<str:region>.json", views.day_advice, name="day-advice"),
    path("history/", views.history, name="history"),
    path("pelvic-floor/", recovery_views.pelvic_floor, name="pelvic-floor"),
    path("recovery/", recovery_views.recovery, name="recovery"),
    path("offline/", views.offline, name="offline"),
    path("sw.js", views.service_worker, name="service-worker"),
    path("manifest.webmanifest", views.manifest, name="manifest"),
    path("favicon.ico", views.favicon, name="favicon"),
]
