"""The model page: its layout, callbacks and parts."""
