from typing import Literal

VrboSettingsPostPropertiesDefaultLanguage = Literal[
    "de", "en", "es", "fi", "fr", "it", "ja", "nl", "no", "pt", "sov"
]

VRBO_SETTINGS_POST_PROPERTIES_DEFAULT_LANGUAGE_VALUES: set[
    VrboSettingsPostPropertiesDefaultLanguage
] = {
    "de",
    "en",
    "es",
    "fi",
    "fr",
    "it",
    "ja",
    "nl",
    "no",
    "pt",
    "sov",
}


def check_vrbo_settings_post_properties_default_language(
    value: str,
) -> VrboSettingsPostPropertiesDefaultLanguage:
    if value in VRBO_SETTINGS_POST_PROPERTIES_DEFAULT_LANGUAGE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {VRBO_SETTINGS_POST_PROPERTIES_DEFAULT_LANGUAGE_VALUES!r}"
    )
