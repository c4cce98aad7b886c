"""The main page: its layout, callbacks and parts."""
