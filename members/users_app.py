from wagtail.users.apps import WagtailUsersAppConfig


class UsersConfig(WagtailUsersAppConfig):
    """Wagtail's users app (Settings > Users), with the user screens of members/wagtail_users.py.
    Its label, models and migrations stay Wagtail's."""

    user_viewset = "members.wagtail_users.UserViewSet"
