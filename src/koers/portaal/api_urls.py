"""No API yet: the portal is for people, through the browser."""

urlpatterns: list = []
