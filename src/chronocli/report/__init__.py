"""The risk-indicator report: built once as plain data, then rendered for terminal, text, HTML or JSON."""
