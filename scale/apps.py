from django.apps import AppConfig


class ScaleConfig(AppConfig):
    """Tools to measure Quorum at scale: a data set of a given size (`load_scale_data`) and
    the plans of the heaviest queries (`explain_heavy_queries`). It writes rows of every app,
    so it sits above all of them; no app imports it, and it has no models (nothing a person
    sees: its output is for developers, in English)."""

    name = "scale"
