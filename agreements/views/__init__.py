"""Practitioners' views of personalised agreements, one module per job (see agreements/urls.py)."""
