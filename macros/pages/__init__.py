"""Rendering pages from validated content: renderers, the page macros, written pages and their checks."""
