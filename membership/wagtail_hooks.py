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
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup

from home.admin_menu import PermissionMenuItem
from home.errors import QuorumError

from . import services
from .forms import DecisionForm
from .models import MembershipApplication

PERMISSION = "membership.review_application"


class Decision:
    APPROVE = "approve"
    REJECT = "reject"
    REQUEST_DOCUMENT = "request_document"


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
        ]

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
