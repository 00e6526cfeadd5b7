using Adal.Features.Documents;
using Adal.Platform.Localization;
using Adal.Platform.Persistence;

namespace Adal.Features.Records;

/// <summary>What a record-based document prints beyond its template: the language it is written in and the table of the record.</summary>
public sealed record RecordDocument(string Language, DocumentTable Table);

/// <summary>
/// The documents generated from the academic record, never typed: the transcript (in the language the applicant
/// chose, for the period chosen), the Diploma Supplement (always in English) and the archive certificate
/// (in the language of the request). Each carries the courses, credits, grades and GPA as a table.
/// </summary>
public sealed class RecordDocuments(AdalDb db)
{
    public const string Transcript = "transcript";
    public const string DiplomaSupplement = "diploma-supplement-english";
    public const string ArchiveCertificate = "archive-certificate";

    public static readonly IReadOnlySet<string> Services = new HashSet<string> { Transcript, DiplomaSupplement, ArchiveCertificate };

    public async Task<RecordDocument?> ForAsync(string serviceSlug, Guid holderId, IReadOnlyDictionary<string, string> fields, string requestLanguage, CancellationToken ct)
    {
        if (!Services.Contains(serviceSlug)) return null;
        var language = serviceSlug switch
        {
            DiplomaSupplement => Languages.English,
            Transcript => fields.GetValueOrDefault("language") switch
            {
                "kazakh" => Languages.Kazakh,
                "russian" => Languages.Russian,
                "english" => Languages.English,
                _ => requestLanguage,
            },
            _ => requestLanguage,
        };
        var transcript = await Transcripts.LoadAsync(db, holderId, language, ct);
        if (transcript is null) return null;
        var periods = serviceSlug == Transcript ? Covered(transcript.Periods, fields.GetValueOrDefault("period")) : Graded(transcript.Periods);
        return new RecordDocument(language, TranscriptTable.Build(transcript, periods, language));
    }

    /// <summary>The transcript's "period" field: all completed semesters, the most recent academic year, or the most recent semester.</summary>
    internal static IReadOnlyList<TranscriptPeriod> Covered(IReadOnlyList<TranscriptPeriod> periods, string? choice)
    {
        var graded = Graded(periods);
        if (graded.Count == 0) return graded;
        return choice switch
        {
            "last-semester" => [graded[^1]],
            "last-year" => graded.Where(p => AcademicYear(p.StartsOn) == AcademicYear(graded[^1].StartsOn)).ToList(),
            _ => graded,
        };
    }

    /// <summary>Periods with at least one grade: a semester still in progress is not on a transcript.</summary>
    private static List<TranscriptPeriod> Graded(IReadOnlyList<TranscriptPeriod> periods) =>
        periods.Where(p => p.Courses.Any(c => !c.InProgress))
            .Select(p => p with { Courses = p.Courses.Where(c => !c.InProgress).ToList() }).ToList();

    // The academic year runs from September to August: a period starting in January–August belongs to the year before.
    private static int AcademicYear(DateOnly starts) => starts.Month >= 9 ? starts.Year : starts.Year - 1;
}
