"""Demo: one message sent to the people subscribed to the new-trainings list, with its send log.
Written directly (no e-mail goes out while the demo loads). Running it twice changes nothing."""

import datetime

from django.utils import timezone

from members.models import Subscription, User

from .audience import audience
from .models import Delivery, Message

SUBJECT_FR = "Nouvelle formation : la gestion des actifs municipaux"


def load(command):
    if Message.objects.filter(subject_fr=SUBJECT_FR).exists():
        return
    admin = User.objects.filter(username="admin").first()
    sent_at = timezone.now() - datetime.timedelta(days=3)
    message = Message.objects.create(
        subject_fr=SUBJECT_FR,
        subject_en="New training: managing municipal assets",
        body_fr=(
            "Bonjour,\n\n"
            "Une nouvelle formation d’une journée sur la gestion des actifs municipaux est "
            "ouverte aux inscriptions. Elle s’adresse aux gestionnaires qui planifient "
            "l’entretien des infrastructures de leur municipalité.\n\n"
            "Les détails et l’inscription sont dans la section Évènements du site."
        ),
        body_en=(
            "Hello,\n\n"
            "A new one-day training on managing municipal assets is open for registration. "
            "It is meant for managers who plan the upkeep of their municipality's "
            "infrastructure.\n\n"
            "Details and registration are in the Events section of the site."
        ),
        kind=Message.Kind.COMMERCIAL,
        consent_list=Subscription.List.TRAININGS,
        status=Message.Status.SENT,
        created_by=admin,
        sent_by=admin,
        sent_at=sent_at,
    )
    Message.objects.filter(pk=message.pk).update(created_at=sent_at - datetime.timedelta(hours=2))
    Delivery.objects.bulk_create(
        [
            Delivery(
                message=message,
                user=person,
                language=person.language,
                status=Delivery.Status.SENT,
                sent_at=sent_at,
            )
            for person in audience(message)
        ]
    )
