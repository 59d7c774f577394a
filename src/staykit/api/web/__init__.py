"""What every browser page shares: the signed-in session cookie, CSRF tokens for forms,
and the Jinja2 templates (a plain base page, no scripts, no outside assets)."""
