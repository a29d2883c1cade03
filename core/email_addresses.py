"""One spelling of an email address, so that log-in, sign-up and the limits on mail all
compare addresses the same way."""


def normalized_email(email: str | None) -> str:
    # Addresses are compared case-insensitively everywhere, so they are stored one way.
    return (email or "").strip().lower()
