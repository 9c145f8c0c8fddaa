"""``python -m iso9001assess``: the same command line as the ``iso9001assess`` script."""

from __future__ import annotations

from .cli import main

if __name__ == "__main__":
    main()
