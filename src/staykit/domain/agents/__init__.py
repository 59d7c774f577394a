"""The AI agent hub (spec §8): agent overrides, the log of agent executions and the catalog
of tools the marketplace services offer to agents (the same tools the MCP endpoint serves)."""
