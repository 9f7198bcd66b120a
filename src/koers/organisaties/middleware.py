import time

from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse

from koers.organisaties.tweede_factor import heeft_tweede_factor_nodig

_OPEN_PREFIXES = (
    "/inloggen",
    "/uitloggen",
    "/tweede-factor",
    "/static/",
    "/duo/",
    "/gezondheid/",
    "/metrics",
)


class TweedeFactorMiddleware:
    """A staff session counts only after the TOTP step (or demo skip) is done.

    Token-authenticated API calls are not sessions and pass; DRF authenticates them later.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and not request.path.startswith(_OPEN_PREFIXES)
            and heeft_tweede_factor_nodig(request)
        ):
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": "Tweede factor ontbreekt."}, status=403)
            return redirect(reverse("web:tweede_factor"))
        return self.get_response(request)


class SessieVerlengenMiddleware:
    """Idle expiry without a database write on every page view.

    The session's age counts from its last save (SESSION_COOKIE_AGE). Saving it on every
    request (SESSION_SAVE_EVERY_REQUEST) would cost a write transaction per click at national
    scale; touching it at most once a minute keeps the idle limit exact to the minute.
    """

    INTERVAL_SECONDS = 60
    KEY = "koers_laatst_actief"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is not None and not session.is_empty():
            now = int(time.time())
            if now - session.get(self.KEY, 0) >= self.INTERVAL_SECONDS:
                session[self.KEY] = now
        return response
