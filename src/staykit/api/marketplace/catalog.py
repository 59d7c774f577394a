"""propertyCatalog service routes (/propertycatalog-api): catalog part."""

from fastapi import APIRouter

router = APIRouter()
