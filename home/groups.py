from django.contrib.auth.models import Group, Permission
from django.utils.translation import gettext_noop

TRANSLATORS = gettext_noop("Translators")


def ensure_translators_group(**kwargs):
    """Keep a "Translators" group that can reach the admin and submit translations."""
    from wagtail.models import GroupPagePermission, Page

    group, _ = Group.objects.get_or_create(name=TRANSLATORS)
    codenames = [
        ("wagtailadmin", "access_admin"),
        ("wagtail_localize", "submit_translation"),
        ("home", "change_footertext"),
        ("home", "change_legalnotice"),
        ("home", "change_contactblock"),
    ]
    for app_label, codename in codenames:
        permission = Permission.objects.filter(
            content_type__app_label=app_label, codename=codename
        ).first()
        if permission:
            group.permissions.add(permission)
    root = Page.get_first_root_node()
    if root:
        for codename in ("add_page", "change_page", "publish_page"):
            permission = Permission.objects.filter(
                content_type__app_label="wagtailcore", codename=codename
            ).first()
            if permission:
                GroupPagePermission.objects.get_or_create(
                    group=group, page=root, permission=permission
                )
