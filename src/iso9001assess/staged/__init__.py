"""Staged progress reports of a programme: acceptance (验收), benchmark candidates, the figures as of a date,
the narrative sections, and the outputs. Layer: above the store (it reads it), below the API."""
