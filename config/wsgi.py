import gc
import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")

application = get_wsgi_application()

# Import every module the site serves now (the URLs import the views, the admin and its hooks),
# then keep what is loaded out of the garbage collector's sight, and collect less often: a full
# collection would otherwise walk Django's, Wagtail's and the project's objects again every few
# requests of a long page (a delegate's dashboard), a pause of 100-200 ms in the middle of a
# request (`make bench-scale` showed it as every fifth request of the dashboard at 220 ms).
get_resolver().url_patterns  # noqa: B018 - loading the URLs is the point
gc.collect()
gc.freeze()
gc.set_threshold(50_000, 20, 20)
