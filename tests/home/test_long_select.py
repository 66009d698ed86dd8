import re

from django import forms

from home.forms import LongSelect

CHOICES = [("", "Tous"), ("1", "Ville d'A & B"), ("2", "<Municipalité>")]


class Filters(forms.Form):
    django_select = forms.ChoiceField(choices=CHOICES, required=False)
    long_select = forms.ChoiceField(choices=CHOICES, required=False, widget=LongSelect)


def _same(form):
    expected = str(form["django_select"]).replace("django_select", "X")
    rendered = str(form["long_select"]).replace("long_select", "X")
    return re.sub(r"\s+", "", expected) == re.sub(r"\s+", "", rendered)


def test_a_long_select_renders_what_djangos_select_renders_chosen_or_not():
    assert _same(Filters({"django_select": "2", "long_select": "2"}))
    assert _same(Filters())
    html = str(Filters({"long_select": "1"})["long_select"])
    assert '<option value="1" selected>Ville d&#x27;A &amp; B</option>' in html
    assert "&lt;Municipalité&gt;" in html
