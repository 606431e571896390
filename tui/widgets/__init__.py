"""Widgets of the terminal app: they display what the screens give them and report what happened."""
