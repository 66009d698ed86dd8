"""The restricted collection "Documents des inscrits": event and training documents for
registered participants. Its view restriction keeps them out of the API and of Wagtail's public
document URL (only the Editors and Moderators groups pass it, to preview them)."""

from django.db import migrations

NAME = "Documents des inscrits"
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
STEP = 4


def _next_step(last):
    number = 0
    for char in last:
        number = number * len(ALPHABET) + ALPHABET.index(char)
    number += 1
    digits = ""
    while number:
        number, rest = divmod(number, len(ALPHABET))
        digits = ALPHABET[rest] + digits
    return digits.rjust(STEP, "0")


def create(apps, schema_editor):
    Collection = apps.get_model("wagtailcore", "Collection")
    Restriction = apps.get_model("wagtailcore", "CollectionViewRestriction")
    Group = apps.get_model("auth", "Group")
    if Collection.objects.filter(name=NAME).exists():
        return
    root = Collection.objects.filter(depth=1).order_by("path").first()
    if root is None:
        root = Collection.objects.create(name="Racine", path="0001", depth=1, numchild=0)
    last = (
        Collection.objects.filter(depth=2, path__startswith=root.path)
        .order_by("-path")
        .values_list("path", flat=True)
        .first()
    )
    step = _next_step(last[-STEP:]) if last else "0001"
    collection = Collection.objects.create(
        name=NAME, path=root.path + step, depth=2, numchild=0
    )
    root.numchild += 1
    root.save(update_fields=["numchild"])
    restriction = Restriction.objects.create(collection=collection, restriction_type="groups")
    restriction.groups.set(Group.objects.filter(name__in=["Editors", "Moderators"]))


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0006_participant_documents"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
