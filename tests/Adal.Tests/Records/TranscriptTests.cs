using System.Globalization;
using System.Net;
using Adal.Features.Documents;
using Adal.Features.Records;
using Adal.Features.University;
using Adal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Adal.Tests.Records.RecordSteps;

namespace Adal.Tests.Records;

/// <summary>Transcripts from the record: the JSON, who may read it, and the PDFs of the three record services; on SQLite and PostgreSQL.</summary>
public abstract class TranscriptTests<TApp>(TApp app) where TApp : AdalApp
{
    private static readonly string[] Registrars = ["registrar@demo.local", "registrar2@demo.local"];

    [Fact]
    public async Task The_transcript_shows_both_attempts_of_a_retaken_course_and_the_gpa_counts_the_latest()
    {
        var student = await app.SignedInAsync("student@demo.local");
        var transcript = await TranscriptAsync(student, await UserIdAsync(app, "student@demo.local"));
        Assert.Equal((DemoStudent, "6B06101"), (transcript["studentNumber"]!.GetValue<string>(), transcript["programme"]!["code"]!.GetValue<string>()));
        var discrete = Courses(transcript).Where(c => c["courseCode"]!.GetValue<string>() == "ITB1202").ToList();
        Assert.Equal(2, discrete.Count);
        Assert.Equal(("FX", "regular", false), (discrete[0]["letter"]!.GetValue<string>(), discrete[0]["attempt"]!.GetValue<string>(), discrete[0]["countsInGpa"]!.GetValue<bool>()));
        Assert.Equal((78, "B-", "resit", true), (discrete[1]["score"]!.GetValue<int>(), discrete[1]["letter"]!.GetValue<string>(), discrete[1]["attempt"]!.GetValue<string>(), discrete[1]["countsInGpa"]!.GetValue<bool>()));
        Assert.Contains(Courses(transcript), c => c["courseCode"]!.GetValue<string>() == "ISM4106" && c["inProgress"]!.GetValue<bool>());

        var counted = Courses(transcript).Where(c => c["countsInGpa"]!.GetValue<bool>()).ToList();
        var weighted = counted.Sum(c => c["points"]!.GetValue<decimal>() * c["credits"]!.GetValue<int>());
        var credits = counted.Sum(c => c["credits"]!.GetValue<int>());
        Assert.Equal(Math.Round(weighted / credits, 2, MidpointRounding.AwayFromZero), transcript["gpa"]!.GetValue<decimal>());
        Assert.Equal(counted.Where(c => c["points"]!.GetValue<decimal>() > 0).Sum(c => c["credits"]!.GetValue<int>()), transcript["creditsEarned"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_transcript_is_read_by_its_student_and_record_staff_only()
    {
        var id = await UserIdAsync(app, "student@demo.local");
        foreach (var email in new[] { "registrar@demo.local", "approver@demo.local", "auditor@demo.local", "admin@demo.local" })
            Assert.Equal(HttpStatusCode.OK, (await (await app.SignedInAsync(email)).GetAsync($"/api/records/students/{id}/transcript")).StatusCode);
        foreach (var email in new[] { "applicant@demo.local", "teacher@demo.local", "officer@demo.local" })
            Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignedInAsync(email)).GetAsync($"/api/records/students/{id}/transcript")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync($"/api/records/students/{id}/transcript")).StatusCode);
    }

    [Fact]
    public async Task A_transcript_ordered_in_Kazakh_for_English_is_generated_from_the_record_with_a_verifiable_code()
    {
        var student = await app.SignedInAsync("student@demo.local", "kk");
        var request = await Cases.ApplyAsync(student, new
        {
            serviceSlug = "transcript",
            fields = new { language = "english", period = "all-semesters", purpose = "employer", format = "electronic", copies = 1 },
        });
        var id = request["id"]!.GetValue<string>();
        var (_, registrar) = await Cases.AssigneeAsync(app, id, Registrars);
        var issued = await Cases.ActAsync(registrar, id, new { action = "approve" });
        Assert.Equal("issued", issued["state"]!.GetValue<string>());
        var number = issued["documentNumber"]!.GetValue<string>();

        var info = await (await student.GetAsync($"/api/documents/{number}")).ReadJsonAsync();
        Assert.Equal("en", info["language"]!.GetValue<string>());
        var pdf = await (await student.GetAsync($"/api/documents/{number}/pdf")).Content.ReadAsByteArrayAsync();
        var text = PdfText(pdf);
        var transcript = await TranscriptAsync(student, await UserIdAsync(app, "student@demo.local"));
        var gpa = transcript["gpa"]!.GetValue<decimal>().ToString("0.00", CultureInfo.InvariantCulture);
        foreach (var expected in new[]
        {
            "Academic transcript", "2023–2024, spring semester", "ITB1202 Discrete Mathematics", "FX*", "Discrete Mathematics (resit after FX)",
            "2025–2026, spring semester", "Web Technologies", $"Cumulative GPA {gpa}", $"Credits earned {transcript["creditsEarned"]}",
            "Replaced by a later attempt", "A 95–100 (4.00)", "FX 25–49 (0.00)",
        })
            Assert.Contains(expected, text);
        // A course still in progress is not on a transcript.
        Assert.DoesNotContain("Machine Learning Fundamentals", text);

        var verdict = await (await app.CreateClient().PostAsync("/api/verify", new ByteArrayContent(pdf))).ReadJsonAsync();
        Assert.True(verdict["genuine"]!.GetValue<bool>());
    }

    [Fact]
    public async Task The_diploma_supplement_is_in_English_and_the_archive_certificate_in_the_language_of_the_request()
    {
        var (graduate, former) = await app.InDemoAsync(async (_, db) =>
            (await db.Students.Where(s => s.Status == StudentStatus.Graduated && s.Programme!.Level == "bachelor").OrderBy(s => s.StudentNumber).Select(s => s.UserId).FirstAsync(),
             await db.Students.Where(s => s.Status == StudentStatus.Withdrawn && db.Enrolments.Any(e => e.StudentId == s.UserId)).OrderBy(s => s.StudentNumber).Select(s => s.UserId).FirstAsync()));
        var (supplement, archive, none, lastSemester) = await app.InDemoAsync(async (scope, _) =>
        {
            var records = scope.GetRequiredService<RecordDocuments>();
            var empty = new Dictionary<string, string>();
            return (await records.ForAsync("diploma-supplement-english", graduate, empty, "kk", CancellationToken.None),
                await records.ForAsync("archive-certificate", former, empty, "ru", CancellationToken.None),
                await records.ForAsync("certificate-of-study", graduate, empty, "kk", CancellationToken.None),
                await records.ForAsync("transcript", graduate, new Dictionary<string, string> { ["language"] = "russian", ["period"] = "last-semester" }, "en", CancellationToken.None));
        });
        Assert.Null(none);
        Assert.Equal(("en", "Course"), (supplement!.Language, supplement.Table.Columns[1].Heading));
        Assert.Contains(supplement.Table.Rows, r => r.Cells.Contains("Writing and Defence of the Diploma Thesis (Project)"));
        Assert.Equal(("ru", "Дисциплина"), (archive!.Language, archive.Table.Columns[1].Heading));
        Assert.Equal(["2025–2026 учебный год, весенний семестр"],
            lastSemester!.Table.Rows.Where(r => r.Style == DocumentRowStyle.Heading).Select(r => r.Cells[0]));

        var content = new DocumentContent("en", "Adal Demo University", "Diploma Supplement", "The record of study.", "Graduate", "DEMO-2026-TESTTEST",
            AdalApp.Start.UtcDateTime, "http://127.0.0.1:5000/verify/DEMO-2026-TESTTEST", 7) { Table = supplement.Table };
        var text = PdfText(DocumentPdf.Render(content));
        Assert.Contains("Writing and Defence of the Diploma", text);
        Assert.Contains("Cumulative GPA", text);
    }
}

public sealed class TranscriptOnSqlite(AdalApp app) : TranscriptTests<AdalApp>(app), IClassFixture<AdalApp>;

public sealed class TranscriptOnPostgres(PostgresApp app) : TranscriptTests<PostgresApp>(app), IClassFixture<PostgresApp>;
