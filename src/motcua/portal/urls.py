from django.contrib.auth import views as auth_views
from django.urls import path

from . import downloads, home, ratings, tracking, views
from .accounts import views as accounts
from .apply import views as apply
from .payments import views as pay

app_name = "portal"
urlpatterns = [
    path("", home.home, name="home"),
    path("procedures/", views.procedure_list, name="procedures"),
    path("procedures/<str:code>/", views.procedure_detail, name="procedure"),
    path(
        "procedures/<str:code>/to-khai.pdf",
        views.procedure_declaration,
        name="procedure_declaration",
    ),
    path("login/", accounts.CitizenLoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(next_page="/"), name="logout"),
    # The citizen's account.
    path("account/register/", accounts.register, name="register"),
    path("account/verify/", accounts.verify, name="verify"),
    path("account/verify/resend/", accounts.resend, name="verify_resend"),
    path("account/password/", accounts.password_reset, name="password_reset"),
    path(
        "account/password/confirm/",
        accounts.password_reset_confirm,
        name="password_reset_confirm",
    ),
    path("account/", accounts.profile, name="profile"),
    path("account/start/", accounts.start, name="start"),
    path("account/dossiers/", accounts.my_dossiers, name="my_dossiers"),
    # Applying online.
    path("apply/", apply.choose, name="apply_choose"),
    path("apply/<str:code>/", apply.details, name="apply"),
    path("apply/<str:code>/documents/", apply.documents, name="apply_documents"),
    path("apply/<str:code>/review/", apply.review, name="apply_review"),
    path("apply/<str:code>/files/<str:sha256>/", apply.draft_file, name="apply_file"),
    # Tracking, supplements, files, rating.
    path("track/", tracking.track, name="track"),
    path("track/<str:code>/", tracking.track_dossier, name="track_dossier"),
    path("track/<str:code>/supplement/", tracking.supplement, name="supplement"),
    path("track/<str:code>/result/", downloads.result, name="result"),
    path("track/<str:code>/rate/", ratings.rate, name="rate"),
    path("files/<int:pk>/", downloads.dossier_file, name="file"),
    # Fees.
    path("pay/test-gateway/", pay.test_gateway, name="test_gateway"),
    path("pay/return/<str:provider>/", pay.gateway_return, name="pay_return"),
    path("pay/ipn/<str:provider>/", pay.gateway_ipn, name="pay_ipn"),
    path("pay/receipts/<str:reference>/", pay.receipt, name="receipt"),
    path("pay/<str:code>/", pay.pay, name="pay"),
]
