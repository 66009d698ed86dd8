from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScaleConfig(AppConfig):
    """Tools to measure Quorum at scale: a data set of a given size (`load_scale_data`) and
    the plans of the heaviest queries (`explain_heavy_queries`). It writes rows of every app,
    so it sits above all of them; no app imports it, and it has no models."""

    name = "scale"
    verbose_name = _("Scale data")
