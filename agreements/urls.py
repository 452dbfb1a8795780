"""Personalised agreements: private to their owner and the practitioners they share them with."""

from django.urls import path

from .views import exporting, reading

app_name = "agreements"

urlpatterns = [
    path("<uuid:uuid>/", reading.detail, name="detail"),
    path("<uuid:uuid>/print/", exporting.print_view, name="print"),
    path("<uuid:uuid>/docx/", exporting.docx, name="docx"),
]
