"""Claim kinds, one plugin module each."""
