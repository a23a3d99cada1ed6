"""Understand events: what kind each chronology entry records, whose account, which area."""
