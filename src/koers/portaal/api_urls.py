"""No API yet: the portal is for people, through the browser (issue 5 §2)."""

urlpatterns: list = []
