"""Peer support groups through the API (api/groups/views.py)."""
