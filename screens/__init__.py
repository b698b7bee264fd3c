"""The Textual TUI: the App, its screens, widgets and styles. Reads and writes through console services only."""
