"""graph package of policykg."""
