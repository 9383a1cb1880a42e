"""Comments with Isso: the server's configuration, approved comments read at build time and written
into each post page, the reader's form, moderation and backups."""
