"""Questions the pip slice asks the apps above it without importing them."""

from django.dispatch import Signal

# Whom a gemeente ontzorgt is its own choice, kept by begeleiding, a layer above this slice
# (Begeleidingsbeleid.ontzorgen_groep). Sent with ``traject``; a receiver returns the group
# (pip.rules.GROEP_WET or GROEP_ASIELMIGRANTEN). Read by pip.services.ontzorgen_groep.
ontzorgen_groep_gevraagd = Signal()
