"""Generic building blocks for the screens and the API of every slice: form styling and
field helpers, view helpers, the spinnenweb geometry, read-only presentations, keyset
pagination, the case page's sections, and the API's view helpers, error shape and schema
components.

A plain package in the core layer, not a Django app: the uitvoering apps, sturing and the shell
all build on it, so it may import only the core apps, Django, DRF and drf-spectacular."""
