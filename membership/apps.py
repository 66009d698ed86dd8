from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembershipConfig(AppConfig):
    name = "membership"
    verbose_name = _("Membership")

    def ready(self):
        from home.signals import invoice_cancelled, invoice_copies, invoice_paid, training_attended

        from . import privacy
        from .receivers import (
            activate_paid_renewal,
            award_attended_training,
            cancel_credited_renewal,
            renewal_invoice_copies,
        )

        training_attended.connect(award_attended_training, dispatch_uid="membership.credits")
        invoice_paid.connect(activate_paid_renewal, dispatch_uid="membership.renewal_paid")
        invoice_cancelled.connect(
            cancel_credited_renewal, dispatch_uid="membership.renewal_cancelled"
        )
        invoice_copies.connect(renewal_invoice_copies, dispatch_uid="membership.renewal_copies")
        privacy.register()
