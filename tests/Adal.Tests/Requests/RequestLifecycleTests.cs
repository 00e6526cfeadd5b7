using System.Net;
using System.Net.Http.Headers;
using Adal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Adal.Tests.Requests;

/// <summary>The request life-cycle over HTTP, run on SQLite and on PostgreSQL with the same assertions.</summary>
public abstract class RequestLifecycleTests<TApp>(TApp app) where TApp : AdalApp
{
    [Fact]
    public async Task Enrolled_student_receives_a_certificate_of_study_at_once_and_anyone_can_verify_it()
    {
        var student = await app.SignedInAsync("student@demo.local", "kk");
        var request = await Cases.ApplyAsync(student, new { serviceSlug = "certificate-of-study", fields = new { purpose = "employer", copies = 1 } });

        Assert.Equal("issued", request["state"]!.GetValue<string>());
        var number = request["documentNumber"]!.GetValue<string>();
        Assert.StartsWith("DEMO-2026-", number);
        Assert.DoesNotContain(request["timeline"]!.AsArray(), t => t!["action"]!.GetValue<string>() == "assign");

        var info = await (await student.GetAsync($"/api/documents/{number}")).ReadJsonAsync();
        Assert.Equal(64, info["sha256"]!.GetValue<string>().Length);
        var pdfRequest = new HttpRequestMessage(HttpMethod.Get, $"/api/documents/{number}");
        pdfRequest.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/pdf"));
        var pdf = await (await student.SendAsync(pdfRequest)).Content.ReadAsByteArrayAsync();
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(pdf, 0, 4));

        var anonymous = app.CreateClient();
        var verdict = await (await anonymous.GetAsync($"/api/verify/{number}")).ReadJsonAsync();
        Assert.True(verdict["genuine"]!.GetValue<bool>());
        Assert.Equal("Нұрланова Әйгерім Серікқызы", verdict["holderName"]!.GetValue<string>());

        var byFile = await anonymous.PostAsync("/api/verify", new ByteArrayContent(pdf));
        Assert.Equal(HttpStatusCode.OK, byFile.StatusCode);
        pdf[pdf.Length / 2] ^= 0x01;
        var altered = await anonymous.PostAsync("/api/verify", new ByteArrayContent(pdf));
        Assert.Equal(HttpStatusCode.NotFound, altered.StatusCode);
    }

    [Fact]
    public async Task A_member_of_staff_who_is_not_a_student_receives_a_certificate_of_employment_at_once()
    {
        var teacher = await app.SignedInAsync("teacher@demo.local", "ru");
        var request = await Cases.ApplyAsync(teacher, new
        {
            serviceSlug = "employment-certificate",
            fields = new { department = "Кафедра информационных систем", position = "Старший преподаватель", purpose = "bank", language = "ru", copies = 1 },
        });

        Assert.Equal("issued", request["state"]!.GetValue<string>());
        var number = request["documentNumber"]!.GetValue<string>();
        var verdict = await (await app.CreateClient().GetAsync($"/api/verify/{number}")).ReadJsonAsync();
        Assert.True(verdict["genuine"]!.GetValue<bool>());
        var holder = await app.InDemoAsync((_, db) => db.Users.Where(u => u.Email == "teacher@demo.local").Select(u => u.FullName).SingleAsync());
        Assert.Equal(holder, verdict["holderName"]!.GetValue<string>());
    }

    [Fact]
    public async Task Officer_asks_for_a_correction_student_corrects_and_two_approvers_sign()
    {
        var student = await app.SignedInAsync("student@demo.local");
        var request = await Cases.ApplyAsync(student, new { serviceSlug = "academic-leave", fields = Cases.AcademicLeaveFields() });
        var id = request["id"]!.GetValue<string>();
        Assert.Equal("in_review", request["state"]!.GetValue<string>());
        Assert.NotNull(request["currentStep"]!["dueAt"]);

        var (_, officer) = await Cases.AssigneeAsync(app, id, Cases.Officers);
        var corrected = await Cases.ActAsync(officer, id, new { action = "request_correction", reason = "Медициналық қорытындының күнін көрсетіңіз" });
        Assert.Equal("needs_correction", corrected["state"]!.GetValue<string>());

        // The applicant sees the reason but not who the officer is.
        var seen = await (await student.GetAsync($"/api/requests/{id}")).ReadJsonAsync();
        var correction = seen["timeline"]!.AsArray().Last(t => t!["action"]!.GetValue<string>() == "request_correction")!;
        Assert.Equal("Медициналық қорытындының күнін көрсетіңіз", correction["reason"]!.GetValue<string>());
        Assert.DoesNotContain("Жұмабаев", seen.ToJsonString());

        await Cases.ActAsync(student, id, new { to = "in_review", fields = Cases.AcademicLeaveFields("2027-02-01") });
        var approved = await Cases.ActAsync(officer, id, new { action = "approve" });
        Assert.Equal("in_review", approved["state"]!.GetValue<string>());

        var (firstEmail, first) = await Cases.AssigneeAsync(app, id, Cases.Approvers);
        var signed = await Cases.ActAsync(first, id, new { action = "approve", reason = "Келісемін" });
        Assert.True(signed["currentStep"]!["awaitingSecondSignature"]!.GetValue<bool>());
        // The first signer cannot give the second signature too.
        await Cases.ActAsync(first, id, new { action = "approve" }, HttpStatusCode.Forbidden);

        var (secondEmail, second) = await Cases.AssigneeAsync(app, id, Cases.Approvers);
        Assert.NotEqual(firstEmail, secondEmail);
        var issued = await Cases.ActAsync(second, id, new { action = "approve" });
        Assert.Equal("issued", issued["state"]!.GetValue<string>());
        var actions = issued["timeline"]!.AsArray().Select(t => t!["action"]!.GetValue<string>()).ToList();
        Assert.Equal(["create", "submit", "assign", "request_correction", "resubmit", "approve_step", "assign", "sign", "assign", "countersign", "approve", "issue"], actions);
    }

    [Fact]
    public async Task A_status_read_never_serves_a_stored_view_to_the_wrong_reader_or_after_the_request_moved()
    {
        var student = await app.SignedInAsync("student@demo.local", "kk");
        var request = await Cases.ApplyAsync(student, new { serviceSlug = "academic-leave", fields = Cases.AcademicLeaveFields() });
        var id = request["id"]!.GetValue<string>();
        var (_, officer) = await Cases.AssigneeAsync(app, id, Cases.Officers);

        // Read twice: the second answer is the stored one, and the same.
        var first = await (await student.GetAsync($"/api/requests/{id}")).Content.ReadAsStringAsync();
        Assert.Equal(first, await (await student.GetAsync($"/api/requests/{id}")).Content.ReadAsStringAsync());
        var russian = new HttpRequestMessage(HttpMethod.Get, $"/api/requests/{id}");
        russian.Headers.AcceptLanguage.ParseAdd("ru");
        var inRussian = await (await student.SendAsync(russian)).ReadJsonAsync();
        Assert.Equal("Предоставление академического отпуска", inRussian["serviceName"]!.GetValue<string>());

        // The officer moves it; the applicant's next read shows the move, not the view stored before it.
        await Cases.ActAsync(officer, id, new { action = "request_correction", reason = "Анықтаманың көшірмесін тіркеңіз" });
        var staffView = await (await officer.GetAsync($"/api/requests/{id}")).ReadJsonAsync();
        var officerName = staffView["timeline"]!.AsArray().Last()!["actor"]!.GetValue<string>();
        Assert.NotEqual("Service centre", officerName);

        // Stored for the officer (with names) just now; the applicant still sees only the role.
        var seen = await (await student.GetAsync($"/api/requests/{id}")).ReadJsonAsync();
        Assert.Equal("needs_correction", seen["state"]!.GetValue<string>());
        Assert.DoesNotContain(officerName, seen.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
        Assert.Equal(staffView["timeline"]!.AsArray().Count, seen["timeline"]!.AsArray().Count);
    }

    [Fact]
    public async Task A_change_saved_outside_the_workflow_raises_the_revision_and_shows_on_the_next_read()
    {
        var student = await app.SignedInAsync("student@demo.local");
        var id = Guid.Parse((await Cases.ApplyAsync(student, new { serviceSlug = "academic-leave", fields = Cases.AcademicLeaveFields() }))["id"]!.GetValue<string>());
        var before = await (await student.GetAsync($"/api/requests/{id}")).ReadJsonAsync();
        Assert.Equal(before.ToJsonString(), (await (await student.GetAsync($"/api/requests/{id}")).ReadJsonAsync()).ToJsonString());

        // A job that only moves the deadline, through the host's own context, without touching the revision itself.
        var moved = new DateTime(2026, 12, 4, 6, 0, 0, DateTimeKind.Utc);
        var (revisionBefore, revisionAfter) = await app.InDemoAsync(async (_, db) =>
        {
            var request = await db.Requests.SingleAsync(r => r.Id == id);
            var revision = request.Revision;
            request.StepDueAt = moved;
            await db.SaveChangesAsync();
            return (revision, (await db.Requests.AsNoTracking().SingleAsync(r => r.Id == id)).Revision);
        });

        Assert.Equal(revisionBefore + 1, revisionAfter);
        var after = await (await student.GetAsync($"/api/requests/{id}")).ReadJsonAsync();
        Assert.Equal(moved, after["currentStep"]!["dueAt"]!.GetValue<DateTime>().ToUniversalTime());
    }

    [Fact]
    public async Task A_refusal_or_a_correction_without_a_reason_is_refused_and_changes_nothing()
    {
        var student = await app.SignedInAsync("student@demo.local");
        var id = (await Cases.ApplyAsync(student, new { serviceSlug = "academic-leave", fields = Cases.AcademicLeaveFields() }))["id"]!.GetValue<string>();
        var (_, officer) = await Cases.AssigneeAsync(app, id, Cases.Officers);

        var problem = await Cases.ActAsync(officer, id, new { action = "reject", reason = "  " }, HttpStatusCode.BadRequest);
        Assert.NotNull(problem["errors"]!["reason"]);
        await Cases.ActAsync(officer, id, new { to = "needs_correction" }, HttpStatusCode.BadRequest);

        var after = await (await officer.GetAsync($"/api/requests/{id}")).ReadJsonAsync();
        Assert.Equal("in_review", after["state"]!.GetValue<string>());
        var refused = await Cases.ActAsync(officer, id, new { action = "reject", reason = "Құжаттар толық емес" });
        Assert.Equal("rejected", refused["state"]!.GetValue<string>());
        await Cases.ActAsync(officer, id, new { action = "approve" }, HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Forged_transitions_are_refused()
    {
        var student = await app.SignedInAsync("student@demo.local");
        var id = (await Cases.ApplyAsync(student, new { serviceSlug = "academic-leave", fields = Cases.AcademicLeaveFields() }))["id"]!.GetValue<string>();

        // The applicant cannot decide their own case, nor can an officer who was not assigned it.
        await Cases.ActAsync(student, id, new { action = "approve" }, HttpStatusCode.Forbidden);
        var (assignee, _) = await Cases.AssigneeAsync(app, id, Cases.Officers);
        var other = await app.SignedInAsync(Cases.Officers.First(o => o != assignee));
        await Cases.ActAsync(other, id, new { action = "approve" }, HttpStatusCode.NotFound);
        // Unknown actions and states are validation errors, an action the state does not allow a conflict.
        await Cases.ActAsync(student, id, new { action = "teleport" }, HttpStatusCode.BadRequest);
        await Cases.ActAsync(student, id, new { to = "issued" }, HttpStatusCode.BadRequest);
        await Cases.ActAsync(student, id, new { action = "resubmit" }, HttpStatusCode.Conflict);

        var withdrawn = await Cases.ActAsync(student, id, new { action = "withdraw" });
        Assert.Equal("withdrawn", withdrawn["state"]!.GetValue<string>());
        await Cases.ActAsync(student, id, new { action = "withdraw" }, HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Another_persons_request_is_not_found_for_them()
    {
        var student = await app.SignedInAsync("student@demo.local");
        var id = (await Cases.ApplyAsync(student, new { serviceSlug = "certificate-of-study", fields = new { purpose = "visa", copies = 2 } }))["id"]!.GetValue<string>();
        var applicant = await app.SignedInAsync("applicant@demo.local");

        Assert.Equal(HttpStatusCode.NotFound, (await applicant.GetAsync($"/api/requests/{id}")).StatusCode);
        await Cases.ActAsync(applicant, id, new { action = "withdraw" }, HttpStatusCode.NotFound);
        var number = (await (await student.GetAsync($"/api/requests/{id}")).ReadJsonAsync())["documentNumber"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.NotFound, (await applicant.GetAsync($"/api/documents/{number}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await applicant.GetAsync($"/api/requests/{Guid.NewGuid()}")).StatusCode);
    }

    [Fact]
    public async Task Bad_input_gets_field_errors_in_the_users_language_and_saves_nothing()
    {
        var student = await app.SignedInAsync("student@demo.local", "ru");
        var before = (await (await student.GetAsync("/api/requests")).ReadJsonAsync()).AsArray().Count;

        var missing = await Cases.ApplyAsync(student, new { serviceSlug = "certificate-of-study", fields = new { copies = 9, extra = "x" } }, HttpStatusCode.BadRequest);
        Assert.Equal("Обязательное поле.", missing["errors"]!["purpose"]![0]!.GetValue<string>());
        Assert.NotNull(missing["errors"]!["copies"]);
        Assert.NotNull(missing["errors"]!["extra"]);
        var option = await Cases.ApplyAsync(student, new { serviceSlug = "certificate-of-study", fields = new { purpose = "moon", copies = 1 } }, HttpStatusCode.BadRequest);
        Assert.NotNull(option["errors"]!["purpose"]);
        var nested = await Cases.ApplyAsync(student, new { serviceSlug = "certificate-of-study", fields = new { purpose = new[] { "visa" }, copies = 1 } }, HttpStatusCode.BadRequest);
        Assert.NotNull(nested["errors"]!["purpose"]);
        await Cases.ApplyAsync(student, new { serviceSlug = "no-such-service", fields = new { } }, HttpStatusCode.NotFound);
        await Cases.ApplyAsync(student, new { fields = new { } }, HttpStatusCode.BadRequest);
        // An applicant-only service is not open to an enrolled student.
        await Cases.ApplyAsync(student, new { serviceSlug = "admission-bachelor", fields = new { } }, HttpStatusCode.Forbidden);
        var malformed = await student.PostAsync("/api/requests", new StringContent("{\"serviceSlug\": ", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.DoesNotContain("at Adal", await malformed.Content.ReadAsStringAsync());

        var after = (await (await student.GetAsync("/api/requests")).ReadJsonAsync()).AsArray().Count;
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task A_filing_answers_with_what_a_later_read_of_the_request_shows()
    {
        // The 201 answer is built from the rows the filing wrote; a read in another language (not the view stored by
        // the filing) reads them back from the database.
        var student = await app.SignedInAsync("student@demo.local", "kk");
        var request = await Cases.ApplyAsync(student, new
        {
            serviceSlug = "academic-leave", fields = Cases.AcademicLeaveFields(),
            attachments = new[] { new { key = "medical-commission-conclusion", fileName = "қорытынды.pdf", contentBase64 = Convert.ToBase64String("%PDF-1.4\n%leave\n"u8.ToArray()) } },
        });
        var id = request["id"]!.GetValue<string>();
        var english = new HttpRequestMessage(HttpMethod.Get, $"/api/requests/{id}");
        english.Headers.AcceptLanguage.ParseAdd("en");
        var read = await (await student.SendAsync(english)).ReadJsonAsync();

        Assert.Equal("Академиялық демалыс беру", request["serviceName"]!.GetValue<string>());
        Assert.NotEqual(request["serviceName"]!.GetValue<string>(), read["serviceName"]!.GetValue<string>());
        foreach (var field in new[] { "id", "state", "createdAt", "submittedAt", "documentNumber" })
            Assert.Equal(read[field]?.ToJsonString(), request[field]?.ToJsonString());
        Assert.Equal(read["currentStep"]!.ToJsonString(), request["currentStep"]!.ToJsonString());
        Assert.Equal(read["attachments"]!.ToJsonString(), request["attachments"]!.ToJsonString());
        Assert.Single(request["attachments"]!.AsArray());
        var filed = request["timeline"]!.AsArray();
        var stored = read["timeline"]!.AsArray();
        Assert.Equal(["create", "submit", "assign"], filed.Select(t => t!["action"]!.GetValue<string>()));
        Assert.Equal(stored.Count, filed.Count);
        for (var i = 0; i < filed.Count; i++)
        {
            Assert.Equal(stored[i]!["from"]!.GetValue<string>(), filed[i]!["from"]!.GetValue<string>());
            Assert.Equal(stored[i]!["to"]!.GetValue<string>(), filed[i]!["to"]!.GetValue<string>());
            // PostgreSQL keeps microseconds, .NET ticks of 100 ns: the same instant to the microsecond.
            Assert.Equal(stored[i]!["at"]!.GetValue<DateTime>(), filed[i]!["at"]!.GetValue<DateTime>(), TimeSpan.FromMicroseconds(1));
        }
    }

    [Fact]
    public async Task Attachments_must_be_of_the_declared_type_and_size()
    {
        var student = await app.SignedInAsync("student@demo.local");
        var fields = new Dictionary<string, object>
        {
            ["category"] = "orphan", ["academicYear"] = "2026-2027", ["iban"] = "KZ86125KZT5004100100", ["bankName"] = "Halyk Bank", ["phone"] = "+7 701 123 45 67",
        };
        var definition = await (await student.GetAsync("/api/services/social-scholarship")).ReadJsonAsync();
        foreach (var field in definition["fields"]!.AsArray().Where(f => f!["required"]!.GetValue<bool>() && f["type"]!.GetValue<string>() == "select"))
            fields[field!["name"]!.GetValue<string>()] = field["options"]![0]!["value"]!.GetValue<string>();
        var pdf = Convert.ToBase64String("%PDF-1.4\n%minimal\n"u8.ToArray());
        var exe = Convert.ToBase64String("MZ\x90\0binary"u8.ToArray());
        var huge = Convert.ToBase64String([.. "%PDF-1.4\n"u8.ToArray(), .. new byte[6 * 1024 * 1024]]);

        var wrongType = await Cases.ApplyAsync(student, new
        {
            serviceSlug = "social-scholarship", fields,
            attachments = new[] { new { key = "category-proof", fileName = "proof.pdf", contentBase64 = exe }, new { key = "bank-details", fileName = "bank.pdf", contentBase64 = pdf } },
        }, HttpStatusCode.BadRequest);
        Assert.NotNull(wrongType["errors"]!["attachments.category-proof"]);
        var tooLarge = await Cases.ApplyAsync(student, new
        {
            serviceSlug = "social-scholarship", fields,
            attachments = new[] { new { key = "category-proof", fileName = "proof.pdf", contentBase64 = huge }, new { key = "bank-details", fileName = "bank.pdf", contentBase64 = pdf } },
        }, HttpStatusCode.BadRequest);
        Assert.NotNull(tooLarge["errors"]!["attachments.category-proof"]);
        var missing = await Cases.ApplyAsync(student, new { serviceSlug = "social-scholarship", fields }, HttpStatusCode.BadRequest);
        Assert.NotNull(missing["errors"]!["attachments.bank-details"]);

        var accepted = await Cases.ApplyAsync(student, new
        {
            serviceSlug = "social-scholarship", fields,
            attachments = new[] { new { key = "category-proof", fileName = "proof.pdf", contentBase64 = pdf }, new { key = "bank-details", fileName = "bank.pdf", contentBase64 = pdf } },
        });
        Assert.Equal(2, accepted["attachments"]!.AsArray().Count);
    }

    [Fact]
    public async Task The_api_needs_a_bearer_token_and_refuses_wrong_passwords()
    {
        var anonymous = app.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostJsonAsync("/api/requests", new { serviceSlug = "transcript" })).StatusCode);
        var wrong = await anonymous.PostJsonAsync("/api/auth/login", new { email = "student@demo.local", password = "guess" });
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal("application/problem+json", wrong.Content.Headers.ContentType!.MediaType);
        var empty = await anonymous.PostJsonAsync("/api/auth/login", new { email = "" });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        var good = await (await anonymous.PostJsonAsync("/api/auth/login", new { email = "officer@demo.local", password = Adal.Platform.Identity.AccountSignIn.DemoPassword })).ReadJsonAsync();
        Assert.False(string.IsNullOrEmpty(good["accessToken"]!.GetValue<string>()));
    }
}

public sealed class RequestLifecycleOnSqlite(AdalApp app) : RequestLifecycleTests<AdalApp>(app), IClassFixture<AdalApp>;

public sealed class RequestLifecycleOnPostgres(PostgresApp app) : RequestLifecycleTests<PostgresApp>(app), IClassFixture<PostgresApp>;
