"""Staff side in the Wagtail admin, under "Membership": the queue of applications and the
review of one (approve, reject with a reason, ask for a missing document); membership periods
(renewals due, paid, lapsed; CSV/XLSX export), the categories and the membership settings."""

import datetime

import django_filters

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import F, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail import hooks
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.views.generic.history import HistoryView
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup
from wagtail.models import Locale
from wagtail.permissions import register_permission_policy
from wagtail.snippets.views.snippets import SnippetViewSet

from home.admin_export import LabelledExportMixin, LabelledInspectView
from home.admin_menu import PermissionMenuItem, ReadOnlyPolicy, ReadOnlyViewSet
from home.audit import register_actions
from home.errors import QuorumError
from home.translated_snippets import TranslatedSnippetIndexView

from . import dashboard, periods, services
from .forms import DecisionForm
from .models import Membership, MembershipApplication, MembershipCategory, MembershipSettings

PERMISSION = "membership.review_application"

register_permission_policy(Membership, ReadOnlyPolicy(Membership, view_permission=PERMISSION))


class Decision:
    APPROVE = "approve"
    REJECT = "reject"
    REQUEST_DOCUMENT = "request_document"


class ApplicationHistoryView(HistoryView):
    """Who did what to an application (the audit log), for reviewers."""

    model = MembershipApplication
    permission_policy = None  # checked in dispatch: the reviewers' own permission
    header_icon = "form"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class MembershipApplicationViewSet(ViewSet):
    """The applications waiting for review, and the review of one. Applications change only
    through the services, so there is no add, edit or delete view."""

    model = MembershipApplication
    name = "membership_applications"
    url_prefix = "membership-applications"
    icon = "form"
    menu_label = gettext_lazy("Membership applications")
    add_to_admin_menu = False

    def get_menu_item(self, order=None):
        return PermissionMenuItem(
            self.menu_label,
            self.menu_url,
            icon_name=self.icon,
            order=self.get_menu_item_order(order),
            permission=PERMISSION,
        )

    def get_urlpatterns(self):
        return [
            path("", self.queue_view, name="index"),
            path("<int:pk>/", self.review_view, name="review"),
            path("history/<int:pk>/", self.history_view, name="history"),
            path("history-results/<int:pk>/", self.history_results_view, name="history_results"),
        ]

    def _history_view_kwargs(self):
        return {
            "index_url_name": self.get_url_name("index"),
            "edit_url_name": self.get_url_name("review"),
            "history_url_name": self.get_url_name("history"),
            "history_results_url_name": self.get_url_name("history_results"),
        }

    @property
    def history_view(self):
        return ApplicationHistoryView.as_view(**self._history_view_kwargs())

    @property
    def history_results_view(self):
        return ApplicationHistoryView.as_view(results_only=True, **self._history_view_kwargs())

    def _check(self, request):
        if not request.user.has_perm(PERMISSION):
            raise PermissionDenied

    def queue_view(self, request):
        self._check(request)
        status = request.GET.get("status", MembershipApplication.Status.SUBMITTED)
        applications = MembershipApplication.objects.select_related("user", "organization")
        if status in MembershipApplication.Status.values:
            applications = applications.filter(status=status)
        return TemplateResponse(
            request,
            "membership/admin/application_queue.html",
            {
                "applications": applications,
                "status": status,
                "statuses": MembershipApplication.Status.choices,
            },
        )

    def review_view(self, request, pk):
        self._check(request)
        application = get_object_or_404(
            MembershipApplication.objects.select_related("user", "organization", "dues_invoice"),
            pk=pk,
        )
        form = DecisionForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            action = request.POST.get("action")
            message = form.cleaned_data["message"]
            try:
                if action == Decision.APPROVE:
                    services.approve_application(application, by=request.user)
                    messages.success(
                        request, _("Application approved; the dues invoice is issued.")
                    )
                elif action == Decision.REJECT:
                    services.reject_application(application, by=request.user, reason=message)
                    messages.success(request, _("Application rejected; the applicant is told why."))
                elif action == Decision.REQUEST_DOCUMENT:
                    services.request_document(application, by=request.user, message=message)
                    messages.success(request, _("The applicant is asked for the missing document."))
                else:
                    messages.error(request, _("Unknown action."))
            except QuorumError as error:
                for text in error.messages:
                    messages.error(request, text)
            return redirect(self.get_url_name("review"), pk=application.pk)
        return TemplateResponse(
            request,
            "membership/admin/application_review.html",
            {
                "application": application,
                "documents": application.documents.all(),
                "decisions": application.decisions.select_related("by"),
                "form": form,
                "queue_url_name": self.get_url_name("index"),
            },
        )


class View(models.TextChoices):
    """The staff's usual questions about periods."""

    RENEWALS_DUE = "due", gettext_lazy("Renewals due (invoiced, unpaid)")
    PAID = "paid", gettext_lazy("Renewals paid")
    LAPSED = "lapsed", gettext_lazy("Lapsed")


class MembershipFilterSet(WagtailFilterSet):
    view = django_filters.ChoiceFilter(
        label=gettext_lazy("Show"), choices=View.choices, method="filter_view"
    )
    status = django_filters.ChoiceFilter(
        label=gettext_lazy("Status"), choices=Membership.Status.choices
    )
    category = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Category"),
        queryset=lambda request: MembershipCategory.objects.filter(locale=Locale.get_active()),
        method="filter_category",
    )
    period = django_filters.DateFromToRangeFilter(
        label=gettext_lazy("Period"), widget=DateRangePickerWidget, method="filter_period"
    )

    class Meta:
        model = Membership
        fields = ["view", "status", "category", "period"]

    def filter_view(self, queryset, name, value):
        if value == View.RENEWALS_DUE:
            return queryset.filter(status=Membership.Status.PENDING)
        if value == View.PAID:
            # Periods that followed another (renewals), now active.
            return queryset.filter(status=Membership.Status.ACTIVE).filter(
                user__memberships__ends_on=_previous_day("starts_on")
            )
        if value == View.LAPSED:
            return queryset.filter(status=Membership.Status.LAPSED)
        return queryset

    def filter_category(self, queryset, name, value):
        return queryset.filter(category__translation_key=value.translation_key)

    def filter_period(self, queryset, name, value):
        """Periods that overlap the dates chosen."""
        if value.start:
            queryset = queryset.filter(ends_on__gte=value.start)
        if value.stop:
            queryset = queryset.filter(starts_on__lte=value.stop)
        return queryset


def _previous_day(field):
    return F(field) - datetime.timedelta(days=1)


def _member_status(period):
    """The member's status today, annotated on the row (`periods.status_expression`)."""
    return periods.MembershipStatus(period.member_status).label


class MembershipIndexView(LabelledExportMixin, generic.IndexView):
    export_extras = {
        "member_number": lambda period: period.user.member_number,
        "email": lambda period: period.user.email,
        "invoice_status": lambda period: (
            period.invoice.get_status_display() if period.invoice else ""
        ),
        "member_status": _member_status,
    }

    def get_base_queryset(self):
        queryset = (
            super()
            .get_base_queryset()
            .select_related("user", "category", "invoice")
            .annotate(category_label=_category_in_staff_language())
        )
        if getattr(self, "is_export", False):
            # Only the export has the column: its subqueries read every period of every
            # member, which the listing's page of rows would pay for too.
            queryset = queryset.annotate(member_status=periods.status_expression(user_field="user"))
        return queryset


class MembershipInspectView(LabelledInspectView):
    def get_field_display_value(self, field_name, field):
        if field_name == "category" and self.object.category is not None:
            return periods.localized_category(self.object.category).name
        return super().get_field_display_value(field_name, field)


def _category_in_staff_language():
    """The period's category as named in the staff member's language (categories are
    translatable snippets: a period points to the French one)."""
    translated = MembershipCategory.objects.filter(
        translation_key=OuterRef("category__translation_key"), locale=Locale.get_active()
    ).values("name")[:1]
    return Coalesce(Subquery(translated), F("category__name"))


class MembershipPeriodViewSet(ReadOnlyViewSet):
    """Membership periods: read only (they change through the services), filtered, searched
    and exported."""

    model = Membership
    name = "membership_periods"
    url_prefix = "membership-periods"
    icon = "date"
    menu_label = gettext_lazy("Membership periods")
    index_view_class = MembershipIndexView
    inspect_view_class = MembershipInspectView
    filterset_class = MembershipFilterSet
    search_fields = ["user__first_name", "user__last_name", "user__email", "user__member_number"]
    search_backend_name = None
    list_display = [
        "user",
        Column("category_label", label=gettext_lazy("Category")),
        "starts_on",
        "ends_on",
        "status",
        "invoice",
    ]
    list_export = [
        "user",
        "member_number",
        "email",
        "category_label",
        "starts_on",
        "ends_on",
        "status",
        "invoice",
        "invoice_status",
        "member_status",
    ]
    export_headings = {
        "member_number": gettext_lazy("Member number"),
        "category_label": gettext_lazy("Category"),
        "email": gettext_lazy("E-mail"),
        "invoice_status": gettext_lazy("Invoice status"),
        "member_status": gettext_lazy("Membership today"),
    }
    export_filename = "membership-periods"


class MembershipCategoryViewSet(SnippetViewSet):
    model = MembershipCategory
    index_view_class = TranslatedSnippetIndexView
    icon = "tag"
    list_display = ["name", "dues", "is_active", "is_default", "sort_order"]
    add_to_admin_menu = False


class MembershipSettingsViewSet(ViewSet):
    """A menu entry for the membership settings (Settings → Membership settings)."""

    name = "membership_settings_link"
    icon = "cog"
    menu_label = gettext_lazy("Membership settings")
    add_to_admin_menu = False

    def get_urlpatterns(self):
        return []

    def get_menu_item(self, order=None):
        meta = MembershipSettings._meta
        return PermissionMenuItem(
            self.menu_label,
            reverse("wagtailsettings:edit", args=[meta.app_label, meta.model_name]),
            icon_name=self.icon,
            order=self.get_menu_item_order(order),
            permission=f"{meta.app_label}.change_{meta.model_name}",
        )


class MembershipGroup(ViewSetGroup):
    menu_label = gettext_lazy("Membership")
    menu_icon = "form"
    menu_order = 250
    items = (
        MembershipApplicationViewSet,
        MembershipPeriodViewSet,
        MembershipCategoryViewSet,
        MembershipSettingsViewSet,
    )


@hooks.register("register_admin_viewset")
def register_membership_viewsets():
    return MembershipGroup()


@hooks.register("register_log_actions")
def register_membership_log_actions(actions):
    register_actions(
        actions,
        {
            "membership.file_created": (
                gettext_lazy("File created"),
                gettext_lazy("File created with a membership application"),
            ),
            "membership.application_started": (
                gettext_lazy("Application started"),
                gettext_lazy("Membership application started"),
            ),
            "membership.application_step_saved": (
                gettext_lazy("Application step saved"),
                gettext_lazy("Membership application step saved"),
            ),
            "membership.document_attached": (
                gettext_lazy("Document attached"),
                gettext_lazy("PDF document attached"),
            ),
            "membership.application_submitted": (
                gettext_lazy("Application submitted"),
                gettext_lazy("Membership application submitted"),
            ),
            "membership.application_approved": (
                gettext_lazy("Application approved"),
                gettext_lazy("Membership application approved"),
            ),
            "membership.application_rejected": (
                gettext_lazy("Application rejected"),
                gettext_lazy("Membership application rejected"),
            ),
            "membership.document_requested": (
                gettext_lazy("Document requested"),
                gettext_lazy("Missing document requested from the applicant"),
            ),
            "membership.credits_awarded": (
                gettext_lazy("Credits awarded"),
                gettext_lazy("Training credits awarded"),
            ),
            "membership.attestation_issued": (
                gettext_lazy("Attestation issued"),
                gettext_lazy("Attestation issued"),
            ),
            "membership.attestation_anonymised": (
                gettext_lazy("Attestation anonymised"),
                gettext_lazy("Holder's name removed from the attestation"),
            ),
            "membership.period_started": (
                gettext_lazy("Membership started"),
                gettext_lazy("Membership period started"),
            ),
            "membership.renewal_issued": (
                gettext_lazy("Renewal issued"),
                gettext_lazy("Membership renewal invoice issued"),
            ),
            "membership.renewed_without_dues": (
                gettext_lazy("Renewed without dues"),
                gettext_lazy("Membership renewed: its category has no dues, nothing invoiced"),
            ),
            "membership.renewal_paid": (
                gettext_lazy("Renewal paid"),
                gettext_lazy("Membership renewal paid: period active"),
            ),
            "membership.renewal_cancelled": (
                gettext_lazy("Renewal invoice cancelled"),
                gettext_lazy("Renewal invoice cancelled by a credit note: renewal cancelled"),
            ),
            "membership.lapsed": (
                gettext_lazy("Membership lapsed"),
                gettext_lazy("Renewal unpaid after the grace period: membership lapsed"),
            ),
            "membership.period_cancelled": (
                gettext_lazy("Renewal cancelled"),
                gettext_lazy("Pending renewal cancelled (account closed)"),
            ),
            "membership.status_changed": (
                gettext_lazy("Membership status changed"),
                gettext_lazy("Member flag updated from the membership periods"),
            ),
            "membership.category_created": (
                gettext_lazy("Category created"),
                gettext_lazy("Default membership category created"),
            ),
            "membership.application_erased": (
                gettext_lazy("Application erased"),
                gettext_lazy("Application and its documents erased (deletion request)"),
            ),
        },
    )


# --- Staff dashboard (issue 16): this app's panels on the admin's home page ------------------


@hooks.register("construct_homepage_panels")
def add_membership_dashboard_panels(request, panels):
    dashboard.add_panels(request, panels)
