"""The PDF copies: tagged, accessible PDFs (PDF/UA-1) of the standard and large print copies,
read back here: their words (the person's name and the agreement's purpose, never the
instructions for practitioners), their structure tags, language and title, and in large print
the size of every character drawn. In English and Urdu, for templates of different shapes."""

import pytest
from django.urls import reverse

from agreements.seed_content import isf
from personalised import audit
from personalised.exports.pdf import _local_file, _SiteFiles, pdf_bytes
from personalised.tests.copies import PERSON, read_pdf, shape_agreement
from personalised.tests.test_export_languages import _translated_agreement
from tests.template_shapes import SHAPES

pytestmark = pytest.mark.django_db

PURPOSE = "How we will work together."  # the shapes' templates' introduction
ORIGIN = ("http", "testserver")


def _pdf(client, agreement, copy_format: str, status: int = 200):
    client.force_login(agreement.owner)
    url = reverse("agreements:pdf", kwargs={"uuid": agreement.uuid, "format": copy_format})
    response = client.get(url)
    assert response.status_code == status
    return response


@pytest.mark.parametrize("copy_format", ["standard", "large-print"])
@pytest.mark.parametrize("shape", ["isf", "direct_payment"])
def test_each_pdf_copy_is_tagged_and_opens_with_the_purpose_and_the_person(
    client, shape, copy_format
):
    agreement = shape_agreement(SHAPES[shape]())

    response = _pdf(client, agreement, copy_format)

    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    pdf = read_pdf(response.content)
    assert PERSON in pdf.text and PURPOSE in pdf.text
    assert pdf.text.index(PERSON) < pdf.text.index(PURPOSE)
    assert isf.HOW_TO_USE_HEADING not in pdf.text
    assert isf.HOW_TO_USE_POINTS[0][:30] not in pdf.text
    assert pdf.marked
    assert {"/Document", "/H1", "/H2", "/P", "/L", "/LI"} <= pdf.tags
    assert pdf.language == "en-gb"
    # The agreement's title, without the person's name: a file's properties travel far.
    assert pdf.title == agreement.title
    assert PERSON not in pdf.title
    if shape == "isf":
        assert "/Table" in pdf.tags  # each area's prompts for each party
    if copy_format == "large-print":
        assert pdf.smallest_size >= 15.99
    else:
        assert pdf.smallest_size < 12  # the test above can fail: standard print is smaller
    entry = audit.entries_for(agreement).filter(action=audit.EXPORT).get()
    assert entry.data == {"format": f"pdf-{copy_format}"}


def test_an_urdu_pdf_reads_back_in_urdu_in_both_copies(client, django_capture_on_commit_callbacks):
    agreement = _translated_agreement("ur", django_capture_on_commit_callbacks)

    for copy_format in ("standard", "large-print"):
        pdf = read_pdf(_pdf(client, agreement, copy_format).content)

        assert pdf.language == "ur"
        assert "Siôn Person" in pdf.text
        # Whole words, joined as written: the font has every letter of Urdu (DejaVu Sans lacks
        # heh goal and yeh barree). The area's heading reads back whole; the prompt is in a
        # table, whose cells' lines the reader interleaves, so its words are looked for one by one.
        assert "نتائج پر اتفاق" in pdf.text
        # (A cell's last word may run into the next cell's first: found within the text.)
        assert all(word in pdf.text for word in ("گھر", "تلاش", "کرنے", "مدد", "کریں"))
        assert "کے لیے" in pdf.text  # the interface's words, in Urdu: "for Siôn"
        assert {"/H1", "/P", "/L", "/Table"} <= pdf.tags
        assert pdf.marked


@pytest.mark.parametrize("shape", ["isf", "direct_payment"])
def test_the_easy_read_pdf_is_tagged_and_opens_with_the_person(client, shape):
    agreement = shape_agreement(SHAPES[shape]())

    pdf = read_pdf(_pdf(client, agreement, "easy-read").content)

    assert PERSON in pdf.text
    assert pdf.marked
    assert {"/Document", "/H1", "/P"} <= pdf.tags
    assert pdf.title == agreement.title
    # Easy read is in large type: nothing smaller than 16 points, page numbers included.
    assert pdf.smallest_size >= 15.99
    entry = audit.entries_for(agreement).filter(action=audit.EXPORT).get()
    assert entry.data == {"format": "pdf-easy-read"}


def test_a_copy_without_a_pdf_is_not_found(client):
    agreement = shape_agreement(SHAPES["direct_payment"]())

    _pdf(client, agreement, "braille", status=404)
    _pdf(client, agreement, "EASY-READ", status=404)
    assert not audit.entries_for(agreement).filter(action=audit.EXPORT).exists()


def test_the_pdf_renderer_reads_only_the_sites_own_files():
    assert _local_file("http://testserver/static/css/print.css", ORIGIN).name == "print.css"
    assert _local_file("http://elsewhere.example/static/css/print.css", ORIGIN) is None
    assert _local_file("http://testserver/etc/passwd", ORIGIN) is None
    assert _local_file("http://testserver/static/../../../etc/passwd", ORIGIN) is None
    assert _local_file("http://testserver/media/../../etc/passwd", ORIGIN) is None
    assert _local_file("file:///etc/passwd", ORIGIN) is None


def test_a_pdf_is_written_without_what_its_document_links_to_elsewhere():
    fetcher = _SiteFiles("http://testserver/")
    with pytest.raises(ValueError, match="site's own"):
        fetcher.fetch("http://elsewhere.example/x.png")
    html = (
        '<!DOCTYPE html><html lang="en-gb"><head><title>T</title>'
        '<link rel="stylesheet" href="http://elsewhere.example/x.css"></head>'
        '<body><h1>Heading</h1><img src="http://elsewhere.example/x.png" alt="A picture">'
        "<p>Words</p></body></html>"
    )

    pdf = read_pdf(pdf_bytes(html, base_url="http://testserver/"))

    assert "Heading" in pdf.text and "Words" in pdf.text
    assert pdf.title == "T"


def test_an_urdu_easy_read_pdf_reads_back_in_urdu(client, django_capture_on_commit_callbacks):
    agreement = _translated_agreement("ur", django_capture_on_commit_callbacks)

    pdf = read_pdf(_pdf(client, agreement, "easy-read").content)

    assert pdf.language == "ur"
    assert pdf.marked
    assert {"/H1", "/P"} <= pdf.tags
    assert "Siôn Person" in pdf.text
    assert "نتائج" in pdf.text  # the area's heading
    assert "ابھی آسان زبان میں نہیں" in pdf.text or "آبھی آسان زبان میں نہیں" in pdf.text
    # The purpose, not yet in easy read, is the template's wording: never its markup.
    assert "How we will work together" in pdf.text
    assert "p>" not in pdf.text
    assert pdf.smallest_size >= 15.99


def test_large_print_puts_each_partys_prompts_under_its_name_not_side_by_side(client):
    agreement = shape_agreement(SHAPES["isf"]())

    text = read_pdf(_pdf(client, agreement, "large-print").content).text

    # Stacked, each party's prompts follow its name; in columns, the page would read across
    # the three columns' first lines (all three names, then each party's first prompt).
    start = text.index("Agreeing Outcomes")
    order = [
        text.index(words, start)
        for words in (
            isf.LOCAL_AUTHORITY,
            "Help identify the outcomes",
            "Help define how to measure progress",
            isf.PROVIDER,
            "Work to get to know the person well",
            isf.FAMILY_AND_PERSON,
            "Help Identify any current obstacles",
        )
    ]
    assert order == sorted(order), text[start : start + 900]
