"""Personalised agreements: private to their owner and the practitioners they share them with."""

from django.urls import path

from .views import agreeing, editing, forking, reading

app_name = "agreements"

urlpatterns = [
    path("new/<int:template_id>/", forking.fork, name="fork"),
    path("<uuid:uuid>/", reading.detail, name="detail"),
    path("<uuid:uuid>/details/", editing.edit_details, name="edit_details"),
    path("<uuid:uuid>/areas/<str:block_id>/", editing.edit_area, name="edit_area"),
    path("<uuid:uuid>/agree/", agreeing.agree, name="agree"),
]
