"""Agreements of every template shape for the copies' tests, and reading a PDF back: its text,
its structure tags, its language and the size of every character it draws."""

import io
from dataclasses import dataclass

from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

from accounts.factories import PractitionerFactory
from personalised.factories import PersonDetailsFactory
from personalised.forking.services import fork_template
from personalised.models import PersonalisedAgreement
from tests.template_shapes import Shape

PERSON = "Samira Khan"
KNOWN_AS = "Samira"


def shape_agreement(shape: Shape) -> PersonalisedAgreement:
    """An agreement forked from a shape's template, with its parties and blanks filled in."""
    return fork_template(
        shape.template,
        owner=PractitionerFactory(),
        details=PersonDetailsFactory(
            person_name=PERSON,
            known_as=KNOWN_AS,
            parties={key: names.splitlines() for key, names in shape.party_names.items()},
            blanks=dict(shape.blank_values),
        ),
    )


@dataclass
class ReadPdf:
    text: str
    tags: set[str]
    language: str
    title: str
    marked: bool
    smallest_size: float


def read_pdf(content: bytes) -> ReadPdf:
    reader = PdfReader(io.BytesIO(content))
    root = reader.trailer["/Root"]
    sizes: list[float] = []

    def size_of(text, matrix, text_matrix, font, font_size) -> None:
        # The size drawn on the page: the font's size scaled by the text and page matrices.
        if text.strip():
            scale = abs(matrix[0] * text_matrix[0] + matrix[2] * text_matrix[1]) or abs(
                matrix[1] * text_matrix[0] + matrix[3] * text_matrix[1]
            )
            sizes.append(font_size * scale)

    text = "\n".join(page.extract_text(visitor_text=size_of) for page in reader.pages)
    tags: set[str] = set()
    structure = root.get("/StructTreeRoot")
    if structure is not None:
        _collect_tags(structure.get_object(), tags)
    mark_info = root.get("/MarkInfo") or {}
    return ReadPdf(
        text=" ".join(text.split()),
        tags=tags,
        language=str(root.get("/Lang", "")),
        title=str((reader.metadata or {}).get("/Title", "")),
        marked=bool(mark_info.get("/Marked")),
        smallest_size=min(sizes) if sizes else 0.0,
    )


def _collect_tags(node, tags: set[str]) -> None:
    if isinstance(node, IndirectObject):
        node = node.get_object()
    if isinstance(node, ArrayObject):
        for child in node:
            _collect_tags(child, tags)
        return
    if not isinstance(node, DictionaryObject):
        return
    if "/S" in node:
        tags.add(str(node["/S"]))
    if "/K" in node:
        _collect_tags(node["/K"], tags)
