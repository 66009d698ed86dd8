from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from home import views as home_views
from home.health import health

from .api import api_router

# Language-neutral addresses: the admin, documents, the API and machine callbacks.
urlpatterns = [
    path("health/", health, name="health"),
    path("favicon.ico", home_views.favicon),
    path("brand.css", home_views.brand_stylesheet, name="brand_stylesheet"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v2/", api_router.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("invoices.webhook_urls")),
]

if settings.BENCH:
    from . import bench_views

    urlpatterns.append(path("bench/trivial/", bench_views.trivial, name="bench_trivial"))

if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    from django.urls import re_path
    from django.views.static import serve

    # Images are public; documents go through Wagtail's checked /documents/ view only (those of
    # registered participants are never public), so their files are not served here.
    urlpatterns += [
        re_path(
            r"^media/(?P<path>(?!documents/).*)$",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        )
    ]

# Everything a person reads lives under /fr/ or /en/. Each app's urls.py holds full paths
# (e.g. "account/…"), which must not collide with page slugs ("guides", "evenements", "events").
urlpatterns += i18n_patterns(
    path("search/", home_views.search, name="search"),
    path("legal/", home_views.legal_notice, name="legal_notice"),
    path("", include("members.urls")),
    path("", include("membership.urls")),
    path("", include("invoices.urls")),
    path("", include("events.urls")),
    path("", include("messaging.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
