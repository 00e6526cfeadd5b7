using System.Net;
using System.Text.RegularExpressions;
using Adal.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using static Adal.Tests.Records.RecordSteps;

namespace Adal.Tests.Records;

/// <summary>The record's pages as people use them in the browser: cookie sign-in, anti-forgery tokens, Kazakh by default.</summary>
public sealed partial class RecordPagesTests(AdalApp app) : IClassFixture<AdalApp>
{
    private async Task<HttpClient> SiteAsync(string email, string language = "kk")
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        var token = await TokenAsync(client, "/account/login");
        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = email, ["password"] = Adal.Platform.Identity.AccountSignIn.DemoPassword, ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    private static async Task<string> TokenAsync(HttpClient client, string page) => AntiForgery().Match(await client.GetStringAsync(page)).Groups[1].Value;

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiForgery();

    [Fact]
    public async Task A_student_reads_their_record_and_gpa_in_Kazakh()
    {
        var site = await SiteAsync("student@demo.local");
        var html = await site.GetStringAsync("/records");
        var transcript = await TranscriptAsync(await app.SignedInAsync("student@demo.local"), await UserIdAsync(app, "student@demo.local"));
        foreach (var expected in new[]
        {
            "Оқу үлгерімі", "Орташа өлшенген балл (GPA)", transcript["gpa"]!.GetValue<decimal>().ToString("0.00", System.Globalization.CultureInfo.InvariantCulture),
            "Дискретті математика", "FX-тен кейін қайта тапсыру", "кейінгі әрекетпен алмастырылды", "Машиналық оқыту негіздері", "оқылуда",
            "2023–2024 оқу жылы, жазғы семестр", "Бейіндеуші пәндер",
        })
            Assert.Contains(expected, html);
        Assert.Contains("href=\"/records\"", html);
        Assert.DoesNotContain("href=\"/gradebook\"", html);
    }

    [Fact]
    public async Task A_teacher_saves_a_sheet_of_scores_and_a_typo_saves_none_of_them()
    {
        var api = await app.SignedInAsync("teacher@demo.local");
        var offering = (await OfferingAsync(api, "ITB1101", CurrentPeriod))["id"]!.GetValue<string>();
        var rows = await SheetAsync(api, offering);
        var (first, second) = (rows[0]!["enrolmentId"]!.GetValue<string>(), rows[1]!["enrolmentId"]!.GetValue<string>());
        var site = await SiteAsync("teacher@demo.local");
        Assert.Contains($"/gradebook/{offering}", await site.GetStringAsync("/gradebook"));
        var before = await CountsAsync(app);

        var token = await TokenAsync(site, $"/gradebook/{offering}");
        var typo = await site.PostAsync($"/gradebook/{offering}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            [$"score[{first}]"] = "88", [$"score[{second}]"] = "8,5", ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.BadRequest, typo.StatusCode);
        Assert.Contains("Балл — 0-ден 100-ге дейінгі бүтін сан.", await typo.Content.ReadAsStringAsync());
        Assert.Equal(before, await CountsAsync(app));

        var saved = await site.PostAsync($"/gradebook/{offering}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            [$"score[{first}]"] = "88", [$"score[{second}]"] = "67", ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains("Сақталған бағалар: 2.", await site.GetStringAsync(saved.Headers.Location!.ToString()));
        var after = await SheetAsync(api, offering);
        Assert.Equal((88, "B+"), (after.Single(r => r!["enrolmentId"]!.GetValue<string>() == first)!["score"]!.GetValue<int>(), after.Single(r => r!["enrolmentId"]!.GetValue<string>() == first)!["letter"]!.GetValue<string>()));
        Assert.Equal(67, after.Single(r => r!["enrolmentId"]!.GetValue<string>() == second)!["score"]!.GetValue<int>());
        // Two grades, two grade.entered entries, committed together.
        Assert.Equal((before.Grades + 2, before.Ledger + 2), await CountsAsync(app));
    }

    [Fact]
    public async Task The_registrar_approves_a_change_on_the_grade_changes_page()
    {
        var site = await SiteAsync("registrar@demo.local");
        var html = await site.GetStringAsync("/records/changes");
        Assert.Contains("Апелляция комиссиясы емтихан жұмысын қайта тексергенде", html);
        var change = await app.InDemoAsync(async (_, db) => (await db.GradeChanges.SingleAsync(c => c.Status == "pending" && c.Reason!.StartsWith("Апелляция"))).Id);
        var token = await TokenAsync(site, "/records/changes");
        var response = await site.PostAsync("/records/changes", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["change"] = change.ToString(), ["decision"] = "approve", ["reason"] = "Хаттама № 7 тексерілді", ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var after = await site.GetStringAsync("/records/changes");
        Assert.Contains("state-approved", after);
        Assert.Contains("Хаттама № 7 тексерілді", after);
        Assert.Equal("approved", await app.InDemoAsync(async (_, db) => (await db.GradeChanges.SingleAsync(c => c.Id == change)).Status));
    }

    [Fact]
    public async Task The_registrar_checks_an_import_file_on_the_import_page()
    {
        var site = await SiteAsync("registrar@demo.local", "ru");
        var token = await TokenAsync(site, "/records/import");
        var form = new MultipartFormDataContent
        {
            { new StringContent("teachers"), "kind" },
            { new StringContent("true"), "dryRun" },
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent("email;full_name\nnot-an-address;Иванов Иван\n"u8.ToArray()), "file", "teachers.csv" },
        };
        var response = await site.PostAsync("/records/import", form);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Неверный адрес электронной почты.", html);
        Assert.Contains("<td class=\"num\">2</td><td>email</td>", html);
        var export = await site.GetAsync("/records/import?handler=export&kind=students");
        Assert.Equal("text/csv", export.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Each_page_is_for_its_own_people()
    {
        var student = await SiteAsync("student@demo.local");
        Assert.Equal("/account/denied", (await student.GetAsync("/gradebook")).Headers.Location!.AbsolutePath);
        Assert.Equal("/account/denied", (await student.GetAsync("/records/changes")).Headers.Location!.AbsolutePath);
        var other = await UserIdAsync(app, "s0002@demo.local");
        Assert.Equal(HttpStatusCode.NotFound, (await student.GetAsync($"/records/{other}")).StatusCode);
        var teacher = await SiteAsync("teacher@demo.local");
        Assert.Equal("/account/denied", (await teacher.GetAsync("/records/import")).Headers.Location!.AbsolutePath);
        var foreignSheet = (await OfferingAsync(await app.SignedInAsync("teacher2@demo.local"), "ISM4106", CurrentPeriod))["id"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.NotFound, (await teacher.GetAsync($"/gradebook/{foreignSheet}")).StatusCode);
        var registrar = await SiteAsync("registrar@demo.local");
        Assert.Contains("Нұрланова", await registrar.GetStringAsync($"/records/students?q={DemoStudent}"));
        Assert.Equal(HttpStatusCode.OK, (await registrar.GetAsync($"/records/{other}")).StatusCode);
    }
}
