"""'Devenir membre' (seven steps without a file, six from an existing file), the applicant's
documents, 'Titre et attestations' and the public attestation check."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_http_methods

from home.errors import NotFound, QuorumError
from home.formatting import format_long_date
from home.links import absolute_url, current_language
from home.pdf import pdf_download, render_pdf
from home.wizard import Wizard
from invoices.forms import OfflineMethodForm
from invoices.views import card_payments_enabled

from . import forms, periods, services
from .models import ApplicationDocument, MembershipApplication, TitleSettings

# Seven steps without a file (the first creates it), six from an existing file. The answers are
# kept in the application itself, a draft the applicant can resume.
APPLY = Wizard(
    {
        1: gettext_lazy("Your participant file"),
        2: gettext_lazy("Contact details"),
        3: gettext_lazy("Employer and function"),
        4: gettext_lazy("Hiring resolution"),
        5: gettext_lazy("Diploma"),
        6: gettext_lazy("Declarations"),
        7: gettext_lazy("Review and send"),
    }
)
ACCOUNT_STEP, REVIEW_STEP = APPLY.first, APPLY.last
FIRST_WITH_FILE = APPLY.following(ACCOUNT_STEP)
MODEL_FORMS = {
    2: forms.CoordinatesStepForm,
    3: forms.EmployerStepForm,
    6: forms.DeclarationsStepForm,
}
DOCUMENT_STEPS = {
    4: ApplicationDocument.Kind.HIRING_RESOLUTION,
    5: ApplicationDocument.Kind.DIPLOMA,
}


def _wizard(application):
    if application is None or application.without_file:
        return APPLY
    return APPLY.only(n for n in APPLY.numbers if n != ACCOUNT_STEP)


def apply_start(request):
    if not request.user.is_authenticated:
        return redirect("membership:apply_step", step=1)
    if request.user.is_member:
        messages.info(request, _("You are already a member."))
        return redirect("membership:apply_status")
    if periods.status_of(request.user).status == periods.MembershipStatus.LAPSED:
        # A former member renews (no new application): "Renouveler mon adhésion".
        messages.info(request, _("Your membership has lapsed: renew it here."))
        return redirect("membership:renew")
    application = services.start_application(request.user, by=request.user)
    if not application.is_editable:
        return redirect("membership:apply_status")
    return redirect(
        "membership:apply_step", step=min(max(application.step + 1, FIRST_WITH_FILE), REVIEW_STEP)
    )


@require_http_methods(["GET", "POST"])
def apply_step(request, step):
    if step not in APPLY:
        raise Http404
    if step == ACCOUNT_STEP:
        return _account_step(request)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    application = services.open_application(request.user)
    if application is None or not application.is_editable:
        return redirect("membership:apply")
    if request.method == "POST" and "back" in request.POST:
        return redirect("membership:apply_step", step=max(APPLY.preceding(step), FIRST_WITH_FILE))
    if step in MODEL_FORMS:
        return _model_step(request, application, step)
    if step in DOCUMENT_STEPS:
        return _document_step(request, application, step)
    return _review_step(request, application)


def _render_step(request, application, step, form, **extra):
    context = {
        **_wizard(application).context(step),
        "application": application,
        "form": form,
        **extra,
    }
    return render(request, "membership/apply/step.html", context)


def _account_step(request):
    if request.user.is_authenticated:
        return redirect("membership:apply")
    data = request.POST if request.method == "POST" else None
    form = forms.AccountStepForm(data, initial={"language": current_language()})
    if request.method == "POST" and form.is_valid():
        try:
            user, _application = services.create_file_for_application(**form.cleaned_data)
        except QuorumError as error:
            form.add_error("username" if error.code == "username_taken" else "email", error)
        else:
            login(request, user, backend="members.auth.UsernameOrEmailBackend")
            messages.success(request, _("Your participant file is created. Let's continue."))
            return redirect("membership:apply_step", step=FIRST_WITH_FILE)
    return _render_step(request, None, ACCOUNT_STEP, form)


def _model_step(request, application, step):
    form_class = MODEL_FORMS[step]
    data = request.POST if request.method == "POST" else None
    form = form_class(data, instance=application)
    if request.method == "POST" and form.is_valid():
        services.save_application_step(
            application, step=step, data=form.cleaned_data, by=request.user
        )
        return redirect("membership:apply_step", step=APPLY.following(step))
    return _render_step(request, application, step, form)


def _document_step(request, application, step):
    kind = DOCUMENT_STEPS[step]
    existing = application.document(kind)
    required = kind == ApplicationDocument.Kind.HIRING_RESOLUTION and existing is None
    bound = request.method == "POST"
    form = forms.DocumentStepForm(
        request.POST if bound else None, request.FILES if bound else None, required=required
    )
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data.get("file")
        try:
            if upload:
                services.attach_document(application, kind=kind, upload=upload, by=request.user)
            services.save_application_step(application, step=step, data={}, by=request.user)
        except QuorumError as error:
            form.add_error("file", error)
        else:
            return redirect("membership:apply_step", step=APPLY.following(step))
    return _render_step(request, application, step, form, document=existing, kind=kind)


def _review_step(request, application):
    if request.method == "POST":
        try:
            services.submit_application(application, by=request.user)
        except QuorumError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(
                request, _("Your application is sent. We will write to you after our review.")
            )
            return redirect("membership:apply_status")
    return _render_step(request, application, REVIEW_STEP, None)


@login_required
def apply_status(request):
    application = (
        MembershipApplication.objects.filter(user=request.user)
        .prefetch_related("documents", "decisions")
        .first()
    )
    return render(request, "membership/apply/status.html", {"application": application})


@login_required
def application_document(request, pk):
    """The applicant's own document, or any for membership staff; as an attachment."""
    documents = ApplicationDocument.objects.select_related("application")
    if not request.user.has_perm("membership.review_application"):
        documents = documents.filter(application__user=request.user)
    document = get_object_or_404(documents, pk=pk)
    return FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=f"{document.kind}.pdf",
        content_type="application/pdf",
    )


@login_required
def title_and_attestations(request):
    progress = services.title_progress(request.user)
    return render(
        request,
        "membership/title.html",
        {
            "progress": progress,
            "rules": TitleSettings.load(),
            "attestations": request.user.attestations.all(),
            "entries": request.user.credit_entries.all(),
            "language": current_language(),
            "lapsed": periods.status_of(request.user).status == periods.MembershipStatus.LAPSED,
        },
    )


@login_required
def attestation_pdf(request, pk):
    attestation = get_object_or_404(request.user.attestations, pk=pk)
    language = current_language()
    pdf = render_pdf(
        "pdf/membership_attestation.html",
        {
            "attestation": attestation,
            "subject": attestation.subject(language),
            "verify_url": absolute_url(reverse("membership:verify_attestation"), request),
        },
        language=language,
    )
    return pdf_download(pdf, f"attestation-{attestation.code}.pdf")


def verify_attestation(request):
    code = request.GET.get("code", "").strip()
    attestation = services.attestation_for_code(code)
    return render(
        request,
        "membership/verify_attestation.html",
        {
            "code": code,
            "attestation": attestation,
            "subject": attestation.subject(current_language()) if attestation else "",
        },
    )


# --- Membership periods: renewal, and renewals by delegates ---------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def renew(request):
    """ "Renouveler mon adhésion": the renewal invoice with the invoice page's ways to pay, or a
    button that issues it when the person may renew now."""
    if request.method == "POST":
        if periods.renewal_for(request.user) is not None:  # sent twice, or from an old page
            messages.info(request, _("Your renewal invoice is already issued: it is below."))
            return redirect("membership:renew")
        try:
            period = periods.issue_renewal(request.user, by=request.user)
        except QuorumError as error:
            messages.error(request, error.text)
        else:
            if period.invoice_id is None:  # a category without dues
                messages.success(
                    request,
                    _(
                        "Your membership is renewed for %(start)s to %(end)s. Its category has "
                        "no dues: there is nothing to pay."
                    )
                    % {
                        "start": format_long_date(period.starts_on),
                        "end": format_long_date(period.ends_on),
                    },
                )
            else:
                messages.success(
                    request, _("Your renewal invoice is issued. We have also e-mailed it to you.")
                )
        return redirect("membership:renew")
    renewal = periods.renewal_for(request.user)
    standing = periods.status_of(request.user)
    return render(
        request,
        "membership/renew.html",
        {
            "standing": standing,
            "renewal": renewal,
            "category": periods.localized_category(renewal.category if renewal else None),
            "can_renew": renewal is None
            and periods.can_renew(request.user, standing=standing, pending=None),
            "renewal_has_dues": renewal is not None
            or bool(periods.renewal_category(standing.period).dues),
            "invoice": renewal.invoice if renewal else None,
            "offline_form": OfflineMethodForm(),
            "card_payments": card_payments_enabled(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def delegate_renewals(request, pk):
    """A delegate renews colleagues of one of their organizations (one invoice each)."""
    organization = periods.delegate_organization(request.user, pk)
    if request.method == "POST":
        try:
            renewed = periods.renew_colleagues(
                request.user, organization, request.POST.getlist("people")
            )
        except NotFound:
            raise Http404 from None
        except QuorumError as error:
            messages.error(request, error.text)
        else:
            invoiced = sum(period.invoice_id is not None for period in renewed)
            if invoiced:
                messages.success(
                    request,
                    ngettext(
                        "%(count)s renewal issued; its invoice is under “Invoices”.",
                        "%(count)s renewals issued; their invoices are under “Invoices”.",
                        invoiced,
                    )
                    % {"count": invoiced},
                )
            if len(renewed) > invoiced:  # categories without dues: renewed, nothing to pay
                messages.success(
                    request,
                    ngettext(
                        "%(count)s membership renewed without dues: nothing to pay.",
                        "%(count)s memberships renewed without dues: nothing to pay.",
                        len(renewed) - invoiced,
                    )
                    % {"count": len(renewed) - invoiced},
                )
        return redirect("membership:delegate_renewals", pk=organization.pk)
    rows = periods.colleagues_to_renew(request.user, organization)
    return render(
        request,
        "membership/delegate_renewals.html",
        {
            "organization": organization,
            "rows": rows,
            "any_to_renew": any(pending is None for _person, _standing, pending in rows),
        },
    )
