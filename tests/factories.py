import datetime

import factory

from members.models import DelegateGrant, Function, Organization, User


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"Ville de Testville {n}")
    street = "100, rue Principale"
    city = "Testville"
    province = "QC"
    postal_code = "G0A 1A0"
    region = "Capitale-Nationale"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"person{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    first_name = factory.Sequence(lambda n: f"Prénom{n}")
    last_name = factory.Sequence(lambda n: f"Nom{n}")
    language = "fr"
    password = factory.django.Password("secret-pass-2026")


class FunctionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Function

    user = factory.SubFactory(UserFactory)
    organization = factory.SubFactory(OrganizationFactory)
    title = "Directrice générale"
    start_date = datetime.date(2020, 1, 6)


class DelegateGrantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DelegateGrant

    user = factory.SubFactory(UserFactory)
    organization = factory.SubFactory(OrganizationFactory)
