"""The Cloud API surface (rezStream style) at /cloudapi."""
