using System.Net;
using System.Security.Cryptography;
using System.Text;
using Adal.Features.Seeding;
using Adal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Adal.Tests.Records.RecordSteps;

namespace Adal.Tests.Records;

/// <summary>CSV import and export: dry runs report every bad row and change nothing, real runs are all or nothing; on SQLite and PostgreSQL.</summary>
public abstract class RecordImportTests<TApp>(TApp app) where TApp : AdalApp
{
    private static readonly string ValidIin = DemoUniversity.MakeIin(new DateOnly(2007, 4, 12), female: true, 4401);
    private static readonly string OtherIin = DemoUniversity.MakeIin(new DateOnly(2006, 11, 3), female: false, 5120);
    private static readonly string ThirdIin = DemoUniversity.MakeIin(new DateOnly(2007, 1, 30), female: true, 7002);
    private static readonly string GraduateIin = DemoUniversity.MakeIin(new DateOnly(2000, 8, 21), female: true, 3311);
    private static string Invalid(string iin) => iin[..11] + (char)('0' + (iin[11] - '0' + 1) % 10);

    private static HashSet<(int, string?)> Where(System.Text.Json.Nodes.JsonNode report) =>
        report["errors"]!.AsArray().Select(e => (e!["line"]!.GetValue<int>(), e["column"]?.GetValue<string>())).ToHashSet();

    private Task<int> StudentCountAsync() => app.InDemoAsync((_, db) => db.Students.CountAsync());

    [Fact]
    public async Task A_dry_run_reports_every_bad_row_with_line_and_column_and_changes_nothing()
    {
        var registrar = await app.SignedInAsync("registrar@demo.local", "kk");
        var before = await StudentCountAsync();
        var csv = $"""
            student_number;iin;full_name;email;programme_code;year;status;foreign
            2026-6B06101-9001;{ValidIin};Тоқтарова Аружан Ерланқызы;aruzhan.toktarova@demo.local;6B06101;1;enrolled;no
            2026-6B06101-9002;{Invalid(OtherIin)};Смағұлов Нұрсұлтан Бақытұлы;nursultan.smagulov@demo.local;6B06101;1;enrolled;no
            2026-6B06101-9003;;Chen Wei;chen.wei@demo.local;6B06101;1;enrolled;yes
            2026-6B06101-9004;;Әлиев Тимур Русланұлы;timur.aliyev@demo.local;6B06101;1;enrolled;no
            2026-6B99999-9005;{OtherIin};Омарова Дана Асқарқызы;dana.omarova@demo.local;6B99999;1;enrolled;no
            2026-6B06101-9006;{ThirdIin};Ким Алина;alina.kim@demo.local;6B06101;1;studying;no
            2026-6B06101-9001;;Дубль Дубль;double@demo.local;6B06101;1;enrolled;yes
            2026-6B06101-9008;;Li Na;student@demo.local;6B06101;1;enrolled;yes
            """;
        var (status, report) = await ImportAsync(registrar, "students", csv, dryRun: true);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.False(report["ok"]!.GetValue<bool>());
        Assert.Equal(0, report["imported"]!.GetValue<int>());
        Assert.Equal([(3, "iin"), (5, "iin"), (6, "programme_code"), (7, "status"), (8, "student_number"), (9, "email")], Where(report).Order());
        var iin = report["errors"]!.AsArray().First(e => e!["line"]!.GetValue<int>() == 3)!["message"]!.GetValue<string>();
        Assert.Equal($"{Invalid(OtherIin)} — жарамсыз ЖСН: бақылау цифры дұрыс 12 цифр болуы керек.", iin);
        Assert.Equal(before, await StudentCountAsync());

        // The good rows alone pass the check, still without writing anything; then the real run writes them.
        var good = string.Join('\n', csv.Split('\n').Where((_, i) => i is 0 or 1 or 3));
        var (dryStatus, dry) = await ImportAsync(registrar, "students", good, dryRun: true);
        Assert.Equal((HttpStatusCode.OK, true, 2), (dryStatus, dry["ok"]!.GetValue<bool>(), dry["imported"]!.GetValue<int>()));
        Assert.Equal(before, await StudentCountAsync());
        var (realStatus, real) = await ImportAsync(registrar, "students", good, dryRun: false);
        Assert.Equal((HttpStatusCode.OK, 2), (realStatus, real["imported"]!.GetValue<int>()));
        Assert.Equal(before + 2, await StudentCountAsync());
        var foreign = await app.InDemoAsync((_, db) => db.Students.SingleAsync(s => s.StudentNumber == "2026-6B06101-9003"));
        Assert.Equal((true, null), (foreign.IsForeign, foreign.Iin));

        // The file itself is kept, and its SHA-256 is the ledger's entry for the import.
        var sha = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(good)));
        var (kind, stored, index) = await app.InDemoAsync(async (_, db) =>
        {
            var import = await db.RecordImports.SingleAsync(i => i.Sha256 == sha);
            return (import.Kind, import.Content, import.LedgerIndex!.Value);
        });
        Assert.Equal(("students", good), (kind, Encoding.UTF8.GetString(stored)));
        var (entry, _, _) = await LedgerEntryAsync(app, index);
        Assert.Equal("records.imported", entry.EventType);
        Assert.Equal(Convert.FromHexString(sha), entry.Field("sha256")!.Value.ToArray());
    }

    [Fact]
    public async Task A_new_programme_is_imported_file_by_file_and_a_grades_file_with_one_bad_row_imports_nothing()
    {
        var registrar = await app.SignedInAsync("registrar@demo.local");
        async Task ImportedAsync(string kind, string csv, int rows)
        {
            var (status, report) = await ImportAsync(registrar, kind, csv, dryRun: false);
            Assert.True(status == HttpStatusCode.OK, report.ToJsonString());
            Assert.Equal(rows, report["imported"]!.GetValue<int>());
        }
        await ImportedAsync("programmes", "code,faculty_code,name_kk,name_ru,name_en,level,duration_years,general_credits,basic_credits,major_credits,final_credits\n"
            + "6B06103,FIT,Компьютерлік ғылымдар,Компьютерные науки,Computer Science,bachelor,4,56,112,60,12\n", 1);
        await ImportedAsync("periods", "code;name_kk;name_ru;name_en;starts_on;ends_on;grading_opens_on;grading_closes_on\n"
            + "2021-2022-2;2021–2022 оқу жылы, көктемгі семестр;2021–2022 учебный год, весенний семестр;2021–2022, spring semester;02.02.2022;13.06.2022;2022-04-13;2022-06-13\n", 1);
        await ImportedAsync("courses", "code;name_kk;name_ru;name_en;credits;component;programme_code\n"
            + "CSC2201;Компиляторлар теориясы;Теория компиляторов;Compiler Theory;6;major;6B06103\n", 1);
        await ImportedAsync("teachers", "email;full_name\nt.seitkali@demo.local;Сейітқали Арман Болатұлы\n", 1);
        await ImportedAsync("offerings", "course_code;period;teacher_email\nCSC2201;2021-2022-2;t.seitkali@demo.local\n", 1);
        await ImportedAsync("students", "student_number;iin;full_name;email;programme_code;year;status;foreign\n"
            + $"2021-6B06103-0001;{GraduateIin};Байжанова Томирис Маратқызы;tomiris.baizhanova@demo.local;6B06103;4;graduated;no\n"
            + "2021-6B06103-0002;;\"Nguyen, Van An\";van.an.nguyen@demo.local;6B06103;4;graduated;yes\n", 2);
        await ImportedAsync("enrolments", "student_number;course_code;period;kind\n2021-6B06103-0001;CSC2201;2021-2022-2;\n2021-6B06103-0002;CSC2201;2021-2022-2;regular\n", 2);

        var before = await CountsAsync(app);
        var header = "student_number;course_code;period;score;letter;graded_on\n";
        var bad = header
            + "2021-6B06103-0001;CSC2201;2021-2022-2;88;B+;2022-06-10\n"
            + "2021-6B06103-0002;CSC2201;2021-2022-2;101;;\n"
            + "2021-6B06103-0002;CSC2201;2021-2022-2;70;A;\n"
            + $"{DemoStudent};CSC2201;2021-2022-2;90;;\n"
            + $"{DemoStudent};{TeachersCourse};{CurrentPeriod};90;;\n"
            + $"{DemoStudent};ITB1101;2023-2024-1;90;;\n"
            + "2021-6B06103-0002;NOPE101;2021-2022-2;90;;\n";
        var (status, report) = await ImportAsync(registrar, "grades", bad, dryRun: false);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal([(3, "score"), (4, "letter"), (5, "student_number"), (6, "period"), (7, "score"), (8, "course_code")], Where(report).Order());
        Assert.Equal(before, await CountsAsync(app));

        var good = header + "2021-6B06103-0001;CSC2201;2021-2022-2;88;B+;2022-06-10\n2021-6B06103-0002;CSC2201;2021-2022-2;64;c-;\n";
        var (okStatus, ok) = await ImportAsync(registrar, "grades", good, dryRun: false);
        Assert.True(okStatus == HttpStatusCode.OK, ok.ToJsonString());
        Assert.Equal((before.Grades + 2, before.Ledger + 1), await CountsAsync(app));
        var transcript = await TranscriptAsync(registrar, await UserIdAsync(app, "tomiris.baizhanova@demo.local"));
        Assert.Equal((3.33m, 6), (transcript["gpa"]!.GetValue<decimal>(), transcript["creditsEarned"]!.GetValue<int>()));

        // The export carries the same rows; importing it again would overwrite grades, which an import never does.
        var export = await (await registrar.GetAsync("/api/records/export?kind=grades")).Content.ReadAsStringAsync();
        Assert.Contains("2021-6B06103-0002;CSC2201;2021-2022-2;64;C-;", export);
        var lines = export.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var (againStatus, again) = await ImportAsync(registrar, "grades", string.Join("\n", lines.Take(40)), dryRun: true);
        Assert.Equal(HttpStatusCode.BadRequest, againStatus);
        Assert.Equal(39, again["errors"]!.AsArray().Count);
    }

    [Fact]
    public async Task Files_in_the_wrong_encoding_separator_or_columns_are_refused_and_only_the_registry_may_import()
    {
        var registrar = await app.SignedInAsync("registrar@demo.local", "ru");
        byte[] windows1251 = [.. Encoding.UTF8.GetBytes("email;full_name\n"), 0xC8, 0xE2, 0xE0, 0xED, 0xEE, 0xE2, (byte)'\n'];
        var (status, report) = await ImportAsync(registrar, "teachers", windows1251, dryRun: true);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        var error = report["errors"]![0]!;
        Assert.Equal(2, error["line"]!.GetValue<int>());
        Assert.Equal("Строка 2 не в кодировке UTF-8 (возможно, Windows-1251): сохраните файл как «CSV UTF-8».", error["message"]!.GetValue<string>());

        var (tabStatus, tabs) = await ImportAsync(registrar, "teachers", "email\tfull_name\nx@demo.local\tX\n", dryRun: true);
        Assert.Equal(HttpStatusCode.BadRequest, tabStatus);
        Assert.StartsWith("Столбцы разделены табуляцией", tabs["errors"]![0]!["message"]!.GetValue<string>());
        var (columnStatus, columns) = await ImportAsync(registrar, "teachers", "e-mail;full_name\nx@demo.local;X\n", dryRun: true);
        Assert.Equal(HttpStatusCode.BadRequest, columnStatus);
        Assert.Equal("e-mail", columns["errors"]![0]!["column"]!.GetValue<string>());
        var (rowStatus, rows) = await ImportAsync(registrar, "teachers", "email;full_name\nx@demo.local,X\n", dryRun: true);
        Assert.Equal((HttpStatusCode.BadRequest, 2), (rowStatus, rows["errors"]![0]!["line"]!.GetValue<int>()));

        var (kindStatus, kind) = await ImportAsync(registrar, "marks", "a;b\n", dryRun: true);
        Assert.Equal(HttpStatusCode.BadRequest, kindStatus);
        Assert.NotNull(kind["errors"]!["kind"]);
        foreach (var email in new[] { "student@demo.local", "teacher@demo.local", "officer@demo.local" })
            Assert.Equal(HttpStatusCode.Forbidden, (await ImportAsync(await app.SignedInAsync(email), "teachers", "email;full_name\n", dryRun: true)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().PostAsync("/api/records/import?kind=teachers", new StringContent("email;full_name\n", Encoding.UTF8, "text/csv"))).StatusCode);
    }

    [Fact]
    public async Task An_export_reimports_unchanged_but_a_closed_window_never_reopens_and_graded_credits_never_change()
    {
        var registrar = await app.SignedInAsync("registrar@demo.local");
        var response = await registrar.GetAsync("/api/records/export?kind=courses");
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes[3..]);
        Assert.StartsWith("code;name_kk;name_ru;name_en;credits;component;programme_code\r\n", text);
        Assert.Contains("LAW4106;Сыбайлас жемқорлыққа қарсы іс-қимыл;Противодействие коррупции;Anti-Corruption Law;7;major;6B04201", text);
        var courses = await app.InDemoAsync((_, db) => db.Courses.CountAsync());
        var (status, report) = await ImportAsync(registrar, "courses", bytes, dryRun: false);
        Assert.True(status == HttpStatusCode.OK, report.ToJsonString());
        Assert.Equal(courses, report["imported"]!.GetValue<int>());
        Assert.Equal(courses, await app.InDemoAsync((_, db) => db.Courses.CountAsync()));

        var credits = await ImportAsync(registrar, "courses", text.Split("\r\n")[0] + "\nITB1101;Бағдарламалау негіздері;Основы программирования;Programming Fundamentals;8;basic;\n", dryRun: true);
        Assert.Equal((2, "credits"), Where(credits.Body).Single());

        var periods = await (await registrar.GetAsync("/api/records/export?kind=periods")).Content.ReadAsStringAsync();
        var spring = periods.Split("\r\n").Single(l => l.StartsWith(ClosedPeriod + ";", StringComparison.Ordinal));
        var reopened = string.Join(';', spring.Split(';')[..7]) + ";2027-01-31";
        var (reopenStatus, reopen) = await ImportAsync(registrar, "periods", periods.Split("\r\n")[0].TrimStart('\uFEFF') + "\n" + reopened + "\n", dryRun: false);
        Assert.Equal(HttpStatusCode.BadRequest, reopenStatus);
        Assert.Equal((2, "grading_closes_on"), Where(reopen).Single());
        Assert.Equal(new DateOnly(2026, 6, 13), await app.InDemoAsync(async (_, db) => (await db.AcademicPeriods.SingleAsync(p => p.Code == ClosedPeriod)).GradingClosesOn));
    }
}

public sealed class RecordImportOnSqlite(AdalApp app) : RecordImportTests<AdalApp>(app), IClassFixture<AdalApp>;

public sealed class RecordImportOnPostgres(PostgresApp app) : RecordImportTests<PostgresApp>(app), IClassFixture<PostgresApp>;
