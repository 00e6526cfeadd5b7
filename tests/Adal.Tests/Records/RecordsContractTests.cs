using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Adal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Adal.Tests.Records.RecordSteps;

namespace Adal.Tests.Records;

/// <summary>
/// The records API as a client writes it from the issue alone: whichever id of a student it holds, the field names
/// it would guess, the states a change goes through, and ProblemDetails for every refusal; on SQLite and PostgreSQL.
/// </summary>
public abstract class RecordsContractTests<TApp>(TApp app) where TApp : AdalApp
{
    private static async Task<(HttpStatusCode Status, string? MediaType, JsonNode Body)> GetAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, response.Content.Headers.ContentType?.MediaType, text.Length == 0 ? new JsonObject() : JsonNode.Parse(text)!);
    }

    private Task<(string Id, string Number, string Iin)> StudentAsync(string email) =>
        app.InDemoAsync(async (_, db) =>
        {
            var id = (await db.Users.SingleAsync(u => u.Email == email)).Id;
            var student = await db.Students.SingleAsync(s => s.UserId == id);
            return (id.ToString(), student.StudentNumber, student.Iin!);
        });

    [Fact]
    public async Task A_transcript_is_found_by_the_students_id_number_or_iin_and_lists_every_course_with_its_period()
    {
        var (id, number, iin) = await StudentAsync("student@demo.local");
        var student = await app.SignedInAsync("student@demo.local");
        foreach (var key in new[] { id, number, iin })
        {
            var (status, _, transcript) = await GetAsync(student, $"/api/records/students/{key}/transcript");
            Assert.True(status == HttpStatusCode.OK, $"{key}: {(int)status}");
            Assert.Equal((id, number), (transcript["studentId"]!.GetValue<string>(), transcript["studentNumber"]!.GetValue<string>()));
        }

        var registrar = await app.SignedInAsync("registrar@demo.local");
        var (_, _, json) = await GetAsync(registrar, $"/api/records/students/{number}/transcript");
        var courses = json["courses"]!.AsArray();
        Assert.NotEmpty(courses);
        Assert.Equal(Courses(json).Count(), courses.Count);
        var graded = courses.First(c => c!["letter"] is not null)!;
        foreach (var field in new[] { "courseCode", "name", "credits", "score", "letter", "points", "period" })
            Assert.True(graded[field] is not null, $"course field {field}: {graded.ToJsonString()}");
        Assert.Contains(courses, c => c!["courseCode"]!.GetValue<string>() == "ITB1202" && c["period"]!.GetValue<string>() == "2023-2024-2");
        Assert.True(json["gpa"]!.GetValue<decimal>() is > 0 and <= 4);
        Assert.True(json["creditsEarned"]!.GetValue<int>() > 0);

        // Another student's record, by any of its keys, answers as a missing one: 404 ProblemDetails, nothing leaked.
        var (otherId, otherNumber, _) = await StudentAsync("s0002@demo.local");
        foreach (var key in new[] { otherId, otherNumber, "1999-XX-0000", Guid.NewGuid().ToString() })
        {
            var (status, mediaType, problem) = await GetAsync(student, $"/api/records/students/{key}/transcript");
            Assert.Equal((HttpStatusCode.NotFound, "application/problem+json"), (status, mediaType));
            Assert.Equal("Student not found.", problem["title"]!.GetValue<string>());
        }
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(await app.SignedInAsync("teacher@demo.local"), $"/api/records/students/{number}/transcript")).Status);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(await app.SignedInAsync("approver@demo.local"), $"/api/records/students/{otherNumber}/transcript")).Status);
    }

    [Fact]
    public async Task A_grade_is_entered_naming_the_student_and_the_course_the_way_a_client_guesses()
    {
        var teacher = await app.SignedInAsync("teacher@demo.local");
        var offering = await OfferingAsync(teacher, TeachersCourse, CurrentPeriod);
        var offeringId = offering["id"]!.GetValue<string>();
        var open = (await SheetAsync(teacher, offeringId)).Where(r => r!["gradeId"] is null && r["studentNumber"]!.GetValue<string>() != DemoStudent).ToList();
        var (first, second) = (open[0]!, open[1]!);

        // The student's id as the API hands it out, the course's code, no period: the offering open for grading today.
        var grade = await ExpectAsync(teacher, "/api/records/grades",
            new { studentId = first["studentId"]!.GetValue<string>(), course = TeachersCourse, score = 88 }, HttpStatusCode.Created);
        Assert.Equal((88, "B+", 3.33m, CurrentPeriod), (grade["score"]!.GetValue<int>(), grade["letter"]!.GetValue<string>(), grade["points"]!.GetValue<decimal>(), grade["period"]!.GetValue<string>()));
        Assert.True(Guid.TryParse(grade["id"]!.GetValue<string>(), out _));
        // The student number and the offering's id.
        var other = await ExpectAsync(teacher, "/api/records/grades",
            new { student = second["studentNumber"]!.GetValue<string>(), offeringId, score = "49" }, HttpStatusCode.Created);
        Assert.Equal(("FX", 0m), (other["letter"]!.GetValue<string>(), other["points"]!.GetValue<decimal>()));

        var before = await CountsAsync(app);
        var ru = await app.SignedInAsync("teacher@demo.local", "ru");
        async Task<string> ErrorAsync(object body, string field)
        {
            var response = await ru.PostJsonAsync("/api/records/grades", body);
            Assert.Equal((HttpStatusCode.BadRequest, "application/problem+json"), (response.StatusCode, response.Content.Headers.ContentType?.MediaType));
            var problem = await response.ReadJsonAsync();
            Assert.True(problem["errors"]?[field] is not null, problem.ToJsonString());
            return problem["errors"]![field]![0]!.GetValue<string>();
        }
        var third = open[2]!["studentId"]!.GetValue<string>();
        Assert.Equal("Балл — целое число от 0 до 100.", await ErrorAsync(new { studentId = third, course = TeachersCourse, score = 120 }, "score"));
        Assert.StartsWith("Студента с номером", await ErrorAsync(new { studentId = Guid.NewGuid(), course = TeachersCourse, score = 70 }, "studentId"));
        Assert.Equal("Дисциплины с кодом XYZ9999 нет.", await ErrorAsync(new { studentId = third, course = "XYZ9999", score = 70 }, "course"));
        Assert.Equal("Дисциплина в этом периоде не найдена.", await ErrorAsync(new { studentId = third, offeringId = "ISM4105-2026", score = 70 }, "offeringId"));
        Assert.StartsWith("Укажите код периода", await ErrorAsync(new { studentId = third, course = "ISM3203", score = 70 }, "period"));
        Assert.Equal("Обязательное поле.", await ErrorAsync(new { course = TeachersCourse, score = 70 }, "studentNumber"));
        // Another teacher's offering, however it is named: 403 ProblemDetails.
        var forbidden = await ru.PostJsonAsync("/api/records/grades",
            new { studentId = third, offeringId = (await OfferingAsync(await app.SignedInAsync("teacher2@demo.local"), "ISM4106", CurrentPeriod))["id"], score = 70 });
        Assert.Equal((HttpStatusCode.Forbidden, "application/problem+json"), (forbidden.StatusCode, forbidden.Content.Headers.ContentType?.MediaType));
        // Malformed JSON is a 400 ProblemDetails too, never a 500.
        var malformed = await ru.PostAsync("/api/records/grades", new StringContent("{\"score\": ", Encoding.UTF8, "application/json"));
        Assert.Equal((HttpStatusCode.BadRequest, "application/problem+json"), (malformed.StatusCode, malformed.Content.Headers.ContentType?.MediaType));
        Assert.Equal(before, await CountsAsync(app));
    }

    [Fact]
    public async Task A_late_change_says_it_is_pending_and_only_a_second_person_approves_it_through_the_api()
    {
        var teacher = await app.SignedInAsync("teacher@demo.local");
        var past = await OfferingAsync(teacher, "ISM3203", ClosedPeriod);
        var row = (await SheetAsync(teacher, past["id"]!.GetValue<string>())).Single(r => r!["studentNumber"]!.GetValue<string>() == DemoStudent)!;
        Assert.Null(row["pendingChange"]);
        var (gradeId, oldScore) = (row["gradeId"]!.GetValue<string>(), row["score"]!.GetValue<int>());
        var newScore = oldScore >= 95 ? oldScore - 10 : oldScore + 5;

        var response = await teacher.PostJsonAsync($"/api/records/grades/{gradeId}/changes", new { score = newScore, reason = "Appeal protocol No. 3" });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var pending = await response.ReadJsonAsync();
        var changeId = pending["id"]!.GetValue<string>();
        Assert.Equal(("pending", oldScore, newScore, gradeId), (pending["status"]!.GetValue<string>(), pending["oldScore"]!.GetValue<int>(), pending["newScore"]!.GetValue<int>(), pending["gradeId"]!.GetValue<string>()));
        Assert.Equal($"/api/records/changes/{changeId}", response.Headers.Location!.ToString());
        Assert.Equal("pending", (await GetAsync(teacher, $"/api/records/changes/{changeId}")).Body["status"]!.GetValue<string>());

        // Neither the teacher who asked nor the student whose grade it is may approve; the student cannot even see it.
        var studentClient = await app.SignedInAsync("student@demo.local");
        foreach (var client in new[] { teacher, studentClient })
        {
            var refused = await client.PostJsonAsync($"/api/records/changes/{changeId}/approve", new { });
            Assert.Equal((HttpStatusCode.Forbidden, "application/problem+json"), (refused.StatusCode, refused.Content.Headers.ContentType?.MediaType));
        }
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(studentClient, $"/api/records/changes/{changeId}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(teacher, $"/api/records/changes/{Guid.NewGuid()}")).Status);
        var pendingList = (await GetAsync(await app.SignedInAsync("registrar@demo.local"), "/api/records/changes?status=pending")).Body.AsArray();
        Assert.Contains(pendingList, c => c!["id"]!.GetValue<string>() == changeId);

        var approved = await ExpectAsync(await app.SignedInAsync("registrar@demo.local"), $"/api/records/changes/{changeId}/approve", new { }, HttpStatusCode.OK);
        Assert.Equal("approved", approved["status"]!.GetValue<string>());
        Assert.NotNull(approved["ledgerIndex"]);
        Assert.Equal("approved", (await GetAsync(teacher, $"/api/records/changes/{changeId}")).Body["status"]!.GetValue<string>());

        // How a client finds the approval: the OpenAPI document names and describes each step.
        var openApi = JsonNode.Parse(await app.CreateClient().GetStringAsync("/openapi/v1.json"))!["paths"]!;
        foreach (var (path, method) in new[]
        {
            ("/api/records/grades", "post"), ("/api/records/grades/{id}/changes", "post"), ("/api/records/changes/{id}/approve", "post"),
            ("/api/records/changes/{id}/reject", "post"), ("/api/records/changes/{id}", "get"), ("/api/records/students/{id}/transcript", "get"),
            ("/api/records/import", "post"),
        })
            Assert.False(string.IsNullOrWhiteSpace(openApi[path]?[method]?["summary"]?.GetValue<string>()), $"{method} {path}");
    }

    [Fact]
    public async Task Each_kind_of_the_issue_is_checked_by_a_dry_run_that_changes_nothing_and_then_imported()
    {
        var registrar = await app.SignedInAsync("registrar@demo.local");
        Task<(int, int, int, int, int)> TotalsAsync() => app.InDemoAsync(async (_, db) =>
            (await db.Programmes.CountAsync(), await db.Courses.CountAsync(), await db.Students.CountAsync(), await db.Enrolments.CountAsync(), await db.Grades.CountAsync()));
        async Task ImportBothAsync(string kind, string csv, int rows)
        {
            var before = await TotalsAsync();
            var (dryStatus, dry) = await ImportAsync(registrar, kind, csv, dryRun: true);
            Assert.True(dryStatus == HttpStatusCode.OK, $"{kind}: {dry.ToJsonString()}");
            Assert.Equal((true, rows, 0), (dry["ok"]!.GetValue<bool>(), dry["imported"]!.GetValue<int>(), dry["errors"]!.AsArray().Count));
            Assert.Equal(before, await TotalsAsync());
            var (status, real) = await ImportAsync(registrar, kind, csv, dryRun: false);
            Assert.True(status == HttpStatusCode.OK, $"{kind}: {real.ToJsonString()}");
            Assert.Equal((true, rows), (real["ok"]!.GetValue<bool>(), real["imported"]!.GetValue<int>()));
            Assert.NotEqual(before, await TotalsAsync());
        }
        async Task ImportRealAsync(string kind, string csv)
        {
            var (status, report) = await ImportAsync(registrar, kind, csv, dryRun: false);
            Assert.True(status == HttpStatusCode.OK, $"{kind}: {report.ToJsonString()}");
        }

        await ImportBothAsync("programmes", "code;faculty_code;name_kk;name_ru;name_en;level;duration_years;general_credits;basic_credits;major_credits;final_credits\n"
            + "6B06109;FIT;Деректер ғылымы;Наука о данных;Data Science;bachelor;4;56;112;60;12\n", 1);
        await ImportRealAsync("periods", "code;name_kk;name_ru;name_en;starts_on;ends_on;grading_opens_on;grading_closes_on\n"
            + "2020-2021-2;2020–2021 оқу жылы, көктемгі семестр;2020–2021 учебный год, весенний семестр;2020–2021, spring semester;2021-02-01;2021-06-12;2021-04-12;2021-06-12\n");
        await ImportBothAsync("courses", "code;name_kk;name_ru;name_en;credits;component;programme_code\n"
            + "DSC1101;Деректерді талдау;Анализ данных;Data Analysis;5;major;6B06109\n", 1);
        await ImportRealAsync("teachers", "email;full_name\nd.omarov@demo.local;Омаров Дәулет Серікұлы\n");
        await ImportRealAsync("offerings", "course_code;period;teacher_email\nDSC1101;2020-2021-2;d.omarov@demo.local\n");
        await ImportBothAsync("students", "student_number;iin;full_name;email;programme_code;year;status;foreign\n"
            + "2020-6B06109-0001;;Müller Anna;anna.mueller@demo.local;6B06109;4;graduated;yes\n", 1);
        await ImportBothAsync("enrolments", "student_number;course_code;period;kind\n2020-6B06109-0001;DSC1101;2020-2021-2;regular\n", 1);
        await ImportBothAsync("grades", "student_number;course_code;period;score;letter;graded_on\n2020-6B06109-0001;DSC1101;2020-2021-2;91;A-;2021-06-10\n", 1);
        var transcript = await TranscriptAsync(registrar, "2020-6B06109-0001");
        Assert.Equal((3.67m, 5), (transcript["gpa"]!.GetValue<decimal>(), transcript["creditsEarned"]!.GetValue<int>()));

        // A client that uploads the file as a form rather than as the body gets the same check.
        var form = new MultipartFormDataContent { { new ByteArrayContent("email;full_name\nnot-an-address;X\n"u8.ToArray()), "file", "teachers.csv" } };
        var upload = await registrar.PostAsync("/api/records/import?kind=teachers&dryRun=true", form);
        Assert.Equal(HttpStatusCode.BadRequest, upload.StatusCode);
        var uploaded = (await upload.ReadJsonAsync())["errors"]![0]!;
        Assert.Equal((2, "email"), (uploaded["line"]!.GetValue<int>(), uploaded["column"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_file_with_wrong_columns_or_separator_or_an_unknown_kind_is_refused_with_line_column_and_message()
    {
        var registrar = await app.SignedInAsync("registrar@demo.local", "kk");
        var before = await CountsAsync(app);
        const string Grades = "student_number;course_code;period;score;letter;graded_on";
        foreach (var (kind, csv, column, expected) in new (string, string, string?, string)[]
        {
            ("teachers", "email;full_name;phone\nx@demo.local;X;+77010000000\n", "phone", "email;full_name"),
            ("teachers", "full_name;email\nX;x@demo.local\n", "full_name", "email;full_name"),
            ("grades", "student_number;course_code;period;score;letter\n2023-FIT-0001;ITB1101;2023-2024-1;87;B+\n", "graded_on", Grades),
            ("teachers", "email|full_name\nx@demo.local|X\n", null, "email;full_name"),
        })
        {
            var (status, report) = await ImportAsync(registrar, kind, csv, dryRun: false);
            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.Equal((false, 0), (report["ok"]!.GetValue<bool>(), report["imported"]!.GetValue<int>()));
            var error = report["errors"]![0]!.AsObject();
            Assert.Equal(["column", "line", "message"], error.Select(p => p.Key).Order());
            Assert.Equal((1, column), (error["line"]!.GetValue<int>(), error["column"]?.GetValue<string>()));
            Assert.Contains(expected, error["message"]!.GetValue<string>());
        }
        var grades = Grades + $"\n{DemoStudent};ITB1101;2023-2024-1;87;B+\n";
        var (fieldsStatus, fields) = await ImportAsync(registrar, "grades", grades, dryRun: true);
        Assert.Equal((HttpStatusCode.BadRequest, 2), (fieldsStatus, fields["errors"]![0]!["line"]!.GetValue<int>()));
        Assert.Contains("6 мән күтілді, 5 табылды", fields["errors"]![0]!["message"]!.GetValue<string>());

        foreach (var url in new[] { "/api/records/import?kind=marks&dryRun=true", "/api/records/import?dryRun=false" })
        {
            var response = await registrar.PostAsync(url, new StringContent("email;full_name\n", Encoding.UTF8, "text/csv"));
            Assert.Equal((HttpStatusCode.BadRequest, "application/problem+json"), (response.StatusCode, response.Content.Headers.ContentType?.MediaType));
            Assert.StartsWith("Мыналардың бірін таңдаңыз: ", (await response.ReadJsonAsync())["errors"]!["kind"]![0]!.GetValue<string>());
        }
        var csvUtf8 = new ByteArrayContent("email;full_name\n"u8.ToArray());
        csvUtf8.Headers.ContentType = MediaTypeHeaderValue.Parse("text/csv; charset=utf-8");
        Assert.Equal(HttpStatusCode.OK, (await registrar.PostAsync("/api/records/import?kind=teachers&dryRun=true", csvUtf8)).StatusCode);
        Assert.Equal(before, await CountsAsync(app));
    }
}

public sealed class RecordsContractOnSqlite(AdalApp app) : RecordsContractTests<AdalApp>(app), IClassFixture<AdalApp>;

public sealed class RecordsContractOnPostgres(PostgresApp app) : RecordsContractTests<PostgresApp>(app), IClassFixture<PostgresApp>;
