"""The apps that carry out a traject after the PIP (issue 4, "Uitvoering en monitoring"), and
others that plug into the case page, menu and API the same way (the verwerkingenlogging).

One list, read by the settings (INSTALLED_APPS), the case page (each app's ``casus`` module
adds a section), the main menu (an app's optional ``menu`` module), the demo seed (each app's
``demo`` module), the API (each app's ``api_urls``) and the signal engine (an app's optional
``signalen`` module). Adding an app here wires it into all of them.
"""

UITVOERING_APPS: tuple[str, ...] = (
    "koers.monitoring",   # voortgangsgesprekken and the signal engine
    "koers.leerroute",    # inburgeringsaanbod, uren, examens, afschalen, Z-route
    "koers.modules",      # PVT and MAP
    "koers.begeleiding",  # maatschappelijke begeleiding, ontzorgen, duale trajecten
    "koers.netwerk",      # instroomklas, tolken, ervaringsdeskundigen, informele taal
    "koers.handhaving",   # handhaving by the gemeente, DUO boetes and verlengingen
    "koers.verwerkingen",  # verwerkingenlogging and AVG (issue 5 §3); no case section
    "koers.sturing",      # dashboards: aantallen, procesindicatoren (issue 6); no case section
    "koers.portaal",      # Mijn Inburgering, the portal of the inburgeraar (issue 5 §2)
    "koers.partners",     # ketenpartners: taakverdeling and verwijzingen (issue 5 §1)
)
