"""Blocks for guidance pages: how to use a template, down to each area."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from agreements.blocks import HowToUseBlock, TextSectionBlock
from agreements.text_limits import CharBlock, TextBlock
from agreements.unique_ids import ListBlock, UniqueIdsMixin

from .areas import area_choices, area_links, parse_area

GUIDANCE_RICH_TEXT_FEATURES = ["bold", "italic", "ol", "ul", "link"]


class StepBlock(blocks.StructBlock):
    heading = CharBlock(max_length=255)
    text = TextBlock()

    class Meta:
        icon = "arrow-right"
        label = _("Step")


class StepsBlock(blocks.StructBlock):
    heading = CharBlock(required=False, max_length=255)
    steps = ListBlock(StepBlock(), min_num=1)

    class Meta:
        icon = "list-ol"
        label = _("Steps")
        template = "guidance/blocks/steps.html"
        description = _("Numbered steps, each with a heading and what to do.")
        preview_value = {
            "heading": "Making the agreement",
            "steps": [
                {"heading": "Meet together", "text": "Bring the person, family and provider."},
                {"heading": "Choose the areas", "text": "Decide which areas matter."},
            ],
        }


class PromptListBlock(blocks.StructBlock):
    heading = CharBlock(max_length=255, default=_("Things to think about"))
    prompts = ListBlock(TextBlock(label=_("Prompt")), min_num=1)

    class Meta:
        icon = "help"
        label = _("Prompts to think about")
        template = "guidance/blocks/prompt_list.html"
        description = _("A list of questions or prompts for the reader to think about.")
        preview_value = {
            "heading": "Things to think about",
            "prompts": ["Who knows the person best?", "What matters to them this year?"],
        }


class GoodExampleBlock(blocks.StructBlock):
    heading = CharBlock(max_length=255, default=_("What good looks like"))
    example = TextBlock(help_text=_("Write _____ where the person's name goes."))
    attribution = CharBlock(
        required=False,
        max_length=255,
        help_text=_("Who the example comes from, if they agreed to be named."),
    )

    class Meta:
        icon = "pick"
        label = _("What good looks like")
        template = "guidance/blocks/good_example.html"
        description = _("An example of the template used well, with an optional attribution.")
        preview_value = {
            "heading": "What good looks like",
            "example": "Everyone agreed who would phone whom before each review.",
            "attribution": "A provider in the north west",
        }


class CalloutKind(blocks.ChoiceBlock):
    choices = [("note", _("Note")), ("warning", _("Warning"))]


class CalloutBlock(blocks.StructBlock):
    kind = CalloutKind(default="note")
    heading = CharBlock(max_length=255)
    text = TextBlock()

    class Meta:
        icon = "warning"
        label = _("Note or warning")
        template = "guidance/blocks/callout.html"
        description = _("A note or a warning with a heading, set apart from the text.")
        preview_value = {
            "kind": "note",
            "heading": "A guide, not a checklist",
            "text": "You do not have to include every prompt.",
        }


class QuestionAnswerBlock(blocks.StructBlock):
    question = CharBlock(max_length=255)
    answer = TextBlock()

    class Meta:
        icon = "help"
        label = _("Question and answer")


class QuestionsAndAnswersBlock(blocks.StructBlock):
    heading = CharBlock(max_length=255, default=_("Questions and answers"))
    questions = ListBlock(QuestionAnswerBlock(), min_num=1)

    class Meta:
        icon = "help"
        label = _("Questions and answers")
        template = "guidance/blocks/question_and_answer.html"
        description = _("Questions people ask, each with its answer.")
        preview_value = {
            "heading": "Questions and answers",
            "questions": [
                {
                    "question": "Do we have to use every area?",
                    "answer": "No. Choose the areas that matter to the person.",
                }
            ],
        }


class AreaChooserBlock(blocks.ChoiceBlock):
    """One area of one live template, shown as "<template> — <n>. <area>" and stored as
    "<template id>:<area block id>" so that the choice survives reordering of the areas."""

    def __init__(self, **kwargs):
        kwargs.setdefault("choices", area_choices)
        super().__init__(**kwargs)

    # ChoiceBlock looks the stored value up in its choices on every load, which would be a
    # query per block each time a page is read; the stored value is already the key.
    def to_python(self, value):
        return value or ""

    def normalize(self, value):
        return value or ""

    def clean(self, value):
        # In place of ChoiceField's "not one of the available choices", which would not say
        # why a choice saved earlier is no longer valid.
        if not value:
            if self.required:
                raise ValidationError(_("Choose the area this guidance is about."))
            return ""
        reference = parse_area(value)
        if reference is None:
            raise ValidationError(_("Choose an area from the list."))
        if str(reference) not in area_links([str(reference)]):
            raise ValidationError(
                _(
                    "That area is no longer in a published template. Choose another area, or "
                    "remove this guidance."
                )
            )
        return str(reference)

    def get_searchable_content(self, value):
        return []

    def get_api_representation(self, value, context=None):
        reference = parse_area(value)
        if reference is None:
            return None
        return {"template": reference.template_id, "area_id": reference.block_id}

    class Meta:
        icon = "table"


class AreaGuidanceBlock(blocks.StructBlock):
    """Guidance about one area of one template, shown with that area on the template page."""

    area = AreaChooserBlock(help_text=_("The area of a published template this guidance is about."))
    heading = CharBlock(
        required=False,
        max_length=255,
        help_text=_("Shown above the guidance; the area's title if left blank."),
    )
    guidance = blocks.RichTextBlock(features=GUIDANCE_RICH_TEXT_FEATURES)

    class Meta:
        icon = "link"
        label = _("Guidance for one area")
        template = "guidance/blocks/area_guidance.html"
        description = _(
            "Guidance about one area of a template, also shown with that area on the template."
        )
        preview_value = {
            "area": "",
            "heading": "Deciding whether this area matters",
            "guidance": "<p>Talk the prompts through together and agree who will do what.</p>",
        }


class GuidanceBodyBlock(UniqueIdsMixin, blocks.StreamBlock):
    how_to_use = HowToUseBlock()
    text = TextSectionBlock()
    steps = StepsBlock()
    prompt_list = PromptListBlock()
    good_example = GoodExampleBlock()
    callout = CalloutBlock()
    question_and_answer = QuestionsAndAnswersBlock()
    area_guidance = AreaGuidanceBlock()
