"""Rich text from practitioners is cleaned to a small allow-list before it is saved."""

import pytest

from personalised.sanitising import clean_rich_text, html_to_text, sanitise_html


@pytest.mark.parametrize(
    ("written", "saved"),
    [
        (
            "<p>A <strong>b</strong> <em>c</em><br>d</p>",
            "<p>A <strong>b</strong> <em>c</em><br/>d</p>",
        ),
        (
            "<ul><li>one</li></ul><ol><li>two</li></ol>",
            "<ul><li>one</li></ul><ol><li>two</li></ol>",
        ),
        (
            '<p><a href="https://example.org/x">web</a></p>',
            '<p><a href="https://example.org/x">web</a></p>',
        ),
        (
            '<p><a href="mailto:a@example.org">mail</a></p>',
            '<p><a href="mailto:a@example.org">mail</a></p>',
        ),
        ("<p><b>bold</b> <i>italic</i></p>", "<p><strong>bold</strong> <em>italic</em></p>"),
    ],
)
def test_the_allowed_tags_are_kept(written, saved):
    assert sanitise_html(written) == saved


@pytest.mark.parametrize(
    ("written", "saved"),
    [
        ("<p>Hi<script>alert(1)</script></p>", "<p>Hi</p>"),
        ('<p onclick="alert(1)" style="color:red" class="x">Hi</p>', "<p>Hi</p>"),
        ('<p><a href="javascript:alert(1)">x</a></p>', "<p>x</p>"),
        ('<p><a href="data:text/html,x" title="t">x</a></p>', "<p>x</p>"),
        ('<p><a href="ftp://example.org">x</a></p>', "<p>x</p>"),
        (
            '<p><a href="https://example.org" target="_blank" onclick="x">x</a></p>',
            '<p><a href="https://example.org">x</a></p>',
        ),
        ("<h1>Big</h1><table><tr><td>cell</td></tr></table>", "Big\ncell"),
        ("<img src=x onerror=alert(1)>", ""),
        ("<iframe src=https://example.org></iframe><style>p{}</style>", ""),
        ("<p>unclosed <em>tag", "<p>unclosed <em>tag</em></p>"),
        ("a < b & c", "a &lt; b &amp; c"),
    ],
)
def test_everything_else_is_removed_or_escaped(written, saved):
    assert sanitise_html(written) == saved


def test_plain_text_becomes_paragraphs_and_lists():
    written = "First line\nsecond line\n\n- a bullet\n* another\n\n1. first\n2) second"
    assert clean_rich_text(written) == (
        "<p>First line<br/>second line</p>"
        "<ul><li>a bullet</li><li>another</li></ul>"
        "<ol><li>first</li><li>second</li></ol>"
    )


def test_saved_rich_text_reads_back_as_it_was_written_and_saves_the_same():
    written = "Sam likes <strong>tea</strong> & cake.\n\n- walks\n- <em>music</em>\n\n1. first"
    saved = clean_rich_text(written)
    assert html_to_text(saved) == written
    assert clean_rich_text(html_to_text(saved)) == saved
