from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from home.blocks import ContentStreamBlock


class GuideIndexPage(Page):
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    api_fields = [APIField("intro")]
    subpage_types = ["guide.GuidePage"]
    parent_page_types = ["home.HomePage"]

    class Meta:
        verbose_name = _("guide index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["guides"] = GuidePage.objects.live().public().child_of(self)
        return context


class GuidePage(Page):
    """A procedure guide: numbered steps, callouts, contact and calls to action."""

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(ContentStreamBlock(), verbose_name=_("body"))

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
    ]
    api_fields = [APIField("intro"), APIField("body")]
    parent_page_types = ["guide.GuideIndexPage", "home.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("guide")
