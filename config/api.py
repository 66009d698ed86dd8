"""Wagtail API v2 (read-only, public content only). Pages take `?locale=fr|en`.

Wagtail builds `detail_url` (and documents' `download_url`) from `WAGTAILAPI_BASE_URL`, and pages'
`html_url` from the Site's configured hostname, whatever host the request came to. Here every
absolute URL of the API goes through `home.links.absolute_url` with the request, so that it
carries the host (and scheme) the client used, as the site's own links do. The `find` redirect
builds its URL the same way."""

from urllib.parse import urlsplit, urlunsplit

from rest_framework.fields import Field, SkipField

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.serializers import PageSerializer
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.serializers import DocumentSerializer
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.serializers import ImageSerializer
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import CollectionViewRestriction

from home.links import absolute_url


class DetailUrlField(Field):
    """`detail_url`: the object's API URL on the host the request came to."""

    def get_attribute(self, instance):
        return instance

    def to_representation(self, instance):
        path = self.context["router"].get_object_detail_urlpath(type(instance), instance.pk)
        if path is None:
            raise SkipField
        return absolute_url(path, self.context["request"])


class PageHtmlUrlField(Field):
    """`html_url`: the page's public URL on the host the request came to."""

    def get_attribute(self, instance):
        return instance

    def to_representation(self, page):
        url = page.get_url(self.context["request"])
        return absolute_url(url, self.context["request"]) if url else None


class DocumentDownloadUrlField(Field):
    def get_attribute(self, instance):
        return instance

    def to_representation(self, document):
        return absolute_url(document.url, self.context["request"])


class RequestHostPageSerializer(PageSerializer):
    detail_url = DetailUrlField(read_only=True)
    html_url = PageHtmlUrlField(read_only=True)


class RequestHostImageSerializer(ImageSerializer):
    detail_url = DetailUrlField(read_only=True)


class RequestHostDocumentSerializer(DocumentSerializer):
    detail_url = DetailUrlField(read_only=True)
    download_url = DocumentDownloadUrlField(read_only=True)


class RequestHostFindMixin:
    """`find/` redirects to the object's detail URL on the request's host (Wagtail's redirect
    starts with WAGTAILAPI_BASE_URL; its path and query string are kept)."""

    def find_view(self, request):
        response = super().find_view(request)
        location = urlsplit(response["Location"])
        response["Location"] = absolute_url(
            urlunsplit(("", "", location.path, location.query, "")), request
        )
        return response


class PublicPagesAPIViewSet(RequestHostFindMixin, PagesAPIViewSet):
    base_serializer_class = RequestHostPageSerializer

    def get_queryset(self):
        # Every page's `meta.locale`: with the page, not one query per page.
        return super().get_queryset().select_related("locale")


class PublicImagesAPIViewSet(RequestHostFindMixin, ImagesAPIViewSet):
    base_serializer_class = RequestHostImageSerializer


class PublicDocumentsAPIViewSet(RequestHostFindMixin, DocumentsAPIViewSet):
    """Documents of restricted collections (e.g. those for registered participants only)
    are left out of the API."""

    base_serializer_class = RequestHostDocumentSerializer

    def get_queryset(self):
        restricted = CollectionViewRestriction.objects.values("collection__path")
        queryset = super().get_queryset()
        for row in restricted:
            queryset = queryset.exclude(collection__path__startswith=row["collection__path"])
        return queryset


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PublicPagesAPIViewSet)
api_router.register_endpoint("images", PublicImagesAPIViewSet)
api_router.register_endpoint("documents", PublicDocumentsAPIViewSet)
