from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_applications


@hooks.register("register_admin_urls")
def register_application_urls():
    urls = [
        path("", admin_applications.queue, name="queue"),
        path("<int:pk>/", admin_applications.review, name="review"),
    ]
    return [path("membership-applications/", include((urls, "members_applications")))]


class PermissionMenuItem(MenuItem):
    def __init__(self, *args, permission, **kwargs):
        self.permission = permission
        super().__init__(*args, **kwargs)

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


@hooks.register("register_admin_menu_item")
def register_application_menu_item():
    return PermissionMenuItem(
        _("Membership applications"),
        reverse("members_applications:queue"),
        icon_name="form",
        order=250,
        permission=admin_applications.PERMISSION,
    )
