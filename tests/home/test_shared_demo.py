"""The demo is loaded once per module (tests/conftest.py); each test's writes still roll back."""

import pytest

from django.contrib.auth import get_user_model

from wagtail.models import Page

from home.models import HomePage


def test_a_test_may_change_the_shared_demo(demo):
    get_user_model().objects.filter(username="membre").update(username="renamed")
    Page.objects.filter(slug="guides").delete()
    HomePage.objects.update(title="Changed")
    assert not get_user_model().objects.filter(username="membre").exists()
    assert not Page.objects.filter(slug="guides").exists()


def test_the_next_test_sees_the_demo_as_loaded(demo):
    assert get_user_model().objects.filter(username="membre").exists()
    assert Page.objects.filter(slug="guides").count() == 2
    assert not HomePage.objects.filter(title="Changed").exists()


@pytest.mark.django_db
def test_a_test_without_the_demo_in_the_same_module_sees_no_demo():
    assert not get_user_model().objects.filter(username="membre").exists()
    assert not HomePage.objects.exists()
