"""Security headers Django's SecurityMiddleware does not set: Content-Security-Policy,
Permissions-Policy and ``Cache-Control: no-store``. (nosniff, Referrer-Policy,
Cross-Origin-Opener-Policy and HSTS come from SecurityMiddleware, X-Frame-Options from
XFrameOptionsMiddleware; see settings.)"""

from __future__ import annotations

from django.conf import settings
from django.utils.cache import add_never_cache_headers

# Everything from our own origin; no inline script or style (templates load koers.js and
# koers.css; tests/beveiliging/test_headers.py keeps templates free of inline code). `data:`
# images for the NL Design System icons. No framing, no plugins, no <base> tricks, and forms
# only post back to Koers. (Browsers apply form-action to the redirect after a POST too: a
# future OIDC login that starts with a POST and redirects to the identity provider must add
# that provider's origin here.)
CSP = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)

# The API documentation (drf-spectacular's Swagger UI page) starts Swagger UI with an inline
# <script> and an inline <style> in its own template, so that one page allows inline code.
# It shows no personal data: only the API description.
CSP_API_DOCS = CSP.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'").replace(
    "style-src 'self'", "style-src 'self' 'unsafe-inline'"
)
API_DOCS_PATH = "/api/v1/docs/"

# Koers needs none of these browser features.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
        "xr-spatial-tracking",
    )
)


def csp_voor(path: str) -> str:
    return CSP_API_DOCS if path == API_DOCS_PATH else CSP


def is_statisch(path: str) -> bool:
    """A static file (CSS, JS, fonts, icons) that WhiteNoise serves: the same for everyone,
    so browsers and proxies may keep it. WhiteNoise sits after this middleware, so its
    answers pass through here too."""
    static_url = settings.STATIC_URL or ""
    return static_url.startswith("/") and path.startswith(static_url)


class BeveiligingsheadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Content-Security-Policy", csp_voor(request.path))
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        # Nearly every answer of Koers holds personal data (pages, API, PDFs, exports,
        # Mijn Inburgering), and on a shared computer the browser's cache or a proxy would keep
        # a copy after logout. Deciding per view would be forgotten once, so every answer
        # except a static file is not stored; the few public pages lose nothing by it.
        if not is_statisch(request.path):
            add_never_cache_headers(response)
        return response
