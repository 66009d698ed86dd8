import datetime

from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from wagtail.models import Locale

from home.errors import QuorumError
from home.ordering import sort_key
from home.pagination import paginate
from home.pdf import pdf_download
from home.wizard import SessionAnswers, Wizard
from invoices.statements import statement_filename, statement_pdf

from . import deletion, forms, services
from .models import (
    AccountRequest,
    Address,
    DeletionRequest,
    Function,
    Interest,
    Organization,
    ProfessionalOrder,
    Subscription,
    User,
)


def _posted(request):
    """The submitted data, or None for a GET (an empty POST is still a submission)."""
    return request.POST if request.method == "POST" else None


# --- logging in and out ----------------------------------------------------------------------


class LoginView(auth_views.LoginView):
    template_name = "members/login.html"
    authentication_form = forms.LoginForm
    redirect_authenticated_user = True

    def get_default_redirect_url(self):
        return reverse("members:account")


class LogoutView(auth_views.LogoutView):
    def get_success_url(self):
        return "/"


def forgot_username(request):
    """Mails the username to the address, if a file uses it; the answer is the same either
    way so that nobody learns which addresses have a file."""
    form = forms.ForgotUsernameForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        services.send_username_reminder(email=form.cleaned_data["email"])
        return render(request, "members/forgot_username_sent.html")
    return render(request, "members/forgot_username.html", {"form": form})


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "members/password_reset.html"
    form_class = forms.PasswordResetForm
    success_url = reverse_lazy("members:password_reset_done")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "members/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Also the page an invited colleague uses to choose a first password."""

    template_name = "members/password_reset_confirm.html"
    form_class = forms.SetPasswordForm
    success_url = reverse_lazy("members:password_reset_complete")

    def form_valid(self, form):
        # An invited colleague choosing a first password is not told their password changed.
        had_password = self.user.has_usable_password()
        response = super().form_valid(form)
        if had_password:
            services.password_changed(self.user, by=self.user)
        return response


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "members/password_reset_complete.html"


# --- "Créer un dossier": five steps kept in the session ---------------------------------------

SIGNUP_SESSION_KEY = "members_signup"
SIGNUP = Wizard(
    {
        1: gettext_lazy("Identity and login"),
        2: gettext_lazy("Contact details"),
        3: gettext_lazy("Employer and function"),
        4: gettext_lazy("Information"),
        5: gettext_lazy("Subscriptions and interests"),
    }
)
# Never kept in a draft: the passwords, the token and the button.
NOT_KEPT = ("csrfmiddlewaretoken", "previous", "password1", "password2")


def _step_forms(step, data, initial):
    if step == 1:
        return {
            "form": forms.IdentityForm(
                data, initial=initial, has_password=bool(initial.get("password_hash"))
            )
        }
    if step == 2:
        initial = initial or {}
        return {
            "work": forms.AddressForm(
                data, prefix="work", initial=initial.get("work"), required=True
            ),
            "personal": forms.AddressForm(data, prefix="personal", initial=initial.get("personal")),
        }
    if step == 3:
        return {"form": forms.EmploymentForm(data, initial=initial)}
    if step == 4:
        return {"form": forms.InformationForm(data, initial=initial)}
    return {"form": forms.PreferencesForm(data, initial=initial)}


def _session_data(step, step_forms, answers):
    if step == 1:
        previous = answers.answers(1).get("password_hash")
        return step_forms["form"].session_data(previous)
    if step == 2:
        return {
            "work": step_forms["work"].cleaned_data,
            "personal": step_forms["personal"].cleaned_data,
        }
    return step_forms["form"].session_data()


def signup(request):
    if request.user.is_authenticated:
        return redirect("members:file")
    SessionAnswers(request.session, SIGNUP_SESSION_KEY).clear()
    return redirect("members:signup_step", step=SIGNUP.first)


def signup_step(request, step):
    if request.user.is_authenticated:
        return redirect("members:file")
    if step not in SIGNUP:
        raise Http404
    answers = SessionAnswers(request.session, SIGNUP_SESSION_KEY)
    if step > answers.reached:
        return redirect("members:signup_step", step=answers.reached)
    initial = answers.answers(step)
    if request.method == "POST" and "previous" in request.POST:
        # Keep what was typed on this page, valid or not (never a password), then go back.
        step_forms = _step_forms(step, request.POST, initial)
        if all(f.is_valid() for f in step_forms.values()):
            answers.keep(step, _session_data(step, step_forms, answers))
        else:
            answers.keep_draft(
                step,
                {key: request.POST.getlist(key) for key in request.POST if key not in NOT_KEPT},
            )
        answers.save()
        return redirect("members:signup_step", step=SIGNUP.preceding(step))
    if request.method == "POST":
        step_forms = _step_forms(step, request.POST, initial)
        if all(f.is_valid() for f in step_forms.values()):
            answers.keep(step, _session_data(step, step_forms, answers))
            following = SIGNUP.following(step)
            if following:
                answers.reached = max(answers.reached, following)
                answers.save()
                return redirect("members:signup_step", step=following)
            answers.save()
            return _finish_signup(request, answers)
    elif answers.draft(step):
        draft = QueryDict(mutable=True)
        for key, values in answers.draft(step).items():
            draft.setlist(key, values)
        step_forms = _step_forms(step, draft, initial)
    else:
        step_forms = _step_forms(step, None, initial)
    return render(request, "members/signup.html", {**SIGNUP.context(step), **step_forms})


def _finish_signup(request, answers):
    missing = answers.missing(SIGNUP.numbers)
    if missing or not answers.answers(1).get("password_hash"):
        return redirect("members:signup_step", step=(missing or [SIGNUP.first])[0])
    employment = dict(answers.answers(3))
    employment["organization"] = (
        Organization.objects.filter(pk=employment.get("organization"), is_active=True).first()
        if employment.get("organization")
        else None
    )
    if employment.get("start_date"):
        employment["start_date"] = datetime.date.fromisoformat(employment["start_date"])
    information = dict(answers.answers(4))
    preferences = answers.answers(5)
    try:
        user = services.create_file(
            identity=answers.answers(1),
            work_address=answers.answers(2)["work"],
            personal_address=answers.answers(2)["personal"],
            employment=employment,
            information=information,
            subscriptions=preferences.get("subscriptions", []),
            interests=Interest.objects.filter(pk__in=preferences.get("interests", [])),
            professional_orders=ProfessionalOrder.objects.filter(
                pk__in=information.get("professional_orders", [])
            ),
        )
    except QuorumError as error:
        messages.error(request, error.text)
        return redirect("members:signup_step", step=SIGNUP.first)
    answers.clear()
    auth_login(request, user, backend="members.auth.UsernameOrEmailBackend")
    messages.success(request, _("Your file is created. Welcome!"))
    return redirect("members:file")


# --- "Mon compte" and "Mon dossier" ----------------------------------------------------------


def _file_user(request):
    """The current user with everything the file shows, in a fixed number of queries."""
    return (
        User.objects.filter(pk=request.user.pk)
        .prefetch_related(
            Prefetch("functions", queryset=Function.objects.select_related("organization")),
            "addresses",
            "subscriptions",
            "interests",
            "professional_orders",
        )
        .get()
    )


def _localized(entries, model):
    """The user's interests or orders in the current language (one query)."""
    keys = [e.translation_key for e in entries]
    if not keys:
        return []
    found = {
        e.translation_key: e
        for e in model.objects.filter(translation_key__in=keys, locale=Locale.get_active())
    }
    return sorted(
        (found.get(e.translation_key, e) for e in entries),
        key=lambda e: (e.sort_order, sort_key(e.name)),
    )


@login_required
def account(request):
    return render(
        request,
        "members/account.html",
        {
            "is_delegate": services.is_delegate(request.user),
            "delegate_organizations": services.delegate_organizations(request.user),
        },
    )


@login_required
def file(request):
    user = _file_user(request)
    addresses = {a.kind: a for a in user.addresses.all()}
    subscriptions = {s.list: s.subscribed for s in user.subscriptions.all()}
    heading, lines = user.main_address()
    return render(
        request,
        "members/file.html",
        {
            "person": user,
            "work_address": addresses.get(Address.Kind.WORK),
            "personal_address": addresses.get(Address.Kind.PERSONAL),
            "main_address": {"heading": heading, "lines": lines},
            "functions": list(user.functions.all()),
            "interests": _localized(list(user.interests.all()), Interest),
            "orders": _localized(list(user.professional_orders.all()), ProfessionalOrder),
            "subscriptions": [
                (label, subscriptions.get(code)) for code, label in Subscription.List.choices
            ],
            "photo_form": forms.PhotoForm(),
        },
    )


@login_required
def photo(request):
    form = forms.PhotoForm(_posted(request), request.FILES if request.method == "POST" else None)
    if request.method == "POST" and "remove" in request.POST:
        services.remove_photo(request.user, by=request.user)
        messages.success(request, _("Your photo was removed."))
        return redirect("members:file")
    if request.method == "POST" and form.is_valid():
        services.set_photo(request.user, form.cleaned_data["photo"], by=request.user)
        messages.success(request, _("Your photo was updated."))
        return redirect("members:file")
    return render(request, "members/photo.html", {"form": form})


@login_required
def change_username(request):
    form = forms.UsernameForm(_posted(request), user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.change_username(
                request.user, username=form.cleaned_data["username"], by=request.user
            )
        except QuorumError as error:
            form.add_error("username", error)
        else:
            messages.success(request, _("Your username was changed."))
            return redirect("members:file")
    return render(request, "members/username.html", {"form": form})


@login_required
def change_email(request):
    form = forms.EmailChangeForm(_posted(request), user=request.user)
    if request.method == "POST" and form.is_valid():
        services.request_email_change(
            request.user, new_email=form.cleaned_data["email"], by=request.user
        )
        messages.success(
            request,
            _("We sent a confirmation link to the new address. Follow it within two days."),
        )
        return redirect("members:file")
    return render(request, "members/email.html", {"form": form})


def confirm_email(request, token):
    try:
        services.confirm_email_change(token, by=request.user)
    except QuorumError as error:
        return render(request, "members/email_invalid.html", {"error": error.text}, status=400)
    messages.success(request, _("Your e-mail address was changed."))
    return redirect("members:file" if request.user.is_authenticated else "members:login")


@login_required
def addresses(request):
    existing = {a.kind: a for a in request.user.addresses.all()}

    def initial(kind):
        address = existing.get(kind)
        if not address:
            return None
        return {f: getattr(address, f) for f in services.ADDRESS_FIELDS}

    data = _posted(request)
    work = forms.AddressForm(data, prefix="work", initial=initial(Address.Kind.WORK))
    personal = forms.AddressForm(data, prefix="personal", initial=initial(Address.Kind.PERSONAL))
    if request.method == "POST" and work.is_valid() and personal.is_valid():
        services.update_addresses(
            request.user, work=work.cleaned_data, personal=personal.cleaned_data, by=request.user
        )
        messages.success(request, _("Your addresses were updated."))
        return redirect("members:file")
    organization = request.user.current_organization
    return render(
        request,
        "members/addresses.html",
        {"work": work, "personal": personal, "organization": organization},
    )


@login_required
def information(request):
    user = request.user
    initial = {
        "allergies_consent": user.allergies_consent,
        "allergies": user.allergies,
        "expertise": user.expertise,
        "other_associations": user.other_associations,
        "linkedin_url": user.linkedin_url,
        "professional_orders": _localized(list(user.professional_orders.all()), ProfessionalOrder),
    }
    form = forms.InformationForm(_posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        services.update_information(
            user,
            information=form.information(),
            professional_orders=form.cleaned_data["professional_orders"],
            by=user,
        )
        messages.success(request, _("Your information was updated."))
        return redirect("members:file")
    return render(request, "members/information.html", {"form": form})


@login_required
def functions(request):
    functions = list(request.user.functions.select_related("organization"))
    form = forms.AddFunctionForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        services.add_function(
            request.user,
            organization=form.cleaned_data["organization"],
            new_organization=form.cleaned_data["new_organization"],
            title=form.cleaned_data["title"],
            start_date=form.cleaned_data["start_date"],
            by=request.user,
        )
        messages.success(request, _("The new function was added."))
        return redirect("members:functions")
    end_forms = {
        f.pk: forms.EndFunctionForm(function=f, prefix=f"end{f.pk}")
        for f in functions
        if f.end_date is None
    }
    return render(
        request,
        "members/functions.html",
        {
            "functions": [(f, end_forms.get(f.pk)) for f in functions],
            "form": form,
        },
    )


@login_required
@require_POST
def end_function(request, pk):
    function = get_object_or_404(request.user.functions.all(), pk=pk, end_date__isnull=True)
    form = forms.EndFunctionForm(request.POST, function=function, prefix=f"end{function.pk}")
    if form.is_valid():
        services.end_function(function, end_date=form.cleaned_data["end_date"], by=request.user)
        messages.success(request, _("The function was ended; it stays in your history."))
        return redirect("members:functions")
    functions = list(request.user.functions.select_related("organization"))
    end_forms = {
        f.pk: (
            form if f.pk == function.pk else forms.EndFunctionForm(function=f, prefix=f"end{f.pk}")
        )
        for f in functions
        if f.end_date is None
    }
    return render(
        request,
        "members/functions.html",
        {
            "functions": [(f, end_forms.get(f.pk)) for f in functions],
            "form": forms.AddFunctionForm(),
        },
        status=400,
    )


@login_required
def subscriptions(request):
    user = request.user
    current = set(user.subscriptions.filter(subscribed=True).values_list("list", flat=True))
    form = forms.SubscriptionsForm(_posted(request), initial={"subscriptions": sorted(current)})
    confirm = False
    if request.method == "POST" and form.is_valid():
        chosen = set(form.cleaned_data["subscriptions"])
        dropped = current - chosen
        if user.is_member and dropped and request.POST.get("confirmed") != "1":
            # Members are warned first: they would miss their association's news.
            confirm = True
        else:
            services.update_subscriptions(user, subscribed=chosen, by=user)
            messages.success(request, _("Your subscriptions were updated."))
            return redirect("members:file")
    return render(request, "members/subscriptions.html", {"form": form, "confirm": confirm})


@login_required
def interests(request):
    user = request.user
    form = forms.InterestsForm(
        _posted(request),
        initial={"interests": _localized(list(user.interests.all()), Interest)},
    )
    if request.method == "POST" and form.is_valid():
        services.update_interests(user, interests=form.cleaned_data["interests"], by=user)
        messages.success(request, _("Your interests were updated."))
        return redirect("members:file")
    return render(request, "members/interests.html", {"form": form})


@login_required
def change_password(request):
    form = forms.PasswordChangeForm(request.user, _posted(request))
    if request.method == "POST" and form.is_valid():
        form.save()
        update_session_auth_hash(request, form.user)
        services.password_changed(form.user, by=request.user)
        messages.success(request, _("Your password was changed."))
        return redirect("members:file")
    return render(request, "members/password.html", {"form": form})


@login_required
def directory_preferences(request):
    form = forms.DirectoryPreferencesForm(_posted(request), instance=request.user)
    if request.method == "POST" and "leave" in request.POST:
        services.leave_directory(request.user, by=request.user)
        messages.success(request, _("You no longer appear in the members' directory."))
        return redirect("members:file")
    if request.method == "POST" and form.is_valid():
        services.update_directory(
            request.user,
            preferences={f: form.cleaned_data[f] for f in form.Meta.fields},
            by=request.user,
        )
        messages.success(request, _("Your directory preferences were saved."))
        return redirect("members:file")
    return render(request, "members/directory_preferences.html", {"form": form})


@login_required
def directory(request):
    if not request.user.is_member:
        return render(request, "members/directory_members_only.html", status=403)
    form = forms.DirectorySearchForm(request.GET or None)
    people = []
    searched = False
    if form.is_valid():
        searched = True
        people = services.directory(
            request.user,
            query=form.cleaned_data["q"],
            organization=form.cleaned_data["organization"],
            region=form.cleaned_data["region"],
            expertise=form.cleaned_data["expertise"],
        )
    else:
        people = services.directory(request.user)
    page = paginate(request, people)
    return render(
        request,
        "members/directory.html",
        {"form": form, "people": page, "searched": searched},
    )


@login_required
def download_data(request):
    response = HttpResponse(
        services.export_data(request.user), content_type="application/json; charset=utf-8"
    )
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="my-file-{stamp}.json"'
    return response


@login_required
def deletion_request(request):
    pending = request.user.deletion_requests.filter(status=DeletionRequest.Status.PENDING).first()
    form = forms.DeletionRequestForm(_posted(request))
    if request.method == "POST" and not pending and form.is_valid():
        deletion.request_deletion(request.user, reason=form.cleaned_data["reason"], by=request.user)
        messages.success(
            request,
            _("Your request was sent. Staff will close your account and tell you by e-mail."),
        )
        return redirect("members:account")
    return render(request, "members/deletion_request.html", {"form": form, "pending": pending})


# --- delegates -------------------------------------------------------------------------------


@login_required
def account_request(request):
    organizations = services.delegate_organizations(request.user)
    if not organizations.exists():
        raise Http404
    form = forms.AccountRequestForm(_posted(request), organizations=organizations)
    if request.method == "POST" and form.is_valid():
        try:
            services.request_account(by=request.user, **form.cleaned_data)
        except QuorumError as error:
            form.add_error("organization" if error.code == "organization" else "email", error)
        else:
            messages.success(
                request, _("Your request was sent to staff. You will be told of their decision.")
            )
            return redirect("members:account_request")
    past = AccountRequest.objects.filter(requested_by=request.user).select_related("organization")
    return render(request, "members/account_request.html", {"form": form, "requests": past})


@login_required
def organization_statement(request, pk):
    """The statement of account of an organization, for its delegates (others get a 404)."""
    organization = get_object_or_404(services.delegate_organizations(request.user), pk=pk)
    return pdf_download(statement_pdf(organization), statement_filename(organization))
