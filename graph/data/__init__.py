"""Data files of the graph extractors (a package so that installs ship them)."""
