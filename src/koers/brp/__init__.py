"""The BRP chain adapter: personalia from the BRP API Personen (Haal Centraal, RvIG).

``openapi/`` holds RvIG's published specification verbatim; ``simulator/`` plays the BRP's
side of the chain from that specification only and imports nothing from the product."""
