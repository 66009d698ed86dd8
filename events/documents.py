"""Documents for registered participants (course notes, slides, programmes).

They live in the restricted collection "Documents des inscrits" (created by a data migration,
with a view restriction, so the API leaves them out), which is the default collection of the
upload form of the event page's document chooser. Wagtail's public `/documents/` URL answers
404 for them to anyone who cannot edit them (`refuse_public_serving`, a `before_serve_document`
hook); registered participants download them through `events:document`, which checks the
registration. The documents field is synchronised by wagtail-localize (copied, not translated),
and the view reads the source (French) page: both languages show the same documents."""

from django.contrib.auth.models import Group
from django.http import Http404

from wagtail.documents import get_document_model_string
from wagtail.documents.views.chooser import DocumentChooserUploadView, DocumentChooserViewSet
from wagtail.documents.views.chooser import DocumentChooseView as BaseDocumentChooseView
from wagtail.models import Collection, CollectionViewRestriction, ReferenceIndex
from wagtail.permissions import policy_registry

# The collection's name is data (created by events/migrations/0006), in the site's language.
PARTICIPANTS_COLLECTION = "Documents des inscrits"


def participants_collection() -> Collection | None:
    return Collection.objects.filter(name=PARTICIPANTS_COLLECTION).first()


def ensure_participants_collection() -> Collection:
    """The participants' collection, recreated as the migration makes it when missing (a
    database flushed by a transactional test, before the demo is loaded again)."""
    collection = participants_collection()
    if collection is not None:
        return collection
    root = Collection.get_first_root_node() or Collection.add_root(name="Racine")
    collection = root.add_child(name=PARTICIPANTS_COLLECTION)
    restriction = CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.GROUPS
    )
    restriction.groups.set(Group.objects.filter(name__in=["Editors", "Moderators"]))
    return collection


def in_participants_collection(document) -> bool:
    collection = participants_collection()
    return bool(collection) and document.collection.path.startswith(collection.path)


def is_for_participants(document) -> bool:
    """A document kept for registered participants: in the participants' collection, or
    chosen in an event page's documents (even if an editor left it in another collection)."""
    if in_participants_collection(document):
        return True
    # By content type name: this module is imported by events.models.
    return (
        ReferenceIndex.get_references_to(document)
        .filter(model_path__startswith="documents.")
        .filter(content_type__app_label="events", content_type__model="eventpage")
        .exists()
    )


def refuse_public_serving(document, request):
    """`before_serve_document`: a participants' document is never served from `/documents/`,
    except to the editors who may change it (they preview it from the admin)."""
    if not is_for_participants(document):
        return None
    policy = policy_registry.get_by_type(type(document))
    if request.user.is_authenticated and policy.user_has_permission_for_instance(
        request.user, "change", document
    ):
        return None
    raise Http404


def event_documents(event) -> list:
    """The documents of an event, from its source (French) page: the same in both languages."""
    return source_documents(event.source)


def source_documents(source) -> list:
    """The documents of a source (French) page, such as a registration's event."""
    return [block.value for block in source.documents if block.value is not None]


class _DefaultsToParticipantsCollection:
    def get_creation_form(self):
        form = super().get_creation_form()
        collection = participants_collection()
        if form is not None and not form.is_bound and collection and "collection" in form.fields:
            form.initial["collection"] = collection.pk
        return form


class ParticipantDocumentChooseView(_DefaultsToParticipantsCollection, BaseDocumentChooseView):
    pass


class ParticipantDocumentUploadView(_DefaultsToParticipantsCollection, DocumentChooserUploadView):
    pass


class ParticipantDocumentChooserViewSet(DocumentChooserViewSet):
    """Wagtail's document chooser whose upload tab proposes the participants' collection."""

    choose_view_class = ParticipantDocumentChooseView
    create_view_class = ParticipantDocumentUploadView
    register_widget = False


participant_document_chooser = ParticipantDocumentChooserViewSet(
    "participant_document_chooser",
    model=get_document_model_string(),
    url_prefix="events/participant-documents/chooser",
)

ParticipantDocumentChooserBlock = participant_document_chooser.get_block_class(
    name="ParticipantDocumentChooserBlock", module_path="events.documents"
)
