"""The core of Avtalsuppföljning: templates, reports, validation, economics and storage.

Nothing in this package imports Qt; it is tested without a QApplication.
"""
