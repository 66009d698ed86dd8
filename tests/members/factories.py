import uuid

import factory

from wagtail.models import Locale

from members.models import AccountRequest, Address, Interest, ProfessionalOrder
from tests.factories import OrganizationFactory, UserFactory


class AddressFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Address

    user = factory.SubFactory(UserFactory)
    kind = Address.Kind.WORK
    street = "1, rue du Test"
    city = "Testville"
    province = "QC"
    postal_code = "G1A 1A1"


def translated(model, name_fr, name_en, order=0):
    fr, _ = Locale.objects.get_or_create(language_code="fr")
    en, _ = Locale.objects.get_or_create(language_code="en")
    key = uuid.uuid4()
    french = model.objects.create(locale=fr, name=name_fr, sort_order=order, translation_key=key)
    english = model.objects.create(locale=en, name=name_en, sort_order=order, translation_key=key)
    return french, english


def interest(name_fr, name_en, order=0):
    return translated(Interest, name_fr, name_en, order)


def professional_order(name_fr, name_en, order=0):
    return translated(ProfessionalOrder, name_fr, name_en, order)


class AccountRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AccountRequest

    requested_by = factory.SubFactory(UserFactory)
    organization = factory.SubFactory(OrganizationFactory)
    first_name = "Nouvelle"
    last_name = "Collègue"
    email = factory.Sequence(lambda n: f"nouvelle{n}@example.org")
    title = "Technicienne"
