"""Personalised agreements: private to their owner and the practitioners they share them with."""

from django.urls import path

from .views import reading, updates

app_name = "agreements"

urlpatterns = [
    path("<uuid:uuid>/", reading.detail, name="detail"),
    path("<uuid:uuid>/updates/", updates.review_updates, name="updates"),
]
