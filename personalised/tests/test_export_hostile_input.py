"""Hostile input in any text of an agreement never reaches an export as markup: the DOCX has its
words as text only, and the print view escapes them or rebuilds the rich text from its words."""

import io
import re
import zipfile

import pytest
from django.urls import reverse
from lxml import etree

from agreements.models import TemplatePage
from agreements.seed_content import isf
from personalised.exports.richtext import read_rich_text
from personalised.factories import PersonalisedAgreementFactory, PersonDetailsFactory
from personalised.tests.exporting import fill_areas

pytestmark = pytest.mark.django_db

# Stored as it is, without the sanitising the editor's form does on save: the exports must not
# rely on it.
HOSTILE_RICH_TEXT = (
    "<p>Safe words<script>alert('rich')</script></p>"
    '<p><a href="javascript:alert(1)">click me</a> and '
    '<a href=" JaVaScRiPt:alert(2)">again</a> '
    '<a href="data:text/html,&lt;script&gt;alert(3)&lt;/script&gt;">data</a></p>'
    '<img src="x" onerror="alert(4)">'
    '<p onmouseover="alert(5)">Hover <b>bold <i>broken'
    "<style>body{display:none}</style><iframe src=javascript:alert(6)></iframe>"
    '<svg onload="alert(7)"><script>alert(8)</script></svg>'
    "<ul><li>unclosed item<li>second</ul></p><!-- <script>alert(9)</script> -->"
)
HOSTILE_TEXT = '<script>alert("plain")</script><img src=x onerror=alert(10)>'
WORDS = ["Safe words", "click me", "again", "data", "Hover", "bold", "broken", "unclosed item"]
EXECUTABLE = re.compile(r"alert\((?:'rich'|\d)\)")


@pytest.fixture
def hostile_agreement(seeded_site):
    agreement = PersonalisedAgreementFactory(
        template=TemplatePage.objects.get(slug=isf.SLUG),
        details=PersonDetailsFactory(
            person_name=f"Sam {HOSTILE_TEXT}",
            known_as="<b onclick=alert(11)>Sam",
            parties={
                "local-authority": [HOSTILE_TEXT],
                "provider": [HOSTILE_TEXT],
                "person": HOSTILE_TEXT.splitlines(),
            },
        ),
    )
    return fill_areas(
        agreement,
        {
            0: {
                "this_means": HOSTILE_RICH_TEXT,
                "actions": [{"who": HOSTILE_TEXT, "what": HOSTILE_TEXT, "by_when": None}],
            }
        },
    )


def _get(client, agreement, name):
    client.force_login(agreement.owner)
    response = client.get(reverse(f"agreements:{name}", kwargs={"uuid": agreement.uuid}))
    assert response.status_code == 200
    return response


def test_rich_text_is_read_as_words_only():
    blocks = read_rich_text(HOSTILE_RICH_TEXT)
    text = "\n".join(block.text for block in blocks)

    for word in WORDS:
        assert word in text
    assert not EXECUTABLE.search(text)
    assert "body{display:none}" not in text
    assert all(run.href is None for block in blocks for run in block.runs)


def test_hostile_input_reaches_the_docx_as_text_never_as_markup(client, hostile_agreement):
    content = _get(client, hostile_agreement, "docx").content

    with zipfile.ZipFile(io.BytesIO(content)) as package:
        names = package.namelist()
        document = package.read("word/document.xml")
        relationships = package.read("word/_rels/document.xml.rels").decode()
    root = etree.fromstring(document)
    namespaces = {element.tag.split("}")[0] for element in root.iter() if "}" in element.tag}
    # Only WordprocessingML (and the drawing and markup-compatibility namespaces of its template).
    assert all("openxmlformats.org" in ns or "microsoft.com" in ns for ns in namespaces)
    assert not [element for element in root.iter() if "script" in str(element.tag).lower()]
    assert "javascript" not in relationships.lower()
    assert not any(name.endswith((".js", ".html", ".bin")) for name in names)
    text = "".join(root.itertext())
    for word in WORDS:
        assert word in text
    assert not EXECUTABLE.search(text)  # the rich text's scripts are dropped, not kept as text
    assert "javascript" not in text.lower()
    # Plain fields keep what was typed, as text that Word shows and never runs.
    assert HOSTILE_TEXT in text


def test_hostile_input_is_escaped_or_dropped_in_the_print_view(client, hostile_agreement):
    html = _get(client, hostile_agreement, "print").content.decode()

    assert "<script>alert" not in html
    assert "<img src=x onerror" not in html
    assert "javascript:" not in html.lower()
    assert not re.search(r"<[^>]+\son[a-z]+\s*=", html)
    assert not EXECUTABLE.search(html)  # the rich text's scripts are dropped
    assert "&lt;script&gt;alert(&quot;plain&quot;)&lt;/script&gt;" in html
    assert "<p>Safe words</p>" in html
    assert re.search(r"<li>(<(strong|em)>)*unclosed item", html)
