"""Reflex State classes, one module per feature. Thin: they check who asks, call services, set vars."""
