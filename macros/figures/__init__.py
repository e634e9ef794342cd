"""The exercise figures: pose geometry and the SVG drawing (base below it)."""
