"""The Beijing 两业融合 measures (京发改规〔2023〕7号) as code: pure functions over plain data.

No Rasa, no web, no database. The bot, the CLI and the web API are thin shells over this package.
"""

RULES_VERSION = "2023-7号/1.0.0"
