"""The invitee's addresses (namespace ``invited``): a party member signed in by an invitation
reads, comments on and agrees to their agreement here, and nowhere else. Every response is
private and sends no referrer (personalised.invitee.middleware)."""

from django.urls import path

from personalised.invitee import views as invitee

app_name = "invited"

urlpatterns = [
    path("invited/", invitee.home, name="home"),
    path("invited/sign-out/", invitee.sign_out, name="sign_out"),
    path("invited/<uuid:member_uuid>/", invitee.agreement, name="agreement"),
    path("invited/<uuid:member_uuid>/comment/", invitee.comment, name="comment"),
    path("invited/<uuid:member_uuid>/agree/", invitee.agree, name="agree"),
    path(
        "invited/<uuid:member_uuid>/download/<str:copy_format>/<str:kind>/",
        invitee.download,
        name="download",
    ),
]
