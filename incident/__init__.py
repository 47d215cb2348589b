"""incident: walk through an account takeover, record the evidence, write the report."""

__version__ = "0.1.0"
