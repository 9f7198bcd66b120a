"""Languages: only Mijn Inburgering speaks other languages than Dutch.

It replaces Django's LocaleMiddleware. Outside the portal it speaks Dutch, so a
staff member whose browser asks for English, or who tried the portal in Arabic, still gets
the Dutch staff screens. Inside the portal the language is the one chosen with the switcher
(a cookie), else the browser's Accept-Language when the portal speaks it, else Dutch.
"""

from __future__ import annotations

from django.utils import translation

from koers.portaal import rules


def portaal_taal(request) -> str:
    return rules.kies_taal(
        request.COOKIES.get(rules.TAAL_COOKIE), request.META.get("HTTP_ACCEPT_LANGUAGE", "")
    )


class PortaalTaalMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        in_portaal = request.path_info.startswith(rules.PAD)
        taal = portaal_taal(request) if in_portaal else rules.STANDAARD_TAAL
        translation.activate(taal)
        request.LANGUAGE_CODE = taal
        try:
            response = self.get_response(request)
        finally:
            # The language is per thread: leave it Dutch for whatever runs next in this
            # thread (a worker job, a service called outside a request).
            translation.activate(rules.STANDAARD_TAAL)
        response.headers["Content-Language"] = taal
        if in_portaal:
            vary = response.headers.get("Vary", "")
            for kop in ("Accept-Language", "Cookie"):
                if kop.lower() not in vary.lower():
                    vary = f"{vary}, {kop}" if vary else kop
            response.headers["Vary"] = vary
        return response
