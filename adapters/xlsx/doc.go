// Package xlsx exports and imports the forms of Quyết định 22/2023/QĐ-TTg
// as Excel workbooks (.xlsx): Mẫu số 01,
// a commune's monthly list of people who have completed a prison sentence
// and need a loan (forms.List01), and Mẫu số 02, an establishment's
// borrowing plan with its worker list (forms.Plan02).
//
// # Layout
//
// Write01 and Write02 lay a workbook out like the paper form, on one sheet
// (Sheet01 "Mau01", Sheet02 "Mau02"): the form number and the legal basis
// (forms.FormNo01, forms.Basis), the national motto (forms.Motto1,
// forms.Motto2) and the title; the header fields (forms.Header01,
// forms.Header02), one a row, the label in column B and the value from
// column C; the numbered table under the Vietnamese headings of
// forms.Layout01 or forms.Layout02, with the column widths of the layout
// (written with github.com/xuri/excelize/v2);
// for Mẫu 01 a totals row ("Tổng cộng", the number of people and the sum of
// the amounts, as formulas with their values); and the signature block
// (Mẫu 01: the commune police chief and the chair of the commune People's
// Committee under the place-and-date line; Mẫu 02: the establishment's
// legal representative and the chair's confirmation). The sheet prints on
// A4 landscape, one page wide, with the table's heading row repeated on
// every page. Cells are typed: ID numbers, codes and other text are text
// cells formatted "@" (leading zeros stay), dates are Excel dates formatted
// dd/mm/yyyy, money and counts are numbers formatted #,##0, choices are
// their Vietnamese labels. Every value written reads back to the same form
// (Read01 of Write01 is the list), with two exceptions a workbook imposes:
// control characters other than tab and line breaks cannot be held in XML
// and are written as U+FFFD, and a text longer than 32,767 characters (an
// Excel cell's limit, far beyond the forms' lengths) is cut there.
//
// # Reports
//
// WriteTables writes the tables of a report (reporting.PortfolioTables,
// ComparisonTables, MonthlyTables, DemandTables, PlanTable) as a workbook
// of one sheet per table, in order, each named its Table.Sheet: the
// Vietnamese title in bold across the columns in row 1, the headings in
// row 3 (frozen on screen and repeated on every printed page), the rows,
// and the totals row in bold. The column widths are the table's, or by
// kind when it leaves them to the writer; the sheets print like the forms,
// A4 landscape, one page wide, with "Trang n/m" in the footer. Cells are
// typed by their column's kind: counts and amounts are numbers formatted
// #,##0 (negative amounts too; an amount of more than 15 digits, more than
// Excel keeps exactly, stays text), percentages are numbers formatted 0.00,
// dates are Excel dates formatted dd/mm/yyyy, and text is text formatted
// "@", never a formula, whatever it begins with; a cell that does not read
// as its column's kind is written as text. The sheets are written through
// excelize's stream writer, so a table of many thousands of rows takes
// little memory beyond the workbook itself. A sheet name Excel would
// refuse (empty, over 31 characters, holding : \ / ? * [ ], or the same as
// an earlier one but for case) is an error before anything is written.
//
// # Reading
//
// Read01 and Read02 read a workbook as officers fill it in. The sheet is
// the one named like the form, else the first whose first 100 rows hold a
// header row, found by its headings (forms.MatchHeadings: Vietnamese or
// English headings or the keys, in any order, a few columns missing); a
// sheet that names the other form's number or title above its table is
// passed over. The header fields are found by their labels anywhere above
// the table, in the cell next to the label or as "Label: value"; the
// signatories' names and the date may also come from the signature block
// under the table. Blank rows, rows with nothing but a row number, a row of
// column numbers under the headings ("(1)", "(2)", …) and totals rows
// ("Tổng cộng", "Tổng", "Cộng") are skipped; the table ends where the
// signature block begins (a signatory's title, "(Ký, ghi rõ họ tên)", a
// "…, ngày … tháng … năm …" line), or at a row of fewer than three cells
// after a totals row. Cells are read from their raw values by package
// forms, leniently: dates as Excel dates (1900 or 1904 date system) or text
// dd/mm/yyyy, numbers as numbers or text ("50.000.000"), and an ID number
// that a spreadsheet took for a number gets its leading zeros back. Text
// is read as Unicode NFC.
//
// Every cell that cannot be read is a problem of the credit.Problems error,
// located at its cell (FieldError.Row and Column), and the form read so far
// is returned with it; the returned forms.Origin locates the problems
// forms.Validate01 and forms.Validate02 find afterwards (Origin.Locate).
//
// # Limits
//
// A workbook is a zip archive of XML parts, and a small file can be built
// to cost its reader gigabytes: a part that unpacks to far more than its
// size (a zip bomb), elements nested millions deep, millions of shared
// strings or attributes. Read01 and Read02 therefore read the XML with a
// streaming scanner of the package's own (excelize, like encoding/xml,
// holds every open element and whole parts, and bounds nothing while it
// reads: a 16 KB sheet nested 4 million deep cost it 2.8 s and 450 MiB),
// which allocates nothing per token and keeps a budget as it goes. The
// first token over a bound ends the reading with a *FileError wrapping
// forms.ErrFileTooLarge, whose Code names the bound:
//
//   - the file as read: at most Options.MaxBytes (20 MiB by default;
//     CodeFileTooLarge);
//   - the archive, before anything is unpacked: at most 10,000 parts, 200
//     MiB unpacked in all, 16 MiB for any part but a sheet (200 MiB) or the
//     shared strings (64 MiB) (CodeTooManyParts, CodeUnzippedTooLarge,
//     CodePartTooLarge); each part read is checked, as it is read, to unpack
//     to exactly the size and checksum it declares (more is CodeZipBomb;
//     less, or another checksum, is damaged);
//   - the XML: elements nested at most 64 deep, at most 128 attributes to an
//     element, no tag, text or comment of 512 KiB or more, no document type
//     declaration (CodeXMLTooDeep, CodeXMLTooManyAttrs, CodeXMLTokenTooLong);
//   - the table, from the rows accepted (Options.MaxRows, forms.MaxRows by
//     default): at most (rows + 1,100) × 64 cells, as many shared strings,
//     4 XML elements a cell, 16,384 cells a row, and 64 MiB of text kept
//     (CodeTooManyCells, CodeTooManySharedStrs, CodeXMLTooManyElems,
//     CodeRowTooWide, CodeTooMuchText); more rows than Options.MaxRows is
//     forms.ErrTooManyRows as soon as the row after the last allowed is met.
//
// Only the parts that hold the table are read: the package's relationships,
// the workbook, its relationships, the shared strings (when a cell uses
// one) and the sheets in order until one has the form's headings; styles,
// drawings and the rest are never unpacked. A sheet is read as a stream,
// row by row, without a temporary file; cells beyond column IV (256) are
// passed over. The problems of the table's cells are kept up to
// forms.MaxProblems (forms.RowProblems). Within these bounds a hostile
// workbook of up to 20 MiB is answered in about a second with a heap under
// 100 MiB (xlsxtest.Attacks, and BENCHMARKS.md); a list of 10,000 rows is
// read in about 0.15 s.
//
// A file that is not a zip archive, an old .xls or a password-protected
// workbook (an OLE file), a workbook whose XML is not well formed, whose
// rows are out of order or whose cell references are not ones, or that has
// no sheet with the form's headings is a *FileError wrapping
// forms.ErrNotForm (CodeNotXLSX, CodeDamaged, CodeNoTable). Its message,
// in Vietnamese and English, says which, and never quotes the file. The
// reading stops when its context is done (it looks every 1,024 rows, and
// every 65,536 shared strings), with the context's error. No input makes
// the reader panic (FuzzRead01, FuzzReadSheet01, FuzzScanner; the scanner
// reads what encoding/xml reads, the same way).
//
// # Personal data
//
// A Mẫu số 01 list reveals criminal records (legal reference §8). The
// package logs nothing, its errors and problems never quote a cell's value,
// and writing a workbook is the caller's deliberate act; the workbook's
// document properties carry the form's title only.
package xlsx
