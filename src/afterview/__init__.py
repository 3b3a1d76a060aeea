"""Afterview: the after-interview follow-up desk."""

__version__ = "0.4.0"
