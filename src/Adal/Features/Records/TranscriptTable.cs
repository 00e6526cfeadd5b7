using System.Globalization;
using Adal.Features.Documents;
using Adal.Platform.Localization;

namespace Adal.Features.Records;

/// <summary>The record as a document table: a heading per semester, a row per attempt, the semester's GPA, then the totals.</summary>
internal static class TranscriptTable
{
    public static DocumentTable Build(TranscriptView transcript, IReadOnlyList<TranscriptPeriod> periods, string language)
    {
        string T(string key, params object[] args) => Languages.Text(key, language, args);
        var columns = new DocumentColumn[]
        {
            new(T("Records.Column.Code"), 0.13f),
            new(T("Records.Column.Course"), 0.45f),
            new(T("Records.Column.Credits"), 0.10f, AlignRight: true),
            new(T("Records.Column.Score"), 0.10f, AlignRight: true),
            new(T("Records.Column.Letter"), 0.10f, AlignRight: true),
            new(T("Records.Column.Points"), 0.12f, AlignRight: true),
        };
        var rows = new List<DocumentTableRow>();
        foreach (var period in periods)
        {
            rows.Add(new DocumentTableRow([period.Name], DocumentRowStyle.Heading));
            foreach (var course in period.Courses)
            {
                var name = course.Attempt == EnrolmentKind.Regular ? course.Name : $"{course.Name} ({T($"Records.Attempt.{course.Attempt}")})";
                rows.Add(new DocumentTableRow(
                [
                    course.CourseCode, name, Number(course.Credits), course.Score is { } s ? Number(s) : "",
                    course.CountsInGpa ? course.Letter ?? "" : $"{course.Letter}*", Points(course.Points),
                ]));
            }
            rows.Add(new DocumentTableRow(["", T("Records.SemesterGpa"), Number(period.CreditsGraded), "", "", Points(period.Gpa)], DocumentRowStyle.Total));
        }
        if (periods.Count == 0) rows.Add(new DocumentTableRow([T("Records.NoGrades")], DocumentRowStyle.Heading));
        rows.Add(new DocumentTableRow(["", T("Records.CreditsEarned"), Number(transcript.CreditsEarned), "", "", ""], DocumentRowStyle.Total));
        rows.Add(new DocumentTableRow(["", T("Records.CumulativeGpa"), "", "", "", Points(transcript.Gpa)], DocumentRowStyle.Total));
        var notes = new List<string>();
        if (periods.Any(p => p.Courses.Any(c => !c.CountsInGpa))) notes.Add(T("Records.Note.Replaced"));
        notes.Add(T("Records.Note.Gpa"));
        notes.Add(T("Records.Note.Scale", GradingScale.Describe()));
        return new DocumentTable(columns, rows, notes);
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Points(decimal? points) => points is { } p ? p.ToString("0.00", CultureInfo.InvariantCulture) : "";
}
