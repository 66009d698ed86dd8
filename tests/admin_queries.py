"""Admin listings run a number of queries that does not grow with their rows."""

from collections import Counter

from django.db import connection
from django.test.utils import CaptureQueriesContext


def listing_queries(client, url):
    """The number of queries of one GET of `url`; the repeated ones are printed (pytest shows
    them when the test fails). A first GET warms what is kept between requests (the site,
    the shared page parts): only the queries every request makes are counted."""
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    repeated = Counter(q["sql"][:300] for q in queries.captured_queries)
    for sql, count in repeated.most_common(5):
        if count > 1:
            print(count, sql)
    return len(queries)
