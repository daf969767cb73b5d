"""The web server: the public chat page, the JSON API and the helpdesk console (aiohttp)."""
