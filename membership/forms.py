from django import forms
from django.conf import settings
from django.contrib.auth import password_validation
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from home.forms import LanguageSelect, NoSuffixMixin
from members.forms import (
    EMAIL_MAX_LENGTH,
    AddressForm,
    EmploymentForm,
    IdentityForm,
    check_new_password,
    in_autofill_section,
)
from members.models import Organization, User
from members.services import email_taken, username_taken

from .models import MembershipApplication
from .uploads import MAX_UPLOAD_SIZE


class AccountStepForm(NoSuffixMixin, forms.Form):
    """Step 1 without a file: who you are and how you will log in (creates the file)."""

    first_name = IdentityForm.base_fields["first_name"]
    last_name = IdentityForm.base_fields["last_name"]
    email = forms.EmailField(
        label=_("E-mail"),
        max_length=EMAIL_MAX_LENGTH,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    username = forms.CharField(
        label=_("Username"),
        max_length=150,
        help_text=_("Letters, digits and @/./+/-/_ only. Your e-mail works too."),
        widget=forms.TextInput(attrs={"autocomplete": "username"}),
    )
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label=_("Password (again)"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    language = forms.ChoiceField(
        label=_("Language for e-mails and documents"),
        choices=settings.LANGUAGES,
        widget=LanguageSelect,
    )

    def clean_email(self):
        email = User.objects.normalize_email(self.cleaned_data["email"])
        if email_taken(email):
            raise forms.ValidationError(
                _("An account already uses this e-mail. Log in, then choose “Become a member”.")
            )
        return email

    def clean_username(self):
        username = self.cleaned_data["username"]
        User.username_validator(username)
        if username_taken(username):
            raise forms.ValidationError(_("This username is taken; choose another."))
        return username

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords differ."))
        elif first:
            check_new_password(self, first, cleaned)
        return cleaned


class CoordinatesStepForm(NoSuffixMixin, forms.ModelForm):
    """The work phone and the work address, structured and checked as in "Mon dossier"; the
    address becomes the address of the dues invoice."""

    phone = AddressForm.base_fields["phone"]
    street = AddressForm.base_fields["street"]
    city = AddressForm.base_fields["city"]
    province = AddressForm.base_fields["province"]
    postal_code = AddressForm.base_fields["postal_code"]
    clean_postal_code = AddressForm.clean_postal_code

    class Meta:
        model = MembershipApplication
        fields = ["phone", "street", "city", "province", "postal_code"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["phone"].label = _("Work phone")
        in_autofill_section(self, "work")  # the work address, as "Mon dossier" names it
        for name in ("phone", "street", "city", "postal_code"):
            self.fields[name].required = True


class EmployerStepForm(NoSuffixMixin, forms.ModelForm):
    """The employer from the list, or one the applicant proposes when theirs is not listed
    (as in "Créer un dossier"): staff validate the proposed organization."""

    new_organization = EmploymentForm.base_fields["new_organization"]
    new_organization_city = EmploymentForm.base_fields["new_organization_city"]

    class Meta:
        model = MembershipApplication
        fields = [
            "organization",
            "new_organization",
            "new_organization_city",
            "job_title",
            "hired_on",
        ]
        widgets = {
            "job_title": forms.TextInput(attrs={"autocomplete": "organization-title"}),
            "hired_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        organization = self.fields["organization"]
        organization.queryset = Organization.objects.filter(is_active=True)
        organization.required = False
        organization.empty_label = _("— Choose your employer —")
        self.fields["job_title"].required = True
        self.fields["hired_on"].required = True
        proposed = self.instance.organization if self.instance.pk else None
        if proposed is not None and not proposed.is_active:
            # A proposal waiting for staff: shown again in the "not listed" fields.
            self.initial["organization"] = None
            self.initial["new_organization"] = proposed.name
            self.initial["new_organization_city"] = proposed.city

    def clean(self):
        cleaned = super().clean()
        organization, new = cleaned.get("organization"), cleaned.get("new_organization", "")
        if organization and new:
            self.add_error(
                "new_organization",
                _("Choose an employer from the list or propose a new one, not both."),
            )
        elif not organization and not new:
            self.add_error("organization", _("Choose your employer or propose a new one."))
        hired_on = cleaned.get("hired_on")
        if hired_on and hired_on > timezone.localdate():
            self.add_error("hired_on", _("The date cannot be in the future."))
        return cleaned


class DocumentStepForm(NoSuffixMixin, forms.Form):
    file = forms.FileField(
        label=_("PDF file"),
        help_text=_("A PDF of at most %(size)d MB.") % {"size": MAX_UPLOAD_SIZE // (1024 * 1024)},
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,application/pdf"}),
    )

    def __init__(self, *args, required=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].required = required


class DeclarationsStepForm(NoSuffixMixin, forms.ModelForm):
    class Meta:
        model = MembershipApplication
        fields = ["statement", "accepts_code_of_ethics", "certifies_accuracy"]
        widgets = {"statement": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["accepts_code_of_ethics"].required = True
        self.fields["certifies_accuracy"].required = True


class DecisionForm(NoSuffixMixin, forms.Form):
    message = forms.CharField(
        label=_("Message to the applicant"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )
