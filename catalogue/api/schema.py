"""OpenAPI generation: only the public API under /api/, not Wagtail's own admin API."""


def public_api_only(endpoints):
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/")]
