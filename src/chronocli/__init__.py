"""chronocli: integrated child-protection chronologies and indicators of resistance."""

__version__ = "0.1.0"
