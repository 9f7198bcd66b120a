"""Views of the web slice, one small module per screen."""
