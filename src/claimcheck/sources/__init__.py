"""Sources stage: files -> normalised text (claimcheck.models.Source) with line:column positions."""
