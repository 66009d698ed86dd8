"""Staff side in the Wagtail admin: members, organizations, delegate grants, account and
deletion requests, and the interests and professional orders (translatable snippets)."""

import django_filters

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.views.generic.models import CreateView, DeleteView, EditView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import ListingButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from home.admin_export import LabelledInspectView
from home.admin_menu import KeptRowDeleteMixin, RequestQuerysetViewSetMixin
from home.audit import register_actions
from home.errors import QuorumError
from home.forms import HttpsURLFieldsMixin, LongSelect
from home.ordering import name_order
from home.translated_snippets import TranslatedSnippetIndexView
from invoices import admin_views as invoice_admin_views
from invoices.admin_views import PERMISSION as BILLING_PERMISSION

from . import dashboard, deletion, services
from .forms import RejectForm
from .models import (
    AccountRequest,
    DelegateGrant,
    DeletionRequest,
    Interest,
    Organization,
    ProfessionalOrder,
    User,
)
from .wagtail_users import ErasePersonMixin, EraseUsersBulkAction


class MemberFilterSet(WagtailFilterSet):
    is_member = django_filters.BooleanFilter(label=gettext_lazy("Member"))
    organization = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Current organization"),
        queryset=Organization.objects.only("pk", "name"),
        method="filter_organization",
        widget=LongSelect,
    )

    class Meta:
        model = User
        fields = ["is_member", "is_active"]

    def filter_organization(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(
            functions__organization=value, functions__end_date__isnull=True
        ).distinct()


class KeptRowDeleteView(KeptRowDeleteMixin, DeleteView):
    pass


class PersonDeleteView(ErasePersonMixin, DeleteView):
    """Wagtail's confirmation screen; deleting erases the person (members/wagtail_users.py)."""


class MemberViewSet(HttpsURLFieldsMixin, RequestQuerysetViewSetMixin, ModelViewSet):
    """People: members and participants. Allergies (health data) are neither listed, exported
    nor shown here: staff who need them for catering see the events' catering list, behind its
    own permission."""

    model = User
    icon = "user"
    menu_label = gettext_lazy("Members and participants")
    url_prefix = "members/people"
    name = "member_people"
    add_to_admin_menu = False
    filterset_class = MemberFilterSet
    search_fields = ["first_name", "last_name", "email", "username", "member_number"]
    list_display = ["__str__", "username", "email", "is_member", "member_number", "is_active"]
    list_export = [
        "username",
        "first_name",
        "last_name",
        "email",
        "language",
        "is_member",
        "member_number",
        "is_active",
        "date_joined",
        "work_phone",
        "linkedin_url",
    ]
    export_filename = "members"
    delete_view_class = PersonDeleteView
    inspect_view_enabled = True
    inspect_view_class = LabelledInspectView
    inspect_view_fields = [
        "username",
        "first_name",
        "last_name",
        "email",
        "language",
        "is_member",
        "member_number",
        "is_active",
        "date_joined",
        "last_login",
        "work_phone",
        "allergies_consent",
        "expertise",
        "other_associations",
        "linkedin_url",
        "in_directory",
    ]
    copy_view_enabled = False
    form_fields = [
        "first_name",
        "last_name",
        "email",
        "language",
        "is_member",
        "member_number",
        "is_active",
        "work_phone",
        "expertise",
        "linkedin_url",
        "in_directory",
    ]

    def get_form_class(self, for_update=False):
        form_class = super().get_form_class(for_update)

        class MemberForm(form_class):
            def clean_email(self):
                # One e-mail, one account, whatever its case: login by e-mail and "Forgot
                # your username?" find the account by it (as every member form checks).
                email = self.cleaned_data.get("email")
                if services.email_taken(email, but=self.instance):
                    raise forms.ValidationError(_("Another file already uses this e-mail."))
                return email

        return MemberForm


class OrganizationFilterSet(WagtailFilterSet):
    class Meta:
        model = Organization
        fields = ["kind", "is_active", "region"]


class OrganizationEditView(EditView):
    @property
    def header_more_buttons(self):
        """The organization's statement of account, for staff who handle billing."""
        buttons = list(super().header_more_buttons)
        if self.request.user.has_perm(BILLING_PERMISSION):
            buttons.append(
                ListingButton(
                    _("Statement of account (PDF)"),
                    url=reverse("member_organizations:statement", args=[self.object.pk]),
                    icon_name="download",
                    priority=40,
                )
            )
        return buttons


class OrganizationViewSet(RequestQuerysetViewSetMixin, ModelViewSet):
    model = Organization
    edit_view_class = OrganizationEditView
    delete_view_class = KeptRowDeleteView
    icon = "group"
    url_prefix = "members/organizations"
    name = "member_organizations"
    add_to_admin_menu = False
    filterset_class = OrganizationFilterSet
    search_fields = ["name", "city", "region"]
    list_display = ["name", "kind", "city", "region", "is_active", "proposed_by"]
    list_export = [
        "name",
        "kind",
        "street",
        "city",
        "province",
        "postal_code",
        "region",
        "is_active",
    ]
    export_filename = "organizations"

    def get_queryset(self, request):
        return Organization.objects.select_related("proposed_by")

    form_fields = [
        "name",
        "kind",
        "street",
        "city",
        "province",
        "postal_code",
        "region",
        "is_active",
    ]
    copy_view_enabled = False

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path(
                "statement/<int:pk>/",
                invoice_admin_views.organization_statement,
                name="statement",
            ),
        ]


class GrantCreateView(CreateView):
    def save_instance(self):
        return services.grant_delegate(
            user=self.form.cleaned_data["user"],
            organization=self.form.cleaned_data["organization"],
            by=self.request.user,
        )


class GrantDeleteView(DeleteView):
    def delete_action(self):
        services.revoke_delegate(self.object, by=self.request.user)


class DelegateGrantViewSet(RequestQuerysetViewSetMixin, ModelViewSet):
    """Grant (create) or revoke (delete) the delegate role for an organization."""

    model = DelegateGrant
    icon = "key"
    menu_label = gettext_lazy("Delegates")
    url_prefix = "members/delegates"
    name = "member_delegates"
    add_to_admin_menu = False
    list_display = ["user", "organization", "granted_at", "granted_by"]
    list_filter = ["organization"]
    form_fields = ["user", "organization"]
    copy_view_enabled = False
    add_view_class = GrantCreateView
    delete_view_class = GrantDeleteView

    def get_queryset(self, request):
        return DelegateGrant.objects.select_related("user", "organization", "granted_by")

    get_object_queryset = get_queryset

    def get_form_class(self, for_update=False):
        form_class = super().get_form_class(for_update)

        class GrantForm(form_class):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                self.fields["user"].queryset = User.objects.filter(is_active=True).order_by(
                    *name_order()
                )

        return GrantForm


def _decide_button(url, label):
    return ListingButton(label, url=url, icon_name="tasks", priority=5)


class PendingOnlyMixin:
    """A decided request no longer changes (it is the record of what was asked and decided):
    its edit and delete views lead back to the list."""

    decided_message = gettext_lazy("This request was already decided.")

    def dispatch(self, request, *args, **kwargs):
        item = self.model._default_manager.filter(pk=kwargs.get("pk")).first()
        if item is not None and item.status != item.Status.PENDING:
            messages.error(request, self.decided_message)
            return redirect(self.index_url_name)
        return super().dispatch(request, *args, **kwargs)


class PendingRequestViewSetMixin:
    """Requests (account, deletion) list a button to the view that decides a pending one, for
    staff who may decide; only a pending one may still be edited or deleted."""

    decide_url_name = "decide"
    decide_label = None
    decided_message = PendingOnlyMixin.decided_message

    @property
    def edit_view_class(self):
        return self._pending_only(super().edit_view_class)

    @property
    def delete_view_class(self):
        return self._pending_only(super().delete_view_class)

    def _pending_only(self, base):
        return type(
            f"Pending{base.__name__}",
            (PendingOnlyMixin, base),
            {"decided_message": self.decided_message},
        )

    @property
    def index_view_class(self):
        viewset = self
        base = super().index_view_class

        class IndexView(base):
            def get_edit_url(self, instance):
                pending = instance.status == instance.Status.PENDING
                return super().get_edit_url(instance) if pending else None

            def get_delete_url(self, instance):
                pending = instance.status == instance.Status.PENDING
                return super().get_delete_url(instance) if pending else None

            def get_list_more_buttons(self, instance):
                buttons = super().get_list_more_buttons(instance)
                # Deciding needs the permission to change requests, as the decide view does.
                may_decide = self.permission_policy.user_has_permission(self.request.user, "change")
                if may_decide and instance.status == instance.Status.PENDING:
                    url = reverse(viewset.get_url_name(viewset.decide_url_name), args=[instance.pk])
                    buttons.insert(0, _decide_button(url, viewset.decide_label))
                return buttons

        return IndexView


class AccountRequestViewSet(PendingRequestViewSetMixin, RequestQuerysetViewSetMixin, ModelViewSet):
    model = AccountRequest
    icon = "user"
    menu_label = gettext_lazy("Account requests")
    url_prefix = "members/account-requests"
    name = "member_account_requests"
    decide_label = gettext_lazy("Approve or decline")
    add_to_admin_menu = False
    list_display = ["__str__", "email", "requested_by", "created_at", "status"]
    list_filter = ["status", "organization"]
    form_fields = [
        "requested_by",
        "organization",
        "first_name",
        "last_name",
        "email",
        "title",
        "language",
    ]
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_class = LabelledInspectView

    def get_queryset(self, request):
        return AccountRequest.objects.select_related("requested_by", "organization")

    def get_object_queryset(self, request):
        return AccountRequest.objects.select_related(
            "requested_by", "organization", "created_user", "decided_by"
        )

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("decide/<int:pk>/", self.decide_view, name="decide"),
        ]

    def decide_view(self, request, pk):
        if not request.user.has_perm("members.change_accountrequest"):
            raise PermissionDenied
        account_request = get_object_or_404(
            AccountRequest.objects.select_related("organization", "requested_by"), pk=pk
        )
        index_url = reverse(self.get_url_name("index"))
        form = RejectForm(request.POST if request.method == "POST" else None)
        if request.method == "POST" and account_request.status == AccountRequest.Status.PENDING:
            try:
                if "approve" in request.POST:
                    services.approve_account_request(account_request, by=request.user)
                    messages.success(request, _("The account was created and the invitation sent."))
                    return redirect(index_url)
                if form.is_valid():
                    services.reject_account_request(
                        account_request, by=request.user, reason=form.cleaned_data["reason"]
                    )
                    messages.success(request, _("The request was declined; the delegate is told."))
                    return redirect(index_url)
            except QuorumError as error:
                messages.error(request, error.text)
        return TemplateResponse(
            request,
            "members/admin/account_request_decide.html",
            {
                "object": account_request,
                "form": form,
                "index_url": index_url,
                "page_title": _("Account request"),
            },
        )


class DeletionRequestViewSet(PendingRequestViewSetMixin, RequestQuerysetViewSetMixin, ModelViewSet):
    model = DeletionRequest
    icon = "bin"
    menu_label = gettext_lazy("Deletion requests")
    url_prefix = "members/deletion-requests"
    name = "member_deletion_requests"
    decide_url_name = "process"
    decide_label = gettext_lazy("Process")
    decided_message = gettext_lazy("This request was already processed.")
    add_to_admin_menu = False
    list_display = ["__str__", "user", "created_at", "status", "decided_at"]
    list_filter = ["status"]
    form_fields = ["user", "reason"]
    copy_view_enabled = False

    def get_queryset(self, request):
        return DeletionRequest.objects.select_related("user")

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("process/<int:pk>/", self.process_view, name="process"),
        ]

    def process_view(self, request, pk):
        if not request.user.has_perm("members.change_deletionrequest"):
            raise PermissionDenied
        deletion_request = get_object_or_404(DeletionRequest.objects.select_related("user"), pk=pk)
        index_url = reverse(self.get_url_name("index"))
        if request.method == "POST" and deletion_request.status == DeletionRequest.Status.PENDING:
            try:
                deletion.process_deletion_request(deletion_request, by=request.user)
            except QuorumError as error:
                messages.error(request, error.text)
            else:
                messages.success(request, _("The account was anonymised and deactivated."))
            return redirect(index_url)
        return TemplateResponse(
            request,
            "members/admin/deletion_request_process.html",
            {
                "object": deletion_request,
                "index_url": index_url,
                "page_title": _("Deletion request"),
            },
        )


class InterestViewSet(SnippetViewSet):
    model = Interest
    index_view_class = TranslatedSnippetIndexView
    icon = "tag"
    list_display = ["name", "sort_order"]
    add_to_admin_menu = False


class ProfessionalOrderViewSet(SnippetViewSet):
    model = ProfessionalOrder
    index_view_class = TranslatedSnippetIndexView
    icon = "doc-full"
    list_display = ["name", "sort_order"]
    add_to_admin_menu = False


class MembersGroup(SnippetViewSetGroup):
    """Every staff screen of the members app, in one menu."""

    menu_label = gettext_lazy("Members")
    menu_icon = "group"
    menu_order = 200
    items = (
        MemberViewSet,
        OrganizationViewSet,
        DelegateGrantViewSet,
        AccountRequestViewSet,
        DeletionRequestViewSet,
        InterestViewSet,
        ProfessionalOrderViewSet,
    )


register_snippet(MembersGroup)


@hooks.register("register_log_actions")
def register_member_log_actions(actions):
    register_actions(
        actions,
        {
            "members.file_created": (gettext_lazy("File created"), gettext_lazy("File created")),
            "members.organization_proposed": (
                gettext_lazy("Organization proposed"),
                gettext_lazy("Organization proposed by a person creating their file"),
            ),
            "members.photo_changed": (
                gettext_lazy("Photo changed"),
                gettext_lazy("Profile photo changed"),
            ),
            "members.photo_removed": (
                gettext_lazy("Photo removed"),
                gettext_lazy("Profile photo removed"),
            ),
            "members.username_changed": (
                gettext_lazy("Username changed"),
                gettext_lazy("Username changed"),
            ),
            "members.email_change_requested": (
                gettext_lazy("E-mail change requested"),
                gettext_lazy("E-mail change requested (confirmation link sent)"),
            ),
            "members.email_changed": (
                gettext_lazy("E-mail changed"),
                gettext_lazy("E-mail change confirmed"),
            ),
            "members.password_changed": (
                gettext_lazy("Password changed"),
                gettext_lazy("Password changed (the person was told by e-mail)"),
            ),
            "members.addresses_changed": (
                gettext_lazy("Addresses changed"),
                gettext_lazy("Addresses changed"),
            ),
            "members.information_changed": (
                gettext_lazy("Information changed"),
                gettext_lazy("Information section changed"),
            ),
            "members.function_added": (
                gettext_lazy("Function added"),
                gettext_lazy("Function added"),
            ),
            "members.function_ended": (
                gettext_lazy("Function ended"),
                gettext_lazy("Function ended"),
            ),
            "members.subscriptions_changed": (
                gettext_lazy("Subscriptions changed"),
                gettext_lazy("Subscriptions changed"),
            ),
            "members.interests_changed": (
                gettext_lazy("Interests changed"),
                gettext_lazy("Interests changed"),
            ),
            "members.directory_changed": (
                gettext_lazy("Directory preferences changed"),
                gettext_lazy("Directory preferences changed"),
            ),
            "members.directory_left": (
                gettext_lazy("Left the directory"),
                gettext_lazy("Left the directory"),
            ),
            "members.account_requested": (
                gettext_lazy("Account requested"),
                gettext_lazy("Account requested by a delegate"),
            ),
            "members.account_request_approved": (
                gettext_lazy("Account request approved"),
                gettext_lazy("Account request approved"),
            ),
            "members.account_request_rejected": (
                gettext_lazy("Account request rejected"),
                gettext_lazy("Account request rejected"),
            ),
            "members.account_created": (
                gettext_lazy("Account created"),
                gettext_lazy("Account created from a delegate's request"),
            ),
            "members.deletion_requested": (
                gettext_lazy("Deletion requested"),
                gettext_lazy("Deletion requested"),
            ),
            "members.deletion_processed": (
                gettext_lazy("Deletion request processed"),
                gettext_lazy("Deletion request processed"),
            ),
            "members.anonymised": (
                gettext_lazy("Anonymised"),
                gettext_lazy("Account anonymised and deactivated"),
            ),
            "members.person_deleted": (
                gettext_lazy("Person deleted"),
                gettext_lazy("Personal information erased and account deleted by staff"),
            ),
            "members.delegate_granted": (
                gettext_lazy("Delegate role granted"),
                gettext_lazy("Delegate role granted"),
            ),
            "members.delegate_revoked": (
                gettext_lazy("Delegate role revoked"),
                gettext_lazy("Delegate role revoked"),
            ),
        },
    )


# --- Staff dashboard (issue 16): this app's panels on the admin's home page ------------------


@hooks.register("construct_homepage_panels")
def add_members_dashboard_panels(request, panels):
    dashboard.add_panels(request, panels)


# After Wagtail's own "delete" for users (order 0), so this one is the listing's.
hooks.register("register_bulk_action", EraseUsersBulkAction, order=1)
