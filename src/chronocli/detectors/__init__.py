"""Pattern detectors: one module per pattern of DESIGN.md §4, each a pure function over one case's events."""
