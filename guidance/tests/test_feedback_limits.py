"""The feedback form says its length limit and refuses longer feedback with a message at the
field, rather than leaving the browser to cut pasted text silently."""

import pytest

from agreements.factories import published_template
from guidance.forms import FeedbackForm


@pytest.mark.django_db
def test_over_long_feedback_is_refused_at_the_field_not_cut():
    page = published_template()
    form = FeedbackForm(data={"page": str(page.pk), "area": "", "body": "It went well. " * 400})

    assert "At most 5000 characters." in str(form["body"].help_text)
    assert "maxlength" not in str(form["body"])
    assert not form.is_valid()
    assert "at most 5000 characters" in form.errors["body"][0]
