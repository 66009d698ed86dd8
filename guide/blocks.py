from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import blocks

# Member-area actions a call-to-action can point to: key -> (label, URL name). A target whose
# view has not been built yet renders as plain text rather than as a dead link.
MEMBER_ACTIONS = {
    "login": (_("Log in"), "members:login"),
    "signup": (_("Create a file"), "members:signup"),
    "forgot_username": (_("Forgot your username?"), "members:forgot_username"),
    "password_reset": (_("Forgot your password?"), "members:password_reset"),
    "my_file": (_("My file"), "members:file"),
    "my_invoices": (_("Invoices"), "invoices:list"),
    "my_trainings": (_("My trainings"), "events:my_trainings"),
    "my_events": (_("My events"), "events:my_events"),
    "become_member": (_("Become a member"), "members:apply"),
    "events": (_("Events and trainings"), None),
}


def action_url(key):
    label, url_name = MEMBER_ACTIONS.get(key, (None, None))
    if key == "events":
        from events.models import EventIndexPage

        index = EventIndexPage.objects.live().filter(locale__language_code=_language()).first()
        return index.url if index else None
    if not url_name:
        return None
    try:
        return reverse(url_name)
    except NoReverseMatch:
        return None


def _language():
    from django.utils.translation import get_language

    return (get_language() or "fr")[:2]


class StepBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"))
    text = blocks.RichTextBlock(label=_("text"), features=["bold", "italic", "link", "ol", "ul"])


class StepsBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), required=False)
    steps = blocks.ListBlock(StepBlock(), label=_("steps"))

    class Meta:
        icon = "list-ol"
        label = _("Numbered steps")
        template = "guide/blocks/steps.html"


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        choices=[("important", _("Important")), ("tip", _("Tip"))],
        default="important",
        label=_("kind"),
    )
    title = blocks.CharBlock(label=_("title"), required=False)
    text = blocks.RichTextBlock(label=_("text"), features=["bold", "italic", "link", "ul"])

    class Meta:
        icon = "warning"
        label = _("Callout")
        template = "guide/blocks/callout.html"


class ContactBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"))
    text = blocks.RichTextBlock(label=_("text"), features=["bold", "italic", "link"])

    class Meta:
        icon = "mail"
        label = _("Contact")
        template = "guide/blocks/contact.html"


class CallToActionBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("button label"))
    action = blocks.ChoiceBlock(
        choices=[(key, label) for key, (label, _name) in MEMBER_ACTIONS.items()],
        label=_("member-area action"),
    )
    text = blocks.CharBlock(label=_("text"), required=False)

    class Meta:
        icon = "link"
        label = _("Call to action")
        template = "guide/blocks/cta.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["url"] = action_url(value["action"])
        return context


class GuideStreamBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(
        label=_("Heading"), icon="title", template="guide/blocks/heading.html"
    )
    paragraph = blocks.RichTextBlock(label=_("Paragraph"), icon="pilcrow")
    steps = StepsBlock()
    callout = CalloutBlock()
    contact = ContactBlock()
    cta = CallToActionBlock()
