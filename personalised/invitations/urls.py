"""What invited party members use (namespace ``invited``): the landing of their link or
letter's code, and their own pages, where they read, comment on and agree to their agreement and
nothing else. None of them needs a practitioner's account; each checks the invitee's session,
and every response is private and sends no Referer (personalised.privacy)."""

from django.urls import path

from personalised.invitations import views as landing
from personalised.invitee import views as invitee

app_name = "invited"

urlpatterns = [
    path("invitation/", landing.code, name="code"),
    path("invitation/open/", landing.open_agreement, name="open"),
    path("invitation/<str:token>/", landing.start, name="start"),
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
