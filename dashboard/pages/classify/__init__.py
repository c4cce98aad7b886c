"""The classify page: its layout, callbacks and parts."""
