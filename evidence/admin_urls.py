from django.urls import path

from evidence import admin_views

app_name = "evidence_admin"

urlpatterns = [
    path("", admin_views.index, name="index"),
    path("<int:template_id>/", admin_views.report, name="report"),
    path("<int:template_id>/csv/", admin_views.report_csv, name="csv"),
    path("<int:template_id>/recompute/", admin_views.recompute, name="recompute"),
]
