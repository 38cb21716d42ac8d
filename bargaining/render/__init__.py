"""Renderers: turn result objects into text, Markdown, LaTeX or JSON. No computation happens here."""
