from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembershipConfig(AppConfig):
    name = "membership"
    verbose_name = _("Membership")

    def ready(self):
        from home.signals import training_attended

        from . import privacy
        from .receivers import award_attended_training

        training_attended.connect(award_attended_training, dispatch_uid="membership.credits")
        privacy.register()
