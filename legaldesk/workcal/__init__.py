"""Working days and working hours (China's official calendar, with the center's own days)."""
