"""policykg core: the shared domain model, settings, errors and text folding."""
