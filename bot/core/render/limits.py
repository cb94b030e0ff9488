"""Discord's limits, in one place: every reply the core renders fits them, and the Discord
adapter checks against the same numbers (Discord API reference: "Message", "Embed
Limits", "Message Components", "Application Commands")."""

MESSAGE_MAX = 2000  # characters in one message
TITLE_MAX = 256  # an embed's title
DESCRIPTION_MAX = 4096  # an embed's description
FIELDS_MAX = 25  # fields in one embed
FIELD_NAME_MAX = 256
FIELD_VALUE_MAX = 1024
FOOTER_MAX = 2048
EMBED_TOTAL_MAX = 6000  # all the text of one embed
BUTTON_LABEL_MAX = 80
CHOICE_NAME_MAX = 100  # an autocomplete choice or a select option's label and value
SELECT_OPTIONS_MAX = 25
AUTOCOMPLETE_MAX = 25  # choices in one autocomplete answer
LINK_BUTTONS_MAX = 5  # link buttons fit in one row
ATTACHMENT_MAX = 8 * 1024 * 1024  # bytes of an attachment where the server allows no more
ATTACHMENT_DESCRIPTION_MAX = 1024  # an attachment's description (the chart's alt text)
