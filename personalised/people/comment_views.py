"""A practitioner's comment on an agreement or one of its parts, or their reply to someone's
("I'd like this changed"): kept with the agreement, shown beside what it is about."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from personalised.access import Access, get_agreement_or_404
from personalised.comments import MAX_COMMENT_LENGTH, add_comment
from personalised.privacy import private
from security.printable import PrintableTextFormMixin


class CommentForm(PrintableTextFormMixin, forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Comment or reply"),
        max_length=MAX_COMMENT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    block = forms.CharField(required=False, widget=forms.HiddenInput, max_length=64)


@private
def comment(request: HttpRequest, uuid) -> HttpResponse:
    agreement = get_agreement_or_404(request, uuid, Access.EDIT)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = CommentForm(request.POST)
    if form.is_valid():
        anchor = form.cleaned_data["block"]
        try:
            add_comment(
                agreement, text=form.cleaned_data["text"], block_id=anchor, user=request.user
            )
        except ValidationError as refused:
            form.add_error("text", refused)
        else:
            messages.success(request, _("Your comment is added."))
            url = agreement.get_absolute_url()
            return redirect(f"{url}#comments-{anchor}" if anchor else f"{url}#comments")
    # Refused: the comment comes back with the message at its field, as typed, to put right.
    return TemplateResponse(
        request,
        "personalised/people/comment_refused.html",
        {"agreement": agreement, "form": form},
        status=400,
    )
