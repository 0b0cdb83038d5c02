import type ExcelJS from "exceljs";
import type PDFDocument from "pdfkit";

// Libraries that only the document routes use (spreadsheets, PDFs), loaded on first use instead of at start:
// together they took about half a second of every start and ~40 MiB of resident memory that a process serving
// no document never needs (issue 11: `npm start` to first answer, server RSS).
let excel: typeof ExcelJS | undefined;
let pdf: typeof PDFDocument | undefined;

/** exceljs, loaded once on first use. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const loadExcelJS = (): typeof ExcelJS => (excel ??= require("exceljs") as typeof ExcelJS);

/** pdfkit's PDFDocument, loaded once on first use. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const loadPDFDocument = (): typeof PDFDocument => (pdf ??= require("pdfkit") as typeof PDFDocument);
