"""Reports stage: one module per output format, each a plugin."""
