"""The service's routers, one per group of endpoints."""
