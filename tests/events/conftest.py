"""The events fixtures (monday, walk) live in tests/conftest.py: the API tests use them too."""
