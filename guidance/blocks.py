"""Blocks for guidance pages: how to use a template, down to each area."""

from wagtail import blocks

from agreements.blocks import HowToUseBlock, TextSectionBlock


class GuidanceBodyBlock(blocks.StreamBlock):
    how_to_use = HowToUseBlock()
    text = TextSectionBlock()
