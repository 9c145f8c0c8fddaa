"""Command-line commands kept in modules of their own, each added to the click group by one line in cli.py."""
