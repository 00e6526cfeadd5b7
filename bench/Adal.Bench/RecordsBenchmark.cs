using System.Diagnostics;
using System.Globalization;
using System.Text;
using Adal.Features.Documents;
using Adal.Features.Records;
using Adal.Features.Records.Csv;
using Adal.Features.Seeding;
using Adal.Platform.Identity;
using Adal.Platform.Persistence;
using Adal.Platform.Tenancy;
using Adal.Platform.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Adal.Bench;

/// <summary>
/// The academic record's two promises, measured on the real host over a SQLite file: (a) 100,000 grade rows
/// import in under 30 s — checked (dry run) and then imported for real, all in one transaction with its ledger
/// entry; (b) a transcript PDF is generated from the record in under 200 ms. The setup (5,000 students, each
/// enrolled in 20 course offerings) goes through the same CSV import, and its timings are reported too.
/// </summary>
internal static class RecordsBenchmark
{
    private const int Courses = 20;
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static async Task<int> RunAsync(bool quick)
    {
        var gradeRows = quick ? 10_000 : 100_000;
        var students = gradeRows / Courses;
        var folder = Directory.CreateTempSubdirectory("adal-records-bench-").FullName;
        try
        {
            Console.WriteLine($"Academic records benchmark on {BenchmarkReport.Machine()}");
            Console.WriteLine($"SQLite file in {folder}; seeding the demo university…");
            var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production", ContentRootPath = folder });
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:Sqlite"] = $"Data Source={Path.Combine(folder, "adal.db")}",
                ["Adal:SeedDemo"] = "true",
                ["Adal:SlaWatch"] = "false",
                ["Adal:KeysPath"] = Path.Combine(folder, "keys"),
                ["Logging:LogLevel:Default"] = "Warning",
            });
            builder.AddAdal();
            await using var app = builder.Build();
            var seed = Stopwatch.StartNew();
            await app.PrepareAsync();
            seed.Stop();

            var results = new List<(string Measure, string Figure)>
            {
                ("seeding the demo university (≈200 students, their record, one transaction)", $"{seed.Elapsed.TotalSeconds:F1} s (with migrations and catalogue)"),
            };
            async Task<ImportReport> ImportAsync(string kind, string csv, bool dryRun, string? measure = null)
            {
                var bytes = Encoding.UTF8.GetBytes(csv);
                await using var scope = app.Services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<AdalDb>();
                var tenant = await db.Tenants.SingleAsync(t => t.Slug == DemoUniversity.Slug);
                scope.ServiceProvider.GetRequiredService<TenantContext>().Enter(tenant.Id, tenant.Slug);
                var registrar = await db.Users.Include(u => u.Roles).SingleAsync(u => u.Email == "registrar@demo.local");
                var actor = new Actor(registrar.Id, tenant.Id, registrar.FullName, registrar.Roles.Select(r => r.Role).ToHashSet(), "en");
                var clock = Stopwatch.StartNew();
                var outcome = await scope.ServiceProvider.GetRequiredService<RecordImporter>().ImportAsync(actor, kind, dryRun, bytes, "en", CancellationToken.None);
                clock.Stop();
                var report = outcome.Value ?? throw new InvalidOperationException(outcome.Failure!.Message);
                if (!report.Ok) throw new InvalidOperationException($"{kind}: {string.Join("; ", report.Errors.Take(5).Select(e => $"line {e.Line} {e.Column}: {e.Message}"))}");
                if (measure is not null)
                {
                    var figure = $"{clock.Elapsed.TotalSeconds:F2} s ({report.Rows / clock.Elapsed.TotalSeconds:N0} rows/s; file {bytes.Length / 1024.0 / 1024:F1} MiB)";
                    results.Add((measure, figure));
                    Console.WriteLine($"{measure}: {figure}");
                }
                return report;
            }

            await ImportAsync("periods", Periods(), dryRun: false);
            await ImportAsync("courses", CoursesCsv(), dryRun: false);
            await ImportAsync("offerings", Offerings(), dryRun: false);
            await ImportAsync("students", Students(students), dryRun: false, $"setup: import {students:N0} students (accounts, IIN check digits)");
            await ImportAsync("enrolments", Enrolments(students), dryRun: false, $"setup: import {gradeRows:N0} enrolments (retake rules checked)");
            var grades = Grades(students);
            await ImportAsync("grades", grades, dryRun: true, $"(a) dry run of {gradeRows:N0} grade rows (every row checked, nothing written)");
            var before = await CountGradesAsync(app);
            await ImportAsync("grades", grades, dryRun: false, $"(a) **import of {gradeRows:N0} grade rows**: one transaction, file kept, one ledger entry");
            var after = await CountGradesAsync(app);
            if (after - before != gradeRows) throw new InvalidOperationException($"Expected {gradeRows} new grades, found {after - before}.");

            await TranscriptAsync(app, results);

            var body = new StringBuilder();
            body.AppendLine(Invariant, $"Run {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC on {BenchmarkReport.Machine()}.");
            body.AppendLine("Command: `dotnet run -c Release --project bench/Adal.Bench -- records` (one run on a SQLite file on local disk, WAL, the real host's services;");
            body.AppendLine("targets from issue 4: 100,000 grade rows in under 30 s, a transcript PDF in under 200 ms).");
            body.AppendLine();
            body.AppendLine("| measure | figure |");
            body.AppendLine("| --- | --- |");
            foreach (var (measure, figure) in results) body.AppendLine(Invariant, $"| {measure.Trim()} | {figure} |");
            Console.WriteLine();
            Console.WriteLine(body);
            if (!quick) BenchmarkReport.WriteSection("Academic records", body.ToString());
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>(b) The demo student's transcript (≈30 graded attempts over 7 periods, two pages): read from the record, laid out, rendered.</summary>
    private static async Task TranscriptAsync(WebApplication app, List<(string Measure, string Figure)> results)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AdalDb>();
        var tenant = await db.Tenants.SingleAsync(t => t.Slug == DemoUniversity.Slug);
        scope.ServiceProvider.GetRequiredService<TenantContext>().Enter(tenant.Id, tenant.Slug);
        var student = await db.Users.SingleAsync(u => u.Email == "student@demo.local");
        var records = scope.ServiceProvider.GetRequiredService<RecordDocuments>();
        var fields = new Dictionary<string, string> { ["language"] = "english", ["period"] = "all-semesters" };
        var (read, render, total) = (new List<double>(), new List<double>(), new List<double>());
        byte[] pdf = [];
        int rows = 0;
        for (var i = 0; i < 55; i++)
        {
            var clock = Stopwatch.StartNew();
            var record = await records.ForAsync(RecordDocuments.Transcript, student.Id, fields, "en", CancellationToken.None);
            var afterRead = clock.Elapsed.TotalMilliseconds;
            var content = new DocumentContent("en", "Adal Demo University", "Academic transcript", "Transcript of the academic record.", student.FullName,
                "DEMO-2026-BENCH000", DateTime.UtcNow, "https://adal.example/verify/DEMO-2026-BENCH000", 12345) { Table = record!.Table };
            pdf = DocumentPdf.Render(content);
            clock.Stop();
            rows = record.Table.Rows.Count;
            if (i < 5) continue; // warm-up: JIT, font loading, EF query compilation
            read.Add(afterRead);
            render.Add(clock.Elapsed.TotalMilliseconds - afterRead);
            total.Add(clock.Elapsed.TotalMilliseconds);
        }
        string P(List<double> values, double q) => values.Order().ElementAt((int)Math.Min(values.Count - 1, Math.Round(q * (values.Count - 1)))).ToString("F1", Invariant);
        results.Add(($"(b) **transcript PDF from the record** ({rows} table rows, {pdf.Length / 1024} KB), 50 runs after 5 warm-up", $"**p50 {P(total, 0.5)} ms, p95 {P(total, 0.95)} ms**"));
        results.Add(("    of which reading the record (EF Core, SQLite) and building the table", $"p50 {P(read, 0.5)} ms, p95 {P(read, 0.95)} ms"));
        results.Add(("    of which rendering the PDF (layout, QR code, fonts embedded)", $"p50 {P(render, 0.5)} ms, p95 {P(render, 0.95)} ms"));
        Console.WriteLine($"(b) transcript p50 {P(total, 0.5)} ms (read {P(read, 0.5)} ms, render {P(render, 0.5)} ms)");
    }

    private static async Task<int> CountGradesAsync(WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AdalDb>().Grades.IgnoreQueryFilters().CountAsync();
    }

    private static string Periods() =>
        "code;name_kk;name_ru;name_en;starts_on;ends_on;grading_opens_on;grading_closes_on\n"
        + "2019-2020-1;2019–2020 оқу жылы, күзгі семестр;2019–2020 учебный год, осенний семестр;2019–2020, autumn semester;2019-09-01;2020-01-17;2019-11-16;2020-01-17\n"
        + "2019-2020-2;2019–2020 оқу жылы, көктемгі семестр;2019–2020 учебный год, весенний семестр;2019–2020, spring semester;2020-02-03;2020-06-13;2020-04-13;2020-06-13\n";

    private static string Course(int c) => $"BEN{100 + c}";

    private static string Period(int c) => c <= Courses / 2 ? "2019-2020-1" : "2019-2020-2";

    private static string CoursesCsv() =>
        "code;name_kk;name_ru;name_en;credits;component;programme_code\n"
        + string.Concat(Enumerable.Range(1, Courses).Select(c => $"{Course(c)};Сынақ пәні {c};Тестовая дисциплина {c};Benchmark course {c};5;major;6B06101\n"));

    private static string Offerings() =>
        "course_code;period;teacher_email\n" + string.Concat(Enumerable.Range(1, Courses).Select(c => $"{Course(c)};{Period(c)};teacher@demo.local\n"));

    private static string Number(int s) => $"2019-BEN-{s:00000}";

    private static string Students(int count)
    {
        var text = new StringBuilder("student_number;iin;full_name;email;programme_code;year;status;foreign\n");
        for (var s = 1; s <= count; s++)
        {
            // One birth date per student, so every IIN is distinct; the check digit comes from the real algorithm.
            var iin = DemoUniversity.MakeIin(new DateOnly(2000, 1, 1).AddDays(s), female: s % 2 == 0, 1000 + s % 7000);
            text.Append(Invariant, $"{Number(s)};{iin};Сынақ Студент {s};b{s:00000}@bench.local;6B06101;4;graduated;no\n");
        }
        return text.ToString();
    }

    private static string Enrolments(int count)
    {
        var text = new StringBuilder("student_number;course_code;period;kind\n");
        for (var s = 1; s <= count; s++)
            for (var c = 1; c <= Courses; c++)
                text.Append(Invariant, $"{Number(s)};{Course(c)};{Period(c)};regular\n");
        return text.ToString();
    }

    private static string Grades(int count)
    {
        var text = new StringBuilder("student_number;course_code;period;score;letter;graded_on\n");
        for (var s = 1; s <= count; s++)
            for (var c = 1; c <= Courses; c++)
            {
                var score = 45 + (s * 37 + c * 11) % 56;
                var day = Period(c) == "2019-2020-1" ? "2020-01-10" : "2020-06-05";
                text.Append(Invariant, $"{Number(s)};{Course(c)};{Period(c)};{score};{GradingScale.ForScore(score).Letter};{day}\n");
            }
        return text.ToString();
    }
}
