"""The register (sổ theo dõi): the workbook staff evaluate in, and their evaluation read back."""
