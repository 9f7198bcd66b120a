"""No section on the case page: the log is for the privacy officer (koers.web.secties)."""

PLAATS = "onder"
TEMPLATE = ""


def casus_context(user, inburgeraar, traject):
    return None
