"""Stable block ids for StreamField content written in code (the seed content, test pages).

Guidance and personalised agreements refer to a template's blocks by id, so content built from
code gets ids derived from a name and each block's position rather than random ones.
"""

import uuid

from wagtail.blocks import StreamBlock

# Block ids are derived from the seed, so every machine that loads it gets the same ids
# (guidance and personalised agreements refer to blocks by id).
BLOCK_ID_NAMESPACE = uuid.UUID("6f1d1a9e-6c55-4c53-9d7e-1f3c1a2b9a40")


def with_block_ids(slug: str, stream_block: StreamBlock, data: list[dict]) -> list[dict]:
    """The stream's data in Wagtail's current format, with an id on every block and list
    item derived from the seed's slug and the item's position."""
    value = stream_block.to_python(data)
    # A StreamValue hands back untouched raw data as it was given (here, lists in Wagtail's
    # legacy format, without ids); reading each child makes it serialise from the blocks.
    list(value)
    prepared = stream_block.get_prep_value(value)
    _assign_ids(prepared, slug)
    return prepared


def _assign_ids(node, path: str) -> None:
    if isinstance(node, dict):
        if "type" in node and "id" in node:
            node["id"] = str(uuid.uuid5(BLOCK_ID_NAMESPACE, path))
        for key, child in node.items():
            _assign_ids(child, f"{path}.{key}")
    elif isinstance(node, list):
        for index, child in enumerate(node):
            _assign_ids(child, f"{path}:{index}")
