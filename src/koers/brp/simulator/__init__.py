"""The BRP simulator: plays RvIG's BRP API Personen from the vendored specification only."""
