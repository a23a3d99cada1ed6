"""Readers: turn agency chronology files (CSV, XLSX) into one table of events with provenance."""
