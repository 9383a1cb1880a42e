"""Topic tagging for the B2B blog: vocabulary, text normalisation, scoring and CLI."""
