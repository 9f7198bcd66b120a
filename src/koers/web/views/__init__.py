"""Views of the shell: login and second factor, and the werkvoorraad."""
