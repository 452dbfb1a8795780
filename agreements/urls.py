"""Personalised agreements: private to their owner and the practitioners they share them with."""

from django.urls import path

from .views import reading

app_name = "agreements"

urlpatterns = [
    path("<uuid:uuid>/", reading.detail, name="detail"),
]
