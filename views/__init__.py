"""Read-side helpers shared by the dashboard and the API: time windows and the read cache."""
