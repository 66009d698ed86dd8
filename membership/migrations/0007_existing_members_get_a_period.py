"""Every existing member gets an active period for the current association year (in the
regular category, created from the title settings' annual dues), so nobody loses membership
when periods arrive."""

import datetime
import uuid
from decimal import Decimal

from django.conf import settings
from django.db import migrations
from django.utils import timezone


def year_containing(day, start_month):
    year = day.year if day.month >= start_month else day.year - 1
    start = datetime.date(year, start_month, 1)
    end = datetime.date(year + 1, start_month, 1) - datetime.timedelta(days=1)
    return start, end


def forwards(apps, schema_editor):
    User = apps.get_model("members", "User")
    Membership = apps.get_model("membership", "Membership")
    Category = apps.get_model("membership", "MembershipCategory")
    Settings = apps.get_model("membership", "MembershipSettings")
    TitleSettings = apps.get_model("membership", "TitleSettings")
    Locale = apps.get_model("wagtailcore", "Locale")
    members = User.objects.filter(is_member=True)
    if not members.exists():
        return
    rules = Settings.objects.first()
    start, end = year_containing(timezone.localdate(), rules.year_start_month if rules else 1)
    category = Category.objects.filter(is_default=True).first()
    locale = (
        Locale.objects.filter(language_code=settings.LANGUAGE_CODE).first()
        or Locale.objects.first()
    )
    if category is None and locale is not None:
        title = TitleSettings.objects.first()
        category = Category.objects.create(
            name="Régulier",
            dues=title.annual_dues if title else Decimal("325.00"),
            is_default=True,
            locale=locale,
            translation_key=uuid.uuid4(),
        )
    Membership.objects.bulk_create(
        Membership(
            user=user, category=category, starts_on=start, ends_on=end, status="active"
        )
        for user in members.exclude(memberships__starts_on=start)
    )


class Migration(migrations.Migration):
    dependencies = [
        ("membership", "0006_membership_periods"),
        ("members", "0008_text_limits"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
