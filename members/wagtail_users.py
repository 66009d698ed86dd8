"""Wagtail's own user screens (Settings > Users) hold to the rules of the people screen: one
account per e-mail and per username whatever their case (login by e-mail and "Forgot your
username?" find the account by them), and deleting users, one or several at once, erases them
as a processed deletion request does (deletion.delete_person), or says why they are kept."""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from wagtail.users import forms as wagtail_forms
from wagtail.users.views import users as wagtail_views
from wagtail.users.views.bulk_actions.delete import DeleteBulkAction

from home.errors import QuorumError

from . import deletion, services
from .models import User


class OneAccountPerIdentityMixin:
    """For a form of one account: its e-mail and username used by no other account, whatever
    their case."""

    def clean_email(self):
        email = self.cleaned_data.get("email")
        if services.email_taken(email, but=self.instance):
            raise forms.ValidationError(_("Another file already uses this e-mail."))
        return email

    def _clean_username(self):
        # Wagtail's check of the username, which compares it exactly, runs first.
        username = super()._clean_username()
        if not self.has_error(User.USERNAME_FIELD) and services.username_taken(
            username, but=self.instance
        ):
            self.add_error(
                User.USERNAME_FIELD, _("This username is already taken. Choose another.")
            )
        return username


class UserCreationForm(OneAccountPerIdentityMixin, wagtail_forms.UserCreationForm):
    pass


class UserEditForm(OneAccountPerIdentityMixin, wagtail_forms.UserEditForm):
    pass


class ErasePersonMixin:
    """For a delete view of a person: deleting erases them (deletion.delete_person) and records
    who deleted them; a person other records keep is not deleted, and the message says why and
    how to erase them instead."""

    def delete_action(self):
        deletion.delete_person(self.object, by=self.request.user)

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except QuorumError as error:
            messages.error(self.request, error.text)
            return redirect(self.get_success_url())


class UserDeleteView(ErasePersonMixin, wagtail_views.DeleteView):
    pass


class UserViewSet(wagtail_views.UserViewSet):
    delete_view_class = UserDeleteView

    def get_form_class(self, for_update=False):
        return UserEditForm if for_update else UserCreationForm


class EraseUsersBulkAction(DeleteBulkAction):
    """The users listing's "Delete" for several people: each is erased as on their own, those
    other records keep stay, each with the message that says why."""

    def get_execution_context(self):
        self.kept = []
        return {**super().get_execution_context(), "by": self.request.user, "kept": self.kept}

    @classmethod
    def execute_action(cls, objects, model=None, *, by, kept, **kwargs):
        deleted = 0
        for person in objects:
            try:
                deletion.delete_person(person, by=by)
            except QuorumError as error:
                kept.append(error.text)
            else:
                deleted += 1
        return deleted, 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        for text in self.kept:
            messages.error(self.request, text)
        if not num_parent_objects:
            return None
        return super().get_success_message(num_parent_objects, num_child_objects)
