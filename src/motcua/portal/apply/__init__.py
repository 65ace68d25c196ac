"""Applying online: details and declared fields → documents → review → submit."""
