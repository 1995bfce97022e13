"""Benchmark scripts (``python -m qa_bot.bench <name>``): speed and quality figures live here,
measured on demand, never as timing asserts in the test suite."""
