"""Personalised agreements: private to their owner and the practitioners they share them with.

Every route here is walked by personalised/tests/test_access_matrix.py, which must be told the
access each route needs (ROUTE_ACCESS there): a new route fails that test until it is."""

from django.urls import path, register_converter

from agreements.ids import IdConverter
from following import views as following
from personalised import reading
from personalised.consent import views as agreeing
from personalised.deleting import views as deleting
from personalised.editing import block_views as block_editing
from personalised.editing import views as editing
from personalised.exports import views as exporting
from personalised.forking import views as forking
from personalised.history import audit_log
from personalised.history import views as history
from personalised.invitations import practitioner_views as inviting
from personalised.listing import views as listing
from personalised.people import comment_views
from personalised.people import views as people
from personalised.sharing import views as sharing
from personalised.updates import views as updates

app_name = "agreements"

register_converter(IdConverter, "id")

urlpatterns = [
    path("", listing.agreement_list, name="list"),
    path("new/<id:template_id>/", forking.fork, name="fork"),
    path("deleted/", deleting.deleted_list, name="deleted"),
    path("following/<id:template_id>/", following.follow, name="follow"),
    path("<uuid:uuid>/", reading.detail, name="detail"),
    path("<uuid:uuid>/updates/", updates.review_updates, name="updates"),
    path("<uuid:uuid>/sharing/", sharing.share, name="share"),
    path("<uuid:uuid>/sharing/<id:share_id>/", sharing.update_share, name="update_share"),
    path("<uuid:uuid>/history/", history.revision_history, name="history"),
    path("<uuid:uuid>/history/compare/", history.compare, name="compare"),
    path("<uuid:uuid>/history/<id:revision_id>/", history.revision_detail, name="revision"),
    path(
        "<uuid:uuid>/history/<id:revision_id>/restore/",
        history.restore_revision,
        name="restore_revision",
    ),
    path("<uuid:uuid>/delete/", deleting.delete, name="delete"),
    path("<uuid:uuid>/restore/", deleting.restore, name="restore"),
    path("<uuid:uuid>/audit-log/", audit_log.audit_log, name="audit_log"),
    path("<uuid:uuid>/details/", editing.edit_details, name="edit_details"),
    path("<uuid:uuid>/areas/<str:block_id>/", editing.edit_area, name="edit_area"),
    path("<uuid:uuid>/blocks/<str:block_id>/", block_editing.edit_block, name="edit_block"),
    path("<uuid:uuid>/agree/", agreeing.agree, name="agree"),
    path("<uuid:uuid>/comments/", comment_views.comment, name="comment"),
    path("<uuid:uuid>/people/", people.people, name="people"),
    path("<uuid:uuid>/people/add/", people.add_member, name="add_member"),
    path("<uuid:uuid>/people/<uuid:member_uuid>/", people.edit_member, name="edit_member"),
    path(
        "<uuid:uuid>/people/<uuid:member_uuid>/remove/", people.remove_member, name="remove_member"
    ),
    path("<uuid:uuid>/print/", exporting.print_view, name="print"),
    path("<uuid:uuid>/docx/", exporting.docx, name="docx"),
    path("<uuid:uuid>/large-print/", exporting.large_print, name="large_print"),
    path("<uuid:uuid>/large-print/docx/", exporting.large_print_docx, name="large_print_docx"),
    path("<uuid:uuid>/pdf/<str:format>/", exporting.pdf, name="pdf"),
    path("<uuid:uuid>/easy-read/", exporting.easy_read, name="easy_read"),
    path("<uuid:uuid>/easy-read/docx/", exporting.easy_read_docx_view, name="easy_read_docx"),
    path("<uuid:uuid>/people/<uuid:member_uuid>/invite/", inviting.invite, name="invite_member"),
    path(
        "<uuid:uuid>/people/<uuid:member_uuid>/letter/", inviting.letter, name="invitation_letter"
    ),
    path(
        "<uuid:uuid>/invitations/<id:invitation_id>/resend/",
        inviting.resend,
        name="resend_invitation",
    ),
    path(
        "<uuid:uuid>/invitations/<id:invitation_id>/revoke/",
        inviting.revoke,
        name="revoke_invitation",
    ),
]
