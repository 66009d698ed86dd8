"""Helpers for the responses the test client returns."""


def close_file(response):
    """Close the file a FileResponse streams. `response.close()` would also send
    `request_finished`, which closes the test's database connection mid-test."""
    for closable in getattr(response, "_resource_closers", []):
        closable()
    response._resource_closers = []
