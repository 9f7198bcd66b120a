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
    modules = _menu(request, menu_items(user))
    return {
        "actief": True,
        "werkvoorraad": policy.mag_zien(user, policy.Sectie.TRAJECT),
        "aanmelden": policy.mag(user, policy.Actie.AANMELDEN),
        "beheer": policy.mag_beheren(user),
        "duo_berichten": policy.mag_duo_berichten_beheren(user),
        "gemeente": user.gemeente,
        "modules": modules,
        # The menu's numbers together, on the phone's folded menu button.
        "aantal": sum(item["aantal"] or 0 for item in modules),
    }


def _menu(request, items) -> list[dict]:
    """The apps' menu entries with their URL, number and whether it is the current page: an
    entry with a filter (``query``) is current only with that filter, and then the plain entry
    of the same page is not."""
    from django.urls import reverse

    pagina = getattr(getattr(request, "resolver_match", None), "view_name", None)
    query = request.GET.urlencode()
    gefilterd = any(i.query and i.url_name == pagina and i.query == query for i in items)
    return [
        {
            "label": item.label,
            "url": reverse(item.url_name) + (f"?{item.query}" if item.query else ""),
            "id": item.id,
            "aantal": item.aantal(request.user) if item.aantal else None,
            "huidig": item.url_name == pagina
            and (item.query == query if item.query else not gefilterd),
        }
        for item in items
    ]


def koers(request):
    return {"DEMO": settings.DEMO, "nav": SimpleLazyObject(lambda: _navigatie(request))}
