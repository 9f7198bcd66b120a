from django.conf import settings


def koers(request):
    return {"DEMO": settings.DEMO}
