"""Only with BENCH=True (`make bench`, config/bench.py): a trivial view to compare against, and
a middleware that says how many queries and how much server time each response took."""

import time

from django.db import connections
from django.http import HttpResponse


def trivial(request):
    """The smallest Django answer through the same middleware and server."""
    return HttpResponse("ok", content_type="text/plain")


def measure(get_response):
    """X-Queries (every database alias) and X-Server-Time (seconds) on every response."""

    def middleware(request):
        count = 0

        def counter(execute, sql, params, many, context):
            nonlocal count
            count += 1
            return execute(sql, params, many, context)

        wrappers = [connection.execute_wrapper(counter) for connection in connections.all()]
        started = time.perf_counter()
        for wrapper in wrappers:
            wrapper.__enter__()
        try:
            response = get_response(request)
            if hasattr(response, "render") and not getattr(response, "is_rendered", True):
                response.render()
        finally:
            for wrapper in reversed(wrappers):
                wrapper.__exit__(None, None, None)
        response["X-Server-Time"] = f"{time.perf_counter() - started:.4f}"
        response["X-Queries"] = str(count)
        return response

    return middleware
