"""Screens of the terminal app: each one asks the core for data in workers and owns its actions."""
