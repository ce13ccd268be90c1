"""Extractors: one module per kind of thing found in clause text."""
