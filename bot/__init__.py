"""The 两业融合 assistant around the rules: Rasa actions, storage and the web server."""
