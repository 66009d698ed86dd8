from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.blocks.list_block import ListBlockValidationError
from wagtail.blocks.struct_block import StructBlockValidationError


class QuestionKind(models.TextChoices):
    SHORT_TEXT = "short_text", _("Short text")
    LONG_TEXT = "long_text", _("Long text")
    SINGLE_CHOICE = "single_choice", _("Single choice")
    MULTIPLE_CHOICE = "multiple_choice", _("Multiple choice")
    YES_NO = "yes_no", _("Yes / no")


CHOICE_KINDS = (QuestionKind.SINGLE_CHOICE, QuestionKind.MULTIPLE_CHOICE)


class YesNo(models.TextChoices):
    """How a yes / no answer is stored."""

    YES = "yes", _("Yes")
    NO = "no", _("No")


class QuestionBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("question"))
    kind = blocks.ChoiceBlock(
        choices=QuestionKind.choices, default=QuestionKind.SHORT_TEXT, label=_("kind")
    )
    required = blocks.BooleanBlock(label=_("required"), required=False, default=True)
    choices = blocks.ListBlock(
        blocks.CharBlock(label=_("choice")),
        label=_("choices"),
        required=False,
        default=[],
        help_text=_("Only for single and multiple choice questions."),
    )
    help_text = blocks.CharBlock(label=_("help text"), required=False)
    sensitive = blocks.BooleanBlock(
        label=_("health or dietary information"),
        required=False,
        default=False,
        help_text=_(
            "Allergies, dietary needs or other health information: shown only to the person "
            "and to staff in charge of catering, never to a delegate."
        ),
    )

    class Meta:
        icon = "help"
        label = _("Question")

    def clean(self, value):
        """A choice question offers at least one choice: without any, nobody could answer it."""
        value = super().clean(value)
        if value["kind"] in CHOICE_KINDS and not [c for c in value["choices"] if str(c).strip()]:
            message = gettext("Give at least one choice for a choice question.")
            raise StructBlockValidationError(
                block_errors={"choices": ListBlockValidationError(non_block_errors=[message])}
            )
        return value


class QuestionStreamBlock(blocks.StreamBlock):
    question = QuestionBlock()
