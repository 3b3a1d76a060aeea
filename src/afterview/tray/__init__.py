"""The tray process: the next-due scheduler, the icon and menu, notifications."""
