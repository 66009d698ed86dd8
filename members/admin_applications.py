"""The membership staff's review queue in the Wagtail admin."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from . import services
from .application_forms import DecisionForm
from .models import MembershipApplication

PERMISSION = "members.review_application"


def _check(request):
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied


def queue(request):
    _check(request)
    status = request.GET.get("status", MembershipApplication.Status.SUBMITTED)
    applications = MembershipApplication.objects.select_related("user", "organization")
    if status in MembershipApplication.Status.values:
        applications = applications.filter(status=status)
    return TemplateResponse(
        request,
        "members/admin/application_queue.html",
        {
            "applications": applications,
            "status": status,
            "statuses": MembershipApplication.Status.choices,
        },
    )


def review(request, pk):
    _check(request)
    application = get_object_or_404(
        MembershipApplication.objects.select_related("user", "organization", "dues_invoice"),
        pk=pk,
    )
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        action = request.POST.get("action")
        message = form.cleaned_data["message"]
        try:
            if action == "approve":
                services.approve_application(application, by=request.user)
                messages.success(request, _("Application approved; the dues invoice is issued."))
            elif action == "reject":
                services.reject_application(application, by=request.user, reason=message)
                messages.success(request, _("Application rejected; the applicant is told why."))
            elif action == "request_document":
                services.request_document(application, by=request.user, message=message)
                messages.success(request, _("The applicant is asked for the missing document."))
            else:
                raise ValidationError(_("Unknown action."))
        except ValidationError as error:
            for text in error.messages:
                messages.error(request, text)
        return redirect("members_applications:review", pk=application.pk)
    return TemplateResponse(
        request,
        "members/admin/application_review.html",
        {
            "application": application,
            "documents": application.documents.all(),
            "decisions": application.decisions.select_related("by"),
            "form": form,
        },
    )
