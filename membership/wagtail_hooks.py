"""Staff side in the Wagtail admin, under "Membership": the queue of applications and the
review of one (approve, reject with a reason, ask for a missing document)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail import hooks
from wagtail.admin.views.generic.history import HistoryView
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup

from home.admin_menu import PermissionMenuItem
from home.audit import register_actions
from home.errors import QuorumError

from . import services
from .forms import DecisionForm
from .models import MembershipApplication

PERMISSION = "membership.review_application"


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


class MembershipGroup(ViewSetGroup):
    menu_label = gettext_lazy("Membership")
    menu_icon = "form"
    menu_order = 250
    items = (MembershipApplicationViewSet,)


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
            "membership.application_erased": (
                gettext_lazy("Application erased"),
                gettext_lazy("Application and its documents erased (deletion request)"),
            ),
        },
    )
