"""propertyCatalog service routes (/propertycatalog-api): catalog_quote part."""

from fastapi import APIRouter

router = APIRouter()
