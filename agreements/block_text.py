"""The words of one block, as a reader sees them and as Wagtail's search indexes them."""

from wagtail.blocks import Block

from agreements.markers import as_written


def block_text(block: Block, value) -> str:
    """Every piece of text in a block's value, in reading order, joined by spaces.

    Uses the blocks' own ``get_searchable_content``, so rich text loses its tags, choices
    give their labels, and blocks that hold references rather than words (such as the area
    chooser) give nothing. Pronoun markers read as written (``{their}`` as "their"): this is
    the text of a template as its public page shows it.
    """
    return " ".join(as_written(piece) for piece in block.get_searchable_content(value) if piece)
