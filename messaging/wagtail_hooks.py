"""Staff side in the Wagtail admin, under "Messages": write a message (a draft), review it
(how many will receive it, the e-mail in both languages) and send it, then read its send log."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from wagtail import hooks
from wagtail.admin.views.generic.models import CreateView, DeleteView, EditView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import ListingButton
from wagtail.models import Locale

from events.models import EventPage
from home.audit import register_actions
from home.errors import QuorumError
from home.links import current_language
from home.ordering import alphabetical
from members.models import Interest, Organization
from membership.models import MembershipCategory

from . import services
from .models import Message

SEND_PERMISSION = "messaging.send_message"
VIEW_PERMISSIONS = (
    "messaging.view_message",
    "messaging.add_message",
    "messaging.change_message",
    SEND_PERMISSION,
)


def can_see(user) -> bool:
    return any(user.has_perm(permission) for permission in VIEW_PERMISSIONS)


def in_staff_language(queryset, field):
    """Annotate `shown`: the `field` of the row's translation in the staff member's language
    (the admin's active one), or the row's own. The criteria are stored against the French
    rows; English staff read them in English."""
    translated = queryset.model.objects.filter(
        translation_key=OuterRef("translation_key"), locale__language_code=current_language()
    ).values(field)[:1]
    return queryset.annotate(shown=Coalesce(Subquery(translated), field))


def show_in_staff_language(field, name):
    """A form's choice field of translatable rows, labelled in the staff member's language."""
    field.queryset = in_staff_language(field.queryset, name)
    field.label_from_instance = lambda row: row.shown


def region_choices():
    regions = (
        Organization.objects.exclude(region="")
        .order_by(alphabetical("region"))
        .values_list("region", flat=True)
        .distinct()
    )
    return [(region, region) for region in regions]


class ToReviewMixin:
    """Once saved, a draft goes to its review: how many will receive it, the e-mail."""

    def get_success_url(self):
        return reverse(MessageViewSet.url_namespace_for("review"), args=[self.object.pk])

    def save_instance(self):
        instance = self.form.save(commit=False)
        return services.save_message(instance, by=self.request.user, m2m=self.form.save_m2m)


class MessageCreateView(ToReviewMixin, CreateView):
    pass


class DraftOnlyMixin:
    """A sent message no longer changes: its edit and delete views lead to its send log."""

    def dispatch(self, request, *args, **kwargs):
        message = Message.objects.filter(pk=kwargs.get("pk")).first()
        if message is not None and not message.is_draft:
            messages.error(request, _("This message was already sent: it can no longer change."))
            return redirect(MessageViewSet.url_namespace_for("log"), message.pk)
        return super().dispatch(request, *args, **kwargs)


class MessageEditView(DraftOnlyMixin, ToReviewMixin, EditView):
    pass


class MessageDeleteView(DraftOnlyMixin, DeleteView):
    pass


class MessageViewSet(ModelViewSet):
    model = Message
    icon = "mail"
    menu_label = gettext_lazy("Messages to members")
    url_prefix = "messages"
    name = "member_messages"
    add_to_admin_menu = False
    list_display = ["shown_subject", "kind", "consent_list", "status", "created_at", "sent_at"]
    list_filter = ["status", "kind"]
    search_fields = ["subject_fr", "subject_en"]
    form_fields = [
        "subject_fr",
        "body_fr",
        "subject_en",
        "body_en",
        "kind",
        "consent_list",
        "membership",
        "membership_categories",
        "interests",
        "organizations",
        "regions",
        "event",
    ]
    copy_view_enabled = False
    add_view_class = MessageCreateView
    edit_view_class = MessageEditView
    delete_view_class = MessageDeleteView

    @classmethod
    def url_namespace_for(cls, name):
        return f"{cls.name}:{name}"

    def get_form_class(self, for_update=False):
        form_class = super().get_form_class(for_update)

        class MessageForm(form_class):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                french = Locale.objects.filter(language_code="fr").first()
                self.fields["interests"].queryset = Interest.objects.filter(locale=french)
                show_in_staff_language(self.fields["interests"], "name")
                self.fields["interests"].widget = forms.CheckboxSelectMultiple(
                    choices=self.fields["interests"].choices
                )
                self.fields["membership_categories"].queryset = MembershipCategory.objects.filter(
                    locale=french
                ).order_by("sort_order", alphabetical("name"))
                show_in_staff_language(self.fields["membership_categories"], "name")
                self.fields["membership_categories"].widget = forms.CheckboxSelectMultiple(
                    choices=self.fields["membership_categories"].choices
                )
                self.fields["regions"] = forms.MultipleChoiceField(
                    label=_("Regions"),
                    choices=region_choices(),
                    required=False,
                    widget=forms.CheckboxSelectMultiple,
                    help_text=_("People whose current organization is in one of these regions."),
                )
                self.fields["event"] = forms.ModelChoiceField(
                    label=_("Registrants of the event"),
                    queryset=EventPage.objects.filter(locale=french).order_by("-start"),
                    required=False,
                    help_text=_("People with a confirmed registration to this event."),
                )
                show_in_staff_language(self.fields["event"], "title")

        return MessageForm

    @property
    def index_view_class(self):
        viewset = self
        base = super().index_view_class

        class IndexView(base):
            add_item_label = gettext_lazy("Write a message")  # not Wagtail's "Ajouter un(e) …"

            # A sent message no longer changes: the listing offers its send log, not its edit
            # and delete views (which would only send the staff member back to the log).
            def get_edit_url(self, instance):
                return super().get_edit_url(instance) if instance.is_draft else None

            def get_delete_url(self, instance):
                return super().get_delete_url(instance) if instance.is_draft else None

            def get_list_more_buttons(self, instance):
                buttons = super().get_list_more_buttons(instance)
                if instance.is_draft:
                    url = reverse(viewset.get_url_name("review"), args=[instance.pk])
                    label = _("Review and send")
                else:
                    url = reverse(viewset.get_url_name("log"), args=[instance.pk])
                    label = _("Send log")
                buttons.insert(0, ListingButton(label, url=url, icon_name="mail", priority=5))
                return buttons

        return IndexView

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("review/<int:pk>/", self.review_view, name="review"),
            path("log/<int:pk>/", self.log_view, name="log"),
        ]

    def review_view(self, request, pk):
        if not can_see(request.user):
            raise PermissionDenied
        message = get_object_or_404(Message.objects.select_related("event"), pk=pk)
        if not message.is_draft:
            return redirect(self.get_url_name("log"), message.pk)
        may_send = request.user.has_perm(SEND_PERMISSION)
        if request.method == "POST":
            if not may_send:
                raise PermissionDenied
            try:
                count = services.send_message(message, by=request.user)
            except QuorumError as error:
                messages.error(request, error.text)
            else:
                messages.success(
                    request,
                    ngettext(
                        "The message is being sent to %(count)s person.",
                        "The message is being sent to %(count)s people.",
                        count,
                    )
                    % {"count": count},
                )
                return redirect(self.get_url_name("log"), message.pk)
        return TemplateResponse(
            request,
            "messaging/admin/review.html",
            {
                "object": message,
                "count": services.recipient_count(message),
                "interests": [
                    interest.shown
                    for interest in in_staff_language(message.interests.all(), "name")
                ],
                "categories": [
                    category.shown
                    for category in in_staff_language(message.membership_categories.all(), "name")
                ],
                "event": (
                    in_staff_language(EventPage.objects.filter(pk=message.event_id), "title")
                    .get()
                    .shown
                    if message.event_id
                    else ""
                ),
                "organizations": [
                    str(organization) for organization in message.organizations.all()
                ],
                "previews": [
                    (_("The e-mail in French"), services.preview(message, "fr")),
                    (_("The e-mail in English"), services.preview(message, "en")),
                ],
                "may_send": may_send,
                "may_edit": request.user.has_perm("messaging.change_message"),
                "edit_url": reverse(self.get_url_name("edit"), args=[message.pk]),
                "index_url": reverse(self.get_url_name("index")),
                "page_title": _("Review and send"),
            },
        )

    def log_view(self, request, pk):
        if not can_see(request.user):
            raise PermissionDenied
        message = get_object_or_404(Message.objects.select_related("sent_by"), pk=pk)
        return TemplateResponse(
            request,
            "messaging/admin/log.html",
            {
                "object": message,
                "counts": services.send_log_counts(message),
                "deliveries": message.deliveries.select_related("user")[:1000],
                "index_url": reverse(self.get_url_name("index")),
                "page_title": _("Send log"),
            },
        )


class MessagesGroup(ViewSetGroup):
    menu_label = gettext_lazy("Messages")
    menu_icon = "mail"
    menu_order = 260
    items = (MessageViewSet,)


@hooks.register("register_admin_viewset")
def register_messaging_viewsets():
    return MessagesGroup()


@hooks.register("register_log_actions")
def register_messaging_log_actions(actions):
    register_actions(
        actions,
        {
            "messaging.message_created": (
                gettext_lazy("Message written"),
                gettext_lazy("Message to members written"),
            ),
            "messaging.message_changed": (
                gettext_lazy("Message changed"),
                gettext_lazy("Message to members changed"),
            ),
            "messaging.message_sent": (
                gettext_lazy("Message sent"),
                gettext_lazy("Message to members sent to its audience"),
            ),
            "messaging.message_delivered": (
                gettext_lazy("Message delivered"),
                gettext_lazy("Every e-mail of the message went out"),
            ),
            "messaging.unsubscribed": (
                gettext_lazy("Unsubscribed"),
                gettext_lazy("Unsubscribed from a list through a message's link"),
            ),
            "messaging.resubscribed": (
                gettext_lazy("Subscribed again"),
                gettext_lazy("Subscribed again to a list through a message's link"),
            ),
        },
    )
