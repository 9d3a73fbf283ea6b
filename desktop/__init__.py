"""The Qt desktop application: report list, wizard, and the widgets the templates turn into."""
