from django.conf import settings
from django.utils.functional import SimpleLazyObject


def _navigatie(request) -> dict:
    """What the header and menu show; computed only when a template asks for it."""
    from koers.organisaties.tweede_factor import heeft_tweede_factor_nodig
    from koers.toegang import policy
    from koers.web.secties import menu_items

    user = getattr(request, "user", None)
    if (
        user is None
        or not user.is_authenticated
        or not hasattr(user, "is_verified")
        or heeft_tweede_factor_nodig(request)
    ):
        return {"actief": False}
    return {
        "actief": True,
        "werkvoorraad": policy.mag_zien(user, policy.Sectie.TRAJECT),
        "aanmelden": policy.mag(user, policy.Actie.AANMELDEN),
        "beheer": policy.mag_beheren(user),
        "duo_berichten": policy.mag_duo_berichten_beheren(user),
        "gemeente": user.gemeente,
        "modules": menu_items(user),
    }


def koers(request):
    return {"DEMO": settings.DEMO, "nav": SimpleLazyObject(lambda: _navigatie(request))}
