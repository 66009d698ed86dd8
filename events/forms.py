from django import forms
from django.utils.translation import gettext_lazy as _

from home.formatting import format_money
from home.links import current_language

from .blocks import QuestionKind, YesNo
from .questions import paired_questions

LONG_ANSWER_MAX_LENGTH = 2000


class OptionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.label


class RegistrationForm(forms.Form):
    """An option and the event's questions, built from the page the person reads. Field
    names use the source questions' ids; `answers()` gives what the service stores."""

    option = OptionChoiceField(
        label=_("Option"), queryset=None, widget=forms.RadioSelect, empty_label=None
    )

    def __init__(self, *args, page, person, sees_sensitive=True, stored=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.page, self.source = page, page.source
        self.pairs = paired_questions(self.source, page)
        self.sees_sensitive = sees_sensitive
        options = page.options.filter(is_companion=False)
        self.fields["option"].queryset = options
        member = person.is_member
        self.fields["option"].label_from_instance = lambda o: _option_label(o, member)
        stored = stored or {}
        for block, shown in self.pairs:
            question = block.value
            if question.get("sensitive") and not sees_sensitive:
                continue
            name = f"q_{block.id}"
            self.fields[name] = _field(shown)
            self.fields[name].question_kind = question["kind"]
            if block.id in stored and not self.is_bound:
                self.initial[name] = _to_initial(question, stored[block.id])

    def question_fields(self):
        return [self[name] for name in self.fields if name.startswith("q_")]

    def answers(self):
        data = {}
        for block, _shown in self.pairs:
            name = f"q_{block.id}"
            if name not in self.cleaned_data:
                continue
            value = self.cleaned_data[name]
            choices = [str(c) for c in (block.value.get("choices") or [])]
            kind = block.value["kind"]
            if kind == QuestionKind.SINGLE_CHOICE and value not in ("", None):
                value = choices[int(value)] if int(value) < len(choices) else None
            elif kind == QuestionKind.MULTIPLE_CHOICE:
                value = [choices[int(v)] for v in value if int(v) < len(choices)]
            data[block.id] = value
        return data


def _option_label(option, member):
    # The price the invoice will bill today: the early-bird one while it applies.
    price = option.price_for_status(bool(member))
    return f"{option.label} — {format_money(price, current_language())}"


def _field(question):
    label = question["label"]
    required = bool(question.get("required"))
    help_text = question.get("help_text") or ""
    choices = [(str(i), str(c)) for i, c in enumerate(question.get("choices") or [])]
    kind = question["kind"]
    if kind == QuestionKind.LONG_TEXT:
        return forms.CharField(
            label=label,
            required=required,
            help_text=help_text,
            max_length=LONG_ANSWER_MAX_LENGTH,
            widget=forms.Textarea(attrs={"rows": 4}),
        )
    if kind == QuestionKind.SINGLE_CHOICE:
        return forms.ChoiceField(
            label=label,
            required=required,
            help_text=help_text,
            choices=choices,
            widget=forms.RadioSelect,
        )
    if kind == QuestionKind.MULTIPLE_CHOICE:
        return forms.MultipleChoiceField(
            label=label,
            required=required,
            help_text=help_text,
            choices=choices,
            widget=forms.CheckboxSelectMultiple,
        )
    if kind == QuestionKind.YES_NO:
        return forms.ChoiceField(
            label=label,
            required=required,
            help_text=help_text,
            choices=YesNo.choices,
            widget=forms.RadioSelect,
        )
    return forms.CharField(label=label, required=required, help_text=help_text, max_length=500)


def _to_initial(question, value):
    choices = [str(c) for c in (question.get("choices") or [])]
    if question["kind"] == QuestionKind.SINGLE_CHOICE:
        return str(choices.index(value)) if value in choices else None
    if question["kind"] == QuestionKind.MULTIPLE_CHOICE:
        return [str(choices.index(v)) for v in value or [] if v in choices]
    return value


class CompanionForm(forms.Form):
    name = forms.CharField(label=_("Companion's full name"), max_length=200)
    dietary_needs = forms.CharField(
        label=_("Dietary needs or allergies"),
        max_length=255,
        required=False,
        help_text=_("Used only by the catering team."),
    )
    option = OptionChoiceField(
        label=_("Option"), queryset=None, widget=forms.RadioSelect, empty_label=None
    )

    def __init__(self, *args, page, person, **kwargs):
        super().__init__(*args, **kwargs)
        options = page.options.filter(is_companion=True)
        self.fields["option"].queryset = options
        if len(options) == 1:
            self.fields["option"].initial = options[0].pk
        member = person.is_member
        self.fields["option"].label_from_instance = lambda o: _option_label(o, member)


class CancellationForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for the cancellation"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=2000,
    )


class ColleagueSearchForm(forms.Form):
    q = forms.CharField(label=_("Search a colleague"), required=False, max_length=100)
