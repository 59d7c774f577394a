"""The BFF's read views: what a front end shows on one screen, read in one request."""
