"""No section on the case page: the dashboards show aggregates only (koers.web.secties)."""

PLAATS = "onder"
TEMPLATE = ""


def casus_context(user, inburgeraar, traject):
    return None
