"""Verification stage: claim x source -> verdict per source -> claim outcome."""
