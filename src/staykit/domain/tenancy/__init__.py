"""Businesses (tenants) and who may act for them: the one tenancy rule."""
