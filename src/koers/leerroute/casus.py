"""This app's section of the case page (see koers.web.secties)."""

PLAATS = "onder"
TEMPLATE = "leerroute/casus_sectie.html"


def casus_context(user, inburgeraar, traject) -> dict | None:
    return None
