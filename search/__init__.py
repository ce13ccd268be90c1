"""search package of policykg."""
