"""``python -m iso9001assess``: the command line."""

from .cli import main

main()
