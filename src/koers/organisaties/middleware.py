from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse

from koers.organisaties.tweede_factor import heeft_tweede_factor_nodig

_OPEN_PREFIXES = ("/inloggen", "/uitloggen", "/tweede-factor", "/static/", "/duo/")


class TweedeFactorMiddleware:
    """A staff session counts only after the TOTP step (or demo skip) is done.

    Token-authenticated API calls are not sessions and pass; DRF authenticates them later.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (user.is_authenticated and not request.path.startswith(_OPEN_PREFIXES)
                and heeft_tweede_factor_nodig(request)):
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": "Tweede factor ontbreekt."}, status=403)
            return redirect(reverse("web:tweede_factor"))
        return self.get_response(request)
