"""ingest package of policykg."""
