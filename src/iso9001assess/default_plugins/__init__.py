"""The built-in checklists, strategies and exporters, registered through the public hooks like any plugin."""
