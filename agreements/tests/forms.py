"""Admin form data for StreamField values, shaped as Wagtail's page editor posts them."""

from wagtail import blocks
from wagtail.blocks.list_block import ListValue
from wagtail.rich_text import RichText
from wagtail.test.utils.form_data import rich_text, streamfield


def list_block(items: list) -> dict:
    return {
        "count": len(items),
        **{
            str(index): {"value": item, "deleted": "", "order": index}
            for index, item in enumerate(items)
        },
    }


def block_form_data(block: blocks.Block, value):
    """The form data for one block's value, recursively."""
    if isinstance(block, blocks.StreamBlock):
        data = streamfield(
            [(child.block_type, block_form_data(child.block, child.value)) for child in value]
        )
        for index, child in enumerate(value):
            data[str(index)]["id"] = child.id or ""  # keep block ids, as the editor does
        return data
    if isinstance(block, blocks.StructBlock):
        return {
            name: block_form_data(child_block, value[name])
            for name, child_block in block.child_blocks.items()
        }
    if isinstance(block, blocks.ListBlock):
        items = value.bound_blocks if isinstance(value, ListValue) else value
        return list_block(
            [block_form_data(block.child_block, getattr(item, "value", item)) for item in items]
        )
    if isinstance(block, blocks.RichTextBlock):
        return rich_text(value.source if isinstance(value, RichText) else value)
    if isinstance(block, blocks.BooleanBlock):
        return "on" if value else ""
    if isinstance(block, blocks.ChooserBlock):
        return getattr(value, "pk", value) or ""
    return "" if value is None else value
