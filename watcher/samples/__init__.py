"""Sample SIV mails bundled for `classify` and `demo`."""
