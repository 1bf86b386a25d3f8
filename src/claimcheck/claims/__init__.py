"""The claims stage: claim files (YAML) -> validated claim models, each with its file:line:col.

``grammar`` reads the small languages editors write inside a claim file (``== 2,800``,
``5%``, ``at least 2 sources``, one-line statements); ``loader`` reads a whole file
(``load_claim_file``). Behind it, ``_yaml`` reads YAML with positions and ``_fields`` turns
one entry's values into a validated model.
"""
