"""Writers: the integrated chronology and reports as XLSX, CSV, JSON and HTML, safely and atomically."""
