"""Ground floor, used by every layer above: content errors, today's date, page addresses, our fragments' Jinja."""
