"""What invited party members use: the landing of their link or letter's code, and their own
pages. None of them needs a practitioner's account; each checks the invitee's session."""

from django.urls import path

from personalised.invitations import views as landing

app_name = "invited"

urlpatterns = [
    path("invitation/", landing.code, name="code"),
    path("invitation/<str:token>/", landing.start, name="start"),
]
