import unicodedata

from django import forms
from django.conf import settings
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import password_validation
from django.contrib.auth.hashers import make_password
from django.core.validators import RegexValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.models import Locale

from home.emails import queue_email
from home.forms import LanguageSelect, LongSelect, NoSuffixMixin
from home.links import current_language, url_in
from home.ordering import alphabetical

from .models import (
    Interest,
    Organization,
    ProfessionalOrder,
    Subscription,
    User,
    validate_linkedin_url,
)
from .services import email_taken, username_taken

PHOTO_MAX_BYTES = 5 * 1024 * 1024
# A few megabytes of PNG can hold a picture of hundreds of millions of pixels, each decoded in
# memory before the photo is resized; a phone's camera takes 12 to 50 million.
PHOTO_MAX_PIXELS = 50_000_000
# Django's EmailField accepts up to 320 characters; the database keeps 254 (RFC 5321's limit):
# every form whose address is stored says so on the field instead of failing on save.
EMAIL_MAX_LENGTH = 254

username_validator = RegexValidator(
    r"^[\w.@+-]+\Z",
    _("Use only letters, digits and the characters . @ + - _ (no spaces)."),
)


def check_new_password(form: forms.Form, password: str, cleaned: dict) -> None:
    """Django's password validators on a new account's password, judged against the names
    and e-mail entered in the same form; errors go on `password1`."""
    user = User(
        username=cleaned.get("username", ""),
        first_name=cleaned.get("first_name", ""),
        last_name=cleaned.get("last_name", ""),
        email=cleaned.get("email") or "",
    )
    try:
        password_validation.validate_password(password, user)
    except forms.ValidationError as error:
        form.add_error("password1", error)


def _same_address(typed: str, stored: str) -> bool:
    """Django's comparison for password resets (Unicode TR 36), so that an address that only
    folds to the account's under lower() (a dotless ı, say) gets no link."""
    return (
        unicodedata.normalize("NFKC", typed).casefold()
        == unicodedata.normalize("NFKC", stored).casefold()
    )


class Form(NoSuffixMixin, forms.Form):
    pass


def translated_choices(model):
    """A translatable snippet's entries in the current language (in the default language when
    editors have not translated them yet)."""
    entries = model.objects.filter(locale=Locale.get_active())
    if not entries.exists():
        entries = model.objects.filter(locale=Locale.get_default())
    return entries.order_by("sort_order", alphabetical("name"))


# --- logging in ------------------------------------------------------------------------------


class LoginForm(NoSuffixMixin, auth_forms.AuthenticationForm):
    username = forms.CharField(
        label=_("Username or e-mail"),
        max_length=254,
        widget=forms.TextInput(attrs={"autocomplete": "username", "autofocus": True}),
    )
    error_messages = {
        "invalid_login": _(
            "The username or e-mail and the password do not match an active account. "
            "Only the password is case-sensitive."
        ),
        "inactive": _("This account is inactive."),
    }


class ForgotUsernameForm(Form):
    email = forms.EmailField(
        label=_("E-mail address"), widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )


class PasswordResetForm(NoSuffixMixin, auth_forms.PasswordResetForm):
    """Django's reset form, with the message sent in the background in the account's
    language (the same answer whether or not the address exists)."""

    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def get_users(self, email):
        """The active accounts with this address, including a colleague invited by staff who
        has not chosen a password yet (Django leaves them out): their invitation link expires
        after a few days, and "Forgot your password?" is how they get another one."""
        users = User._default_manager.filter(email__iexact=email, is_active=True)
        return (user for user in users if _same_address(email, user.email))

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        user = context["user"]
        url = url_in(
            user.language, "members:password_reset_confirm", context["uid"], context["token"]
        )
        queue_email(
            to=to_email,
            template="members_password_reset",
            context={
                "name": str(user),
                "username": user.get_username(),
                "url": url,
            },
            language=user.language,
        )


# --- creating a file (five steps) ------------------------------------------------------------


class IdentityForm(Form):
    first_name = forms.CharField(
        label=_("First name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    last_name = forms.CharField(
        label=_("Last name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )
    email = forms.EmailField(
        label=_("Professional e-mail"),
        max_length=EMAIL_MAX_LENGTH,
        widget=forms.EmailInput(attrs={"autocomplete": "work email"}),
        help_text=_("We write to you at this address. You may also log in with it."),
    )
    username = forms.CharField(
        label=_("Username"),
        max_length=150,
        validators=[username_validator],
        help_text=_("Your access code to log in. Letters, digits and . @ + - _ only."),
        widget=forms.TextInput(attrs={"autocomplete": "username"}),
    )
    language = forms.ChoiceField(
        label=_("Preferred language"), choices=settings.LANGUAGES, widget=LanguageSelect
    )
    password1 = forms.CharField(
        label=_("Password"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 8 characters, not only digits, not a common password."),
    )
    password2 = forms.CharField(
        label=_("Password (again)"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, has_password=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].initial = current_language()
        self.has_password = has_password
        if has_password:
            self.fields["password1"].help_text = _(
                "Leave both password fields empty to keep the password you already chose."
            )

    def clean_username(self):
        username = self.cleaned_data["username"].strip()
        if username_taken(username):
            raise forms.ValidationError(_("This username is already taken. Choose another."))
        return username

    def clean_email(self):
        email = self.cleaned_data["email"].strip()
        if email_taken(email):
            raise forms.ValidationError(
                _(
                    'A file already uses this e-mail. Log in, or use "Forgot your '
                    'username?" to find your username.'
                )
            )
        return email

    def clean(self):
        cleaned = super().clean()
        p1, p2 = cleaned.get("password1"), cleaned.get("password2")
        if not p1 and not p2 and self.has_password:
            return cleaned
        if not p1:
            self.add_error("password1", _("Choose a password."))
            return cleaned
        if p1 != p2:
            self.add_error("password2", _("The two passwords differ."))
            return cleaned
        check_new_password(self, p1, cleaned)
        return cleaned

    def session_data(self, previous_hash=None):
        data = {k: v for k, v in self.cleaned_data.items() if not k.startswith("password")}
        p1 = self.cleaned_data.get("password1")
        data["password_hash"] = make_password(p1) if p1 else previous_hash
        return data


def in_autofill_section(form: forms.BaseForm, section: str) -> None:
    """Puts the autofill token of each of the form's fields in `section` ("work", "personal"),
    so that the browser tells a person's work address from their personal one."""
    for field in form.fields.values():
        attrs = field.widget.attrs
        attrs["autocomplete"] = f"section-{section} {attrs['autocomplete']}"


class AddressForm(Form):
    """An address of the person's; its fields say what they hold to the browser's autofill
    (WCAG 1.3.5), within a section named by the form's prefix ("work", "personal")."""

    street = forms.CharField(
        label=_("Street address"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "street-address"}),
    )
    city = forms.CharField(
        label=_("City"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "address-level2"}),
    )
    province = forms.CharField(
        label=_("Province"),
        max_length=50,
        required=False,
        initial="QC",
        widget=forms.TextInput(attrs={"autocomplete": "address-level1"}),
    )
    postal_code = forms.CharField(
        label=_("Postal code"),
        max_length=10,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "postal-code"}),
        validators=[
            RegexValidator(
                r"^[A-Za-z]\d[A-Za-z] ?\d[A-Za-z]\d$",
                _("Enter a Canadian postal code, for example H2X 1Y4."),
            )
        ],
    )
    phone = forms.CharField(
        label=_("Phone"),
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "tel"}),
        validators=[
            RegexValidator(
                r"^[0-9 ()+.\-#xposte]{7,40}$",
                _("Enter a phone number, for example 418 555-0100."),
            )
        ],
    )

    def __init__(self, *args, required=False, **kwargs):
        super().__init__(*args, **kwargs)
        if required:
            for name in ("street", "city", "postal_code"):
                self.fields[name].required = True
        if self.prefix:
            in_autofill_section(self, self.prefix)

    def clean_postal_code(self):
        code = self.cleaned_data["postal_code"].strip().upper().replace(" ", "")
        return f"{code[:3]} {code[3:]}" if code else ""


class EmploymentForm(Form):
    organization = forms.ModelChoiceField(
        label=_("Employer"),
        queryset=Organization.objects.filter(is_active=True),
        required=False,
        empty_label=_("— Choose your employer —"),
    )
    new_organization = forms.CharField(
        label=_("My employer is not listed: its name"),
        max_length=200,
        required=False,
        help_text=_("Staff will validate the new organization."),
    )
    new_organization_city = forms.CharField(
        label=_("City of the new employer"), max_length=100, required=False
    )
    title = forms.CharField(
        label=_("Job title"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization-title"}),
    )
    start_date = forms.DateField(
        label=_("In this function since"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def clean(self):
        cleaned = super().clean()
        organization, new = cleaned.get("organization"), cleaned.get("new_organization")
        if organization and new:
            self.add_error(
                "new_organization",
                _("Choose an employer from the list or propose a new one, not both."),
            )
        if (organization or new) and not cleaned.get("title"):
            self.add_error("title", _("Enter your job title."))
        if cleaned.get("title") and not (organization or new):
            self.add_error("organization", _("Choose your employer or propose a new one."))
        start = cleaned.get("start_date")
        if start and start > timezone.localdate():
            self.add_error("start_date", _("The date cannot be in the future."))
        return cleaned

    def session_data(self):
        data = dict(self.cleaned_data)
        data["organization"] = data["organization"].pk if data.get("organization") else None
        data["start_date"] = data["start_date"].isoformat() if data.get("start_date") else None
        return data


class InformationForm(Form):
    allergies_consent = forms.BooleanField(
        label=_(
            "I expressly consent to the association keeping my allergies and intolerances, "
            "only to plan meals at its events."
        ),
        required=False,
    )
    allergies = forms.CharField(
        label=_("Allergies and intolerances"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Health information: seen only by you and by the staff who plan meals, never by "
            "a delegate nor in the directory."
        ),
    )
    expertise = forms.CharField(
        label=_("Expertise"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    professional_orders = forms.ModelMultipleChoiceField(
        label=_("Professional orders and associations"),
        queryset=ProfessionalOrder.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    other_associations = forms.CharField(
        label=_("Other orders or associations"), max_length=300, required=False
    )
    linkedin_url = forms.URLField(
        label=_("LinkedIn profile"),
        required=False,
        max_length=User._meta.get_field("linkedin_url").max_length,
        assume_scheme="https",
        help_text=_("Shown to members in the members' directory if you appear in it."),
        widget=forms.URLInput(attrs={"autocomplete": "url"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["professional_orders"].queryset = translated_choices(ProfessionalOrder)

    def clean_linkedin_url(self):
        url = self.cleaned_data["linkedin_url"]
        if url:
            validate_linkedin_url(url)
        return url

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("allergies", "").strip() and not cleaned.get("allergies_consent"):
            self.add_error(
                "allergies_consent",
                _(
                    "Tick the consent box to keep your allergies and intolerances, or leave "
                    "the field empty."
                ),
            )
        return cleaned

    def information(self):
        return {
            k: self.cleaned_data.get(k, "")
            for k in (
                "allergies_consent",
                "allergies",
                "expertise",
                "other_associations",
                "linkedin_url",
            )
        }

    def session_data(self):
        data = self.information()
        data["professional_orders"] = [o.pk for o in self.cleaned_data["professional_orders"]]
        return data


class SubscriptionsForm(Form):
    subscriptions = forms.MultipleChoiceField(
        label=_("I agree to receive"),
        choices=Subscription.List.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class InterestsForm(Form):
    interests = forms.ModelMultipleChoiceField(
        label=_("My interests"),
        queryset=Interest.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["interests"].queryset = translated_choices(Interest)


class PreferencesForm(SubscriptionsForm, InterestsForm):
    """Step 5 of "Créer un dossier": communication lists and interests."""

    def session_data(self):
        return {
            "subscriptions": list(self.cleaned_data["subscriptions"]),
            "interests": [i.pk for i in self.cleaned_data["interests"]],
        }


# --- the member file -------------------------------------------------------------------------


class PhotoForm(Form):
    photo = forms.ImageField(
        label=_("Profile photo"),
        help_text=_("A JPEG, PNG or WebP image of at most 5 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )

    def clean_photo(self):
        photo = self.cleaned_data["photo"]
        if photo.size > PHOTO_MAX_BYTES:
            raise forms.ValidationError(_("The image is larger than 5 MB."))
        image = getattr(photo, "image", None)
        if image is not None and image.format not in ("JPEG", "PNG", "WEBP"):
            raise forms.ValidationError(_("Send a JPEG, PNG or WebP image."))
        if image is not None and image.width * image.height > PHOTO_MAX_PIXELS:
            raise forms.ValidationError(
                _("The image has too many pixels: send one of at most 50 megapixels.")
            )
        return photo


class CurrentPasswordMixin:
    """Changing how one logs in asks for the current password first."""

    def clean_current_password(self):
        password = self.cleaned_data["current_password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("This is not your current password."))
        return password


def current_password_field():
    return forms.CharField(
        label=_("Current password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class UsernameForm(CurrentPasswordMixin, Form):
    use_email = forms.BooleanField(
        label=_("Use my professional e-mail as my username"), required=False
    )
    username = forms.CharField(
        label=_("New username"),
        max_length=150,
        required=False,
        validators=[username_validator],
        widget=forms.TextInput(attrs={"autocomplete": "username"}),
    )
    current_password = current_password_field()

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("use_email"):
            if not self.user.email:
                self.add_error("use_email", _("Your file has no e-mail address yet."))
                return cleaned
            cleaned["username"] = self.user.email
        elif not cleaned.get("username"):
            self.add_error("username", _("Enter a new username or tick the box above."))
            return cleaned
        username = cleaned.get("username", "")
        if username_taken(username, but=self.user):
            self.add_error(
                "use_email" if cleaned.get("use_email") else "username",
                _("This username is already taken. Choose another."),
            )
        return cleaned


class EmailChangeForm(CurrentPasswordMixin, Form):
    current_password = current_password_field()
    email = forms.EmailField(
        label=_("New e-mail address"),
        max_length=EMAIL_MAX_LENGTH,
        widget=forms.EmailInput(attrs={"autocomplete": "work email"}),
        help_text=_("We send a link to this address; the change applies once you follow it."),
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_email(self):
        email = self.cleaned_data["email"].strip()
        if self.user.email and email.lower() == self.user.email.lower():
            raise forms.ValidationError(_("This is already your e-mail address."))
        if email_taken(email, but=self.user):
            raise forms.ValidationError(_("Another file already uses this e-mail."))
        return email


class AddFunctionForm(Form):
    organization = forms.ModelChoiceField(
        label=_("Employer"),
        queryset=Organization.objects.filter(is_active=True),
        required=False,
        empty_label=_("— Choose the employer —"),
    )
    new_organization = forms.CharField(
        label=_("The employer is not listed: its name"),
        max_length=200,
        required=False,
        help_text=_("Staff will validate the new organization."),
    )
    title = forms.CharField(
        label=_("Job title"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "organization-title"}),
    )
    start_date = forms.DateField(
        label=_("Start date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def clean(self):
        cleaned = super().clean()
        organization, new = cleaned.get("organization"), cleaned.get("new_organization")
        if not organization and not new:
            self.add_error("organization", _("Choose the employer or propose a new one."))
        if organization and new:
            self.add_error(
                "new_organization",
                _("Choose an employer from the list or propose a new one, not both."),
            )
        start = cleaned.get("start_date")
        if start and start > timezone.localdate():
            self.add_error("start_date", _("The date cannot be in the future."))
        return cleaned


class EndFunctionForm(Form):
    end_date = forms.DateField(
        label=_("End date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def __init__(self, *args, function, **kwargs):
        self.function = function
        super().__init__(*args, **kwargs)
        self.fields["end_date"].widget.attrs["id"] = f"id_end_date_{function.pk}"

    def clean_end_date(self):
        end = self.cleaned_data["end_date"]
        if end < self.function.start_date:
            raise forms.ValidationError(_("The end date comes before the start date."))
        if end > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        return end


class DirectoryPreferencesForm(NoSuffixMixin, forms.ModelForm):
    class Meta:
        model = User
        fields = [
            "in_directory",
            "directory_show_function",
            "directory_show_expertise",
            "directory_show_linkedin",
            "directory_show_email",
            "directory_show_phone",
        ]


class DirectorySearchForm(Form):
    q = forms.CharField(label=_("Name or organization"), required=False, max_length=100)
    organization = forms.ModelChoiceField(
        label=_("Organization"),
        queryset=Organization.objects.filter(is_active=True).only("pk", "name"),
        required=False,
        empty_label=_("All"),
        widget=LongSelect,
    )
    region = forms.ChoiceField(label=_("Region"), required=False)
    expertise = forms.CharField(label=_("Expertise"), required=False, max_length=100)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        regions = (
            Organization.objects.filter(is_active=True)
            .exclude(region="")
            .order_by(alphabetical("region"))
            .values_list("region", flat=True)
            .distinct()
        )
        self.fields["region"].choices = [("", _("All")), *[(r, r) for r in regions]]


class AccountRequestForm(Form):
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    email = forms.EmailField(label=_("E-mail"), max_length=EMAIL_MAX_LENGTH)
    organization = forms.ModelChoiceField(label=_("Organization"), queryset=None)
    title = forms.CharField(label=_("Job title"), max_length=200)
    language = forms.ChoiceField(
        label=_("Language of the invitation"), choices=settings.LANGUAGES, widget=LanguageSelect
    )

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations
        if organizations.count() == 1:
            self.fields["organization"].initial = organizations.first()

    def clean_email(self):
        email = self.cleaned_data["email"].strip()
        if email_taken(email):
            raise forms.ValidationError(
                _("An account already uses this e-mail: search for the person instead.")
            )
        return email


class DeletionRequestForm(Form):
    reason = forms.CharField(
        label=_("Reason (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    confirm = forms.BooleanField(
        label=_("I understand that my account will be closed and my file erased.")
    )


class RejectForm(Form):
    reason = forms.CharField(
        label=_("Reason given to the delegate"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class PasswordChangeForm(NoSuffixMixin, auth_forms.PasswordChangeForm):
    pass


class SetPasswordForm(NoSuffixMixin, auth_forms.SetPasswordForm):
    pass
