"""Newsdesk: layout and proofing for Chinese newspapers."""

__version__ = "0.1.0"
