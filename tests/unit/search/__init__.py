"""Tests of the one search index (services.search)."""
