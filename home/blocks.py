"""The StreamField blocks of content pages (the home page and the guides): steps, callouts,
contact and calls to action that link to a member-area action. They live in `home`, the ground
floor, so that HomePage and guide.GuidePage share them without `home` importing `guide`."""

from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.models import Locale, Page

# Member-area actions a call-to-action can point to: key -> (label, URL name). Every URL name
# exists (tests/guide/test_blocks.py reverses each); "events" has none: it links to the events
# index page of the active language.
MEMBER_ACTIONS = {
    "login": (_("Log in"), "members:login"),
    "signup": (_("Create a file"), "members:signup"),
    "forgot_username": (_("Forgot your username?"), "members:forgot_username"),
    "password_reset": (_("Forgot your password?"), "members:password_reset"),
    "my_file": (_("My file"), "members:file"),
    "my_invoices": (_("Invoices"), "invoices:list"),
    "my_trainings": (_("My trainings"), "events:my_trainings"),
    "my_events": (_("My events"), "events:my_events"),
    "become_member": (_("Become a member"), "membership:apply"),
    "events": (_("Events and trainings"), None),
}

# The events index is found by its content type's natural key rather than by importing
# events.models (events sits above home): a string names the page type, as HomePage's
# subpage_types does, and the query needs nothing from the events app.
EVENTS_INDEX_TYPE = ("events", "eventindexpage")


def action_url(key: str) -> str | None:
    """The URL of a member-area action in the active language; None for an unknown key, or for
    "events" while no events index page is live in that language."""
    if key == "events":
        from .page_cache import shared

        def events_index_url():
            app_label, model = EVENTS_INDEX_TYPE
            index = (
                Page.objects.live()
                .filter(
                    content_type__app_label=app_label,
                    content_type__model=model,
                    locale=Locale.get_active(),
                )
                .first()
            )
            return index.url if index else None

        # Kept until the next publication (home/page_cache.py): a guide may link to it often.
        return shared(f"events-index-url:{get_language()}", events_index_url)
    _label, url_name = MEMBER_ACTIONS.get(key, (None, None))
    return reverse(url_name) if url_name else None


class StepBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"))
    text = blocks.RichTextBlock(label=_("text"), features=["bold", "italic", "link", "ol", "ul"])


class StepsBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), required=False)
    steps = blocks.ListBlock(StepBlock(), label=_("steps"))

    class Meta:
        icon = "list-ol"
        label = _("Numbered steps")
        template = "home/blocks/steps.html"


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
        template = "home/blocks/callout.html"


class ContactBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"))
    text = blocks.RichTextBlock(label=_("text"), features=["bold", "italic", "link"])

    class Meta:
        icon = "mail"
        label = _("Contact")
        template = "home/blocks/contact.html"


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
        template = "home/blocks/cta.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["url"] = action_url(value["action"])
        return context


class ContentStreamBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(
        label=_("Heading"), icon="title", template="home/blocks/heading.html"
    )
    paragraph = blocks.RichTextBlock(label=_("Paragraph"), icon="pilcrow")
    steps = StepsBlock()
    callout = CalloutBlock()
    contact = ContactBlock()
    cta = CallToActionBlock()
