namespace Adal.Features.Documents;

/// <summary>
/// A table printed after the body, such as a transcript's courses: columns with their share of the width, the
/// rows, and notes in small print under it. Rows are kept whole across pages and the column headings repeat.
/// </summary>
public sealed record DocumentTable(IReadOnlyList<DocumentColumn> Columns, IReadOnlyList<DocumentTableRow> Rows, IReadOnlyList<string> Notes);

/// <param name="Share">The column's part of the text width; the shares of a table add up to 1.</param>
public sealed record DocumentColumn(string Heading, float Share, bool AlignRight = false);

/// <summary>Heading: the first cell spans the table, in bold (a semester). Total: the row in bold (a GPA).</summary>
public enum DocumentRowStyle { Normal, Heading, Total }

public sealed record DocumentTableRow(IReadOnlyList<string> Cells, DocumentRowStyle Style = DocumentRowStyle.Normal);
