"""Files the dashboard hands out (Excel lists, Word reports and letters, PowerPoint decks, PDFs), built from
data_access rows; no Streamlit. `python -m reports` builds them from the command line."""

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PPTX_MIME = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
PDF_MIME = "application/pdf"
ZIP_MIME = "application/zip"
