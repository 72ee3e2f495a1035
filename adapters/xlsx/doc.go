// Package xlsx exports and imports the forms of Quyết định 22/2023/QĐ-TTg
// as Excel workbooks (.xlsx), with github.com/xuri/excelize/v2: Mẫu số 01,
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
// forms.Layout01 or forms.Layout02, with the column widths of the layout;
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
// A workbook is a zip archive of XML parts, and a small file can unpack to
// gigabytes. The reader takes at most Options.MaxBytes from r (20 MiB by
// default; more is forms.ErrFileTooLarge) and, before excelize opens it,
// checks the archive: at most 10,000 parts, 200 MiB unpacked in all, 16 MiB
// for any part but a worksheet (and 64 MiB for the shared strings), and
// every part unpacking to exactly the size and checksum it declares (a part
// that unpacks to more is a zip bomb: forms.ErrFileTooLarge). A worksheet
// or shared-strings part above 16 MiB is unpacked to a temporary file and
// read as a stream; the table is read row by row, and more rows than
// Options.MaxRows (forms.MaxRows by default) is forms.ErrTooManyRows as
// soon as the row after the last allowed is met. A file that is not a zip
// archive, not a workbook, password-protected (encrypted), or has no sheet
// with the form's headings is forms.ErrNotForm. No input makes the reader
// panic: a panic inside excelize on a damaged workbook is reported as
// forms.ErrNotForm.
//
// # Personal data
//
// A Mẫu số 01 list reveals criminal records (legal reference §8). The
// package logs nothing, its errors and problems never quote a cell's value,
// and writing a workbook is the caller's deliberate act; the workbook's
// document properties carry the form's title only.
package xlsx
