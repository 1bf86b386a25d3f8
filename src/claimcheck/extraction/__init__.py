"""Extraction: sentences and the figures (mentions) a source makes, read once per source."""
