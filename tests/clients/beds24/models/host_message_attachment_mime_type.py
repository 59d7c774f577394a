from typing import Literal

HostMessageAttachmentMimeType = Literal[
    "application/pdf", "image/gif", "image/jpeg", "image/png"
]

HOST_MESSAGE_ATTACHMENT_MIME_TYPE_VALUES: set[HostMessageAttachmentMimeType] = {
    "application/pdf",
    "image/gif",
    "image/jpeg",
    "image/png",
}


def check_host_message_attachment_mime_type(
    value: str,
) -> HostMessageAttachmentMimeType:
    if value in HOST_MESSAGE_ATTACHMENT_MIME_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {HOST_MESSAGE_ATTACHMENT_MIME_TYPE_VALUES!r}"
    )
