"""No API yet: the dashboards and their CSV/XLSX exports are the way out (issue 6 §4)."""

urlpatterns: list = []
