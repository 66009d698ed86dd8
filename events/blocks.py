from django.utils.translation import gettext_lazy as _

from wagtail import blocks

QUESTION_KINDS = [
    ("short_text", _("Short text")),
    ("long_text", _("Long text")),
    ("single_choice", _("Single choice")),
    ("multiple_choice", _("Multiple choice")),
    ("yes_no", _("Yes / no")),
]


class QuestionBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("question"))
    kind = blocks.ChoiceBlock(choices=QUESTION_KINDS, default="short_text", label=_("kind"))
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


class QuestionStreamBlock(blocks.StreamBlock):
    question = QuestionBlock()
