"""motcua: electronic one-stop shop for Vietnamese local government."""
