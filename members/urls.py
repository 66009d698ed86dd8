from django.urls import path

from . import views

app_name = "members"

urlpatterns = [
    path("account/login/", views.LoginView.as_view(), name="login"),
    path("account/logout/", views.LogoutView.as_view(), name="logout"),
    path("account/forgot-username/", views.forgot_username, name="forgot_username"),
    path("account/password-reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "account/password-reset/sent/",
        views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "account/password-reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "account/password-reset/complete/",
        views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("account/create/", views.signup, name="signup"),
    path("account/create/<int:step>/", views.signup_step, name="signup_step"),
    path("account/", views.account, name="account"),
    path("account/file/", views.file, name="file"),
    path("account/file/photo/", views.photo, name="photo"),
    path("account/file/username/", views.change_username, name="username"),
    path("account/file/email/", views.change_email, name="email"),
    path("account/email/confirm/<str:token>/", views.confirm_email, name="email_confirm"),
    path("account/file/addresses/", views.addresses, name="addresses"),
    path("account/file/information/", views.information, name="information"),
    path("account/file/functions/", views.functions, name="functions"),
    path("account/file/functions/<int:pk>/end/", views.end_function, name="function_end"),
    path("account/file/subscriptions/", views.subscriptions, name="subscriptions"),
    path("account/file/interests/", views.interests, name="interests"),
    path("account/file/password/", views.change_password, name="password"),
    path("account/file/directory/", views.directory_preferences, name="directory_preferences"),
    path("account/file/my-data.json", views.download_data, name="download_data"),
    path("account/file/delete/", views.deletion_request, name="deletion_request"),
    path("account/directory/", views.directory, name="directory"),
    path("account/account-requests/", views.account_request, name="account_request"),
    path(
        "account/organizations/<int:pk>/statement.pdf",
        views.organization_statement,
        name="organization_statement",
    ),
]
