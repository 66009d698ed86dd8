"""Pieces of the Wagtail admin shared by the apps."""

from django.contrib.admin.utils import unquote
from django.core.exceptions import FieldDoesNotExist
from django.db import models, transaction
from django.db.models.deletion import ProtectedError, RestrictedError
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils.translation import gettext as _

from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import BaseObjectMixin
from wagtail.admin.views.generic.history import HistoryView
from wagtail.admin.views.generic.models import IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from .admin_export import StreamingExportMixin
from .ordering import alphabetical


class PermissionMenuItem(MenuItem):
    """A menu item shown only to users who hold `permission` (e.g. "events.view_catering")."""

    def __init__(self, *args, permission, **kwargs):
        self.permission = permission
        super().__init__(*args, **kwargs)

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


class ReadOnlyPolicy(ModelPermissionPolicy):
    """Objects that change only through services (issued documents, recorded money,
    registrations): the admin may list and inspect them, never add, edit or delete them.
    `view_permission`, when given, also grants viewing (e.g. "invoices.record_payment")."""

    def __init__(self, model, *, view_permission=None, **kwargs):
        super().__init__(model, **kwargs)
        self.view_permission = view_permission

    def user_has_permission(self, user, action):
        if action != "view" or not (user.is_authenticated and user.is_active):
            return False
        if self.view_permission and user.has_perm(self.view_permission):
            return True
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return self.user_has_any_permission(user, actions)

    def instances_user_has_permission_for(self, user, action):
        if self.user_has_permission(user, action):
            return self.model._default_manager.all()
        return self.model._default_manager.none()

    def instances_user_has_any_permission_for(self, user, actions):
        if self.user_has_any_permission(user, actions):
            return self.model._default_manager.all()
        return self.model._default_manager.none()


class ReadOnlyHistoryView(HistoryView):
    """The object's history (the audit log) for a ReadOnlyPolicy model: whoever may view
    the object may see what was done to it (Wagtail's default asks for add, change or delete)."""

    any_permission_required = ["view"]


class RequestQuerysetViewSetMixin:
    """For a ModelViewSet: exports streamed (home.admin_export.StreamingExportMixin), and its
    `get_queryset(request)` (select_related, prefetch_related,
    annotations) is the base of its listing and exports, and `get_object_queryset(request)` that
    of its inspect, edit, delete and history views, as a SnippetViewSet's `get_queryset` is;
    Wagtail's ModelViewSet calls neither. Each row, and the object shown, then carries what the
    screen displays, in a number of queries that does not grow with the rows (issue 15)."""

    def get_queryset(self, request):
        return None

    def get_object_queryset(self, request):
        return None

    def construct_view(self, view_class, **kwargs):
        if issubclass(view_class, IndexView):
            view_class = _with_mixin(StreamingExportMixin, view_class)
            view_class = _with_mixin(AlphabeticalColumnsMixin, view_class)
            view_class = _with_mixin(ListingQuerysetMixin, view_class)
            kwargs["queryset_for"] = self.get_queryset
        elif hasattr(view_class, "get_object"):
            view_class = _with_mixin(ObjectQuerysetMixin, view_class)
            kwargs["queryset_for"] = self.get_object_queryset
        return super().construct_view(view_class, **kwargs)


class KeptRowDeleteMixin:
    """For a generic delete view: a row that other records keep (on_delete=PROTECT, through a
    model Wagtail's reference index does not follow, so the view offers to delete it) is
    answered with a message naming it, not a server error; nothing is deleted."""

    def form_valid(self, form):
        try:
            with transaction.atomic():
                return super().form_valid(form)
        except (ProtectedError, RestrictedError):
            messages.error(
                self.request,
                _("“%(object)s” cannot be deleted: other records refer to it.")
                % {"object": self.object},
            )
            return redirect(self.get_success_url())


def _with_mixin(mixin, view_class):
    if issubclass(view_class, mixin):
        return view_class
    return type(view_class.__name__, (mixin, view_class), {"__module__": view_class.__module__})


class AlphabeticalColumnsMixin:
    """A listing sorted by a column of text (a name, a city, a region) reads in alphabetical
    order, accents and case aside (home/ordering.py), and so does its export."""

    def order_queryset(self, queryset):
        queryset = super().order_queryset(queryset)
        ordering = self.ordering if isinstance(self.ordering, str) else ""
        try:
            field = self.model._meta.get_field(ordering.removeprefix("-"))
        except FieldDoesNotExist:
            return queryset
        if isinstance(field, (models.CharField, models.TextField)) and not field.choices:
            return queryset.order_by(
                alphabetical(field.name, descending=ordering.startswith("-")), "pk"
            )
        return queryset


class ListingQuerysetMixin:
    queryset_for = None

    def get_base_queryset(self):
        queryset = self.queryset_for(self.request) if self.queryset_for else None
        return super().get_base_queryset() if queryset is None else queryset


class ObjectQuerysetMixin:
    queryset_for = None

    def _object_queryset(self):
        return self.queryset_for(self.request) if self.queryset_for else None

    def get_base_object_queryset(self):
        queryset = self._object_queryset()
        return super().get_base_object_queryset() if queryset is None else queryset

    def get_object(self, queryset=None):
        if isinstance(self, BaseObjectMixin):  # history: through get_base_object_queryset
            return super().get_object()
        if queryset is None:
            queryset = self._object_queryset()
        if isinstance(self, InspectView) and queryset is not None:
            return get_object_or_404(queryset, pk=unquote(str(self.pk)))
        return super().get_object(queryset)


class ReadOnlyViewSet(RequestQuerysetViewSetMixin, ModelViewSet):
    """The admin of objects that change only through services (pair it with ReadOnlyPolicy):
    listing, filters, search, export and inspect, plus the history (the audit log) when
    `with_history` is true; no add, edit, copy, delete or usage views."""

    add_to_admin_menu = False
    inspect_view_enabled = True
    with_history = False

    def get_urlpatterns(self):
        conv = self.pk_path_converter
        patterns = [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path(f"inspect/<{conv}:pk>/", self.inspect_view, name="inspect"),
        ]
        if self.with_history:
            patterns += [
                path(f"history/<{conv}:pk>/", self.history_view, name="history"),
                path(
                    f"history-results/<{conv}:pk>/",
                    self.history_results_view,
                    name="history_results",
                ),
            ]
        return patterns

    def get_common_view_kwargs(self, **kwargs):
        hidden = dict.fromkeys(["add_url_name", "edit_url_name", "delete_url_name"])
        hidden["usage_url_name"] = None
        if not self.with_history:
            hidden["history_url_name"] = None
        return super().get_common_view_kwargs(**{**hidden, **kwargs})
