"""The health page: its layout, callbacks and parts."""
