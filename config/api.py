"""Wagtail API v2 (read-only, public content only). Pages take `?locale=fr|en`."""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import CollectionViewRestriction


class PublicDocumentsAPIViewSet(DocumentsAPIViewSet):
    """Documents of restricted collections (e.g. those for registered participants only)
    are left out of the API."""

    def get_queryset(self):
        restricted = CollectionViewRestriction.objects.values("collection__path")
        queryset = super().get_queryset()
        for row in restricted:
            queryset = queryset.exclude(collection__path__startswith=row["collection__path"])
        return queryset


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesAPIViewSet)
api_router.register_endpoint("images", ImagesAPIViewSet)
api_router.register_endpoint("documents", PublicDocumentsAPIViewSet)
