"""Benchmarks against other inference engines (CTranslate2), and the converters they need."""
