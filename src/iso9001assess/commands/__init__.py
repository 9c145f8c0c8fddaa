"""The command line's parts: option types, output channels, and each newer command in a module of its own.

``cli.py`` holds the group and the original commands; a module here adds one command with one line there.
"""
