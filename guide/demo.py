"""Demo pages of the guide app: the guide index and the two guides of the fictional association,
in French with English translations (content in guide/demo_content.py). Run by `load_demo` after
the home page exists; existing pages are left as editors made them."""

from wagtail.models import Locale

from home.demo import home_page, stream_data, translated_child

from . import demo_content as content
from .models import GuideIndexPage, GuidePage


def load(command):
    en = Locale.objects.get(language_code="en")
    guides = translated_child(
        home_page(),
        GuideIndexPage,
        slug={"fr": "guides", "en": "guides"},
        title={"fr": "Guides", "en": "Guides"},
        fields={
            "intro": {
                "fr": "Les marches à suivre pour tirer le meilleur de votre espace membre.",
                "en": "Step-by-step help to get the most out of your member area.",
            }
        },
        en=en,
        show_in_menus=True,
    )
    for guide in content.GUIDES:
        translated_child(
            guides,
            GuidePage,
            slug=guide["slug"],
            title=guide["title"],
            fields={"intro": guide["intro"], "body": stream_data(guide["body"])},
            en=en,
        )
    command.stdout.write("The guide pages are in place.")
