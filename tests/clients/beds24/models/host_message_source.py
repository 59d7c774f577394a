from typing import Literal

HostMessageSource = Literal["guest", "host", "internalNote", "system"]

HOST_MESSAGE_SOURCE_VALUES: set[HostMessageSource] = {
    "guest",
    "host",
    "internalNote",
    "system",
}


def check_host_message_source(value: str) -> HostMessageSource:
    if value in HOST_MESSAGE_SOURCE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {HOST_MESSAGE_SOURCE_VALUES!r}"
    )
