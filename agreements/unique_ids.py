"""Block and list-item ids unique within a page.

Template updates and guidance find a template's blocks by id, so two blocks with one id in a
page would be confused. New list items get a fresh id each time (Wagtail computes a ListBlock's
default once, so every new block would otherwise share its first item's id), and a stream
with a repeated id is refused on save with a message naming the block.
"""

from collections.abc import Iterator

from django.core.exceptions import ValidationError
from django.forms.utils import ErrorList
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.list_block import ListValue
from wagtail.blocks.stream_block import StreamBlockValidationError, StreamValue
from wagtail.blocks.struct_block import StructValue


class ListBlock(blocks.ListBlock):
    """A ListBlock whose default items carry no id, so each new item is given a fresh one."""

    def get_default(self) -> ListValue:
        if self._has_default:
            value = super().get_default()
        else:
            # The child's default is built again on each call, so nested lists are fresh too.
            value = ListValue(self, values=[self.child_block.get_default()])
        for child in value.bound_blocks:
            child.id = None
        return value


def _nested_ids(value) -> Iterator[str]:
    """Every block and list-item id inside a block's value."""
    if isinstance(value, StreamValue):
        for child in value:
            if child.id:
                yield child.id
            yield from _nested_ids(child.value)
    elif isinstance(value, StructValue):
        for child_value in value.values():
            yield from _nested_ids(child_value)
    elif isinstance(value, ListValue):
        for child in value.bound_blocks:
            if child.id:
                yield child.id
            yield from _nested_ids(child.value)


def repeated_id_errors(value: StreamValue) -> list[ValidationError]:
    """A message for each block (named by its position and kind) that repeats an id used
    earlier in the stream, by the block itself or by one of its list items."""
    errors = []
    seen: set[str] = set()
    for position, child in enumerate(value, start=1):
        ids = ([child.id] if child.id else []) + list(_nested_ids(child.value))
        repeated = [block_id for block_id in ids if block_id in seen]
        seen.update(ids)
        if repeated:
            errors.append(
                ValidationError(
                    _(
                        "Block %(position)s (%(block)s) repeats an id used earlier in this page "
                        "(%(id)s). Every block and list item needs its own id: delete the block "
                        "and add it again."
                    ),
                    params={"position": position, "block": child.block.label, "id": repeated[0]},
                )
            )
    return errors


def validate_unique_ids(value: StreamValue) -> None:
    """Refuse a stream where one id is given to two blocks or list items."""
    if errors := repeated_id_errors(value):
        raise StreamBlockValidationError(non_block_errors=ErrorList(errors))


class UniqueIdsMixin:
    """A StreamBlock that refuses repeated block and list-item ids on save."""

    refuses_repeated_ids = True

    def clean(self, value):
        value = super().clean(value)
        if self.refuses_repeated_ids:
            validate_unique_ids(value)
        return value


class UniqueBodyIdsMixin:
    """A page whose ``body`` refuses repeated ids on every save, in the admin or in code
    (Wagtail's model validation does not run a StreamField's block validation)."""

    def clean(self) -> None:
        super().clean()
        if errors := repeated_id_errors(self.body):
            raise ValidationError({"body": errors})
