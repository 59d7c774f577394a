"""propertyCatalog service routes (/propertycatalog-api): catalog_search part."""

from fastapi import APIRouter

router = APIRouter()
