"""service package of policykg."""
