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


def staff_with(*codenames, **fields):
    """A staff member who may open the Wagtail admin and holds these permissions (codenames)."""
    from django.contrib.auth.models import Permission

    wanted = {"access_admin", *codenames}
    permissions = list(Permission.objects.filter(codename__in=wanted))
    assert {p.codename for p in permissions} == wanted, f"unknown permission in {codenames}"
    user = UserFactory(is_staff=True, **fields)
    user.user_permissions.add(*permissions)
    return user


def speaks(user, language):
    """The admin in `language` for `user` (Wagtail's account preference, which the admin
    follows)."""
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()


def default_site():
    """The default Wagtail site, created as the migrations create it when a transactional
    test (which flushes every table) ran before and took it away."""
    from wagtail.models import Locale, Page, Site

    site = Site.objects.filter(is_default_site=True).first()
    if site:
        return site
    fr, _ = Locale.objects.get_or_create(language_code="fr")
    root = Page.get_first_root_node() or Page.add_root(
        instance=Page(title="Racine", slug="root", locale=fr)
    )
    home = root.get_children().first()
    if home is None:
        # As Wagtail's migrations make it: the demo replaces it with its own home page.
        home = root.add_child(
            instance=Page(title="Welcome to your new Wagtail site!", slug="home", locale=fr)
        )
    return Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)


def association_settings(**values):
    """The association settings of the default site, with `values` saved in them (as staff
    fill them in Settings → Association)."""
    from home.models import AssociationSettings

    settings = AssociationSettings.for_site(default_site())
    for name, value in values.items():
        setattr(settings, name, value)
    settings.save()
    return settings
