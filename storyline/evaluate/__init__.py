"""Scorers against public gold data, one module per gold format.

Each scorer returns a plain dict of numbers; ``baseline.json`` holds the
floors a test enforces (``tests/test_quality_gates.py``).
"""
