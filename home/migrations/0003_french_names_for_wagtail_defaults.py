"""Wagtail creates its default workflow and task ("Moderators approval"), the root collection
and the root page ("Root") as data, in English: no catalogue translates them, so the French
admin showed them as is. The site's language is French: they get French names, unless an
editor already renamed them."""

from django.db import migrations

NAMES = {"Moderators approval": "Approbation des modérateurs", "Root": "Racine"}


def rename(apps, schema_editor, names=NAMES):
    Workflow = apps.get_model("wagtailcore", "Workflow")
    Task = apps.get_model("wagtailcore", "Task")
    Collection = apps.get_model("wagtailcore", "Collection")
    Page = apps.get_model("wagtailcore", "Page")
    for old, new in names.items():
        Workflow.objects.filter(name=old).update(name=new)
        Task.objects.filter(name=old).update(name=new)
        Collection.objects.filter(depth=1, name=old).update(name=new)
        Page.objects.filter(depth=1, title=old).update(title=new, draft_title=new)


def restore(apps, schema_editor):
    rename(apps, schema_editor, {new: old for old, new in NAMES.items()})


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0002_content_blocks_in_home"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(rename, restore)]
