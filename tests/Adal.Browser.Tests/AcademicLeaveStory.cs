using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Adal.Browser.Tests;

/// <summary>
/// The single window end to end, on a phone, in Kazakh: a student applies for academic leave, the officer the system
/// chose asks for a correction, two approvers sign, the student downloads the PDF and anyone can check it.
/// </summary>
[Collection(AdalInChromium.Name)]
public sealed class AcademicLeaveStory(AdalSite site, ITestOutputHelper output) : IAsyncLifetime
{
    private const string StudentName = "Нұрланова Әйгерім Серікқызы";
    private static readonly string[] Officers = ["officer@demo.local", "officer2@demo.local", "officer3@demo.local"];
    private static readonly string[] Approvers = ["approver@demo.local", "approver2@demo.local"];

    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private int _hostLogMark;

    public Task InitializeAsync()
    {
        _hostLogMark = site.HostLogLines;
        return Task.CompletedTask;
    }

    /// <summary>When a page shows "an error on our side", the reason is in the host's log: show it with the test.</summary>
    public Task DisposeAsync()
    {
        var log = site.HostLogSince(_hostLogMark);
        if (log.Count > 0) output.WriteLine($"The host printed during this story:{Environment.NewLine}{string.Join(Environment.NewLine, log)}");
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Student_applies_in_Kazakh_officer_asks_correction_approvers_sign_and_public_verifies_the_pdf()
    {
        var firstDay = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(5)).AddDays(14);
        var lastDay = firstDay.AddYears(1).AddDays(-1);
        var correctedLastDay = firstDay.AddMonths(6).AddDays(-1);

        // 1. The student finds the service in the catalogue and applies.
        await using var student = await Visitor.SignedInAsync(site, "student@demo.local");
        var page = student.Page;
        await page.GotoAsync("/");
        await page.FillAsync("input[name=q]", "академиялық демалыс");
        await page.Locator("form[role=search] button[type=submit]").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/\?q="));
        var card = page.Locator("ul.cards a[href='/services/academic-leave']");
        await Expect(card).ToHaveTextAsync("Академиялық демалыс беру");
        var catalogue = await Shoot(page, "01-student-catalogue-search");
        site.Screenshots.Document(catalogue, "student-catalogue-kk.png");

        await card.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/services/academic-leave$"));
        await Expect(page.Locator("h1")).ToHaveTextAsync("Академиялық демалыс беру");
        await Shoot(page, "02-student-service");

        await page.Locator("main a.button[href='/services/academic-leave/apply']").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/services/academic-leave/apply$"));
        await page.SelectOptionAsync("select[name='f.leaveReason']", "medical");
        await page.FillAsync("input[name='f.startDate']", Iso(firstDay));
        await page.FillAsync("input[name='f.endDate']", Iso(lastDay));
        await page.FillAsync("textarea[name='f.comment']", "ДКК қорытындысы қоса беріліп отыр.");
        await page.SetInputFilesAsync("input[name='a.medical-commission-conclusion']", new FilePayload
        {
            Name = "dkk-qorytyndy.pdf",
            MimeType = "application/pdf",
            Buffer = MinimalPdf,
        });
        await Shoot(page, "03-student-apply-form");
        await page.Locator("button[name=submit][value=true]").ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/requests/[0-9a-f-]{36}$"));
        var requestId = Regex.Match(page.Url, "/requests/([0-9a-f-]{36})$").Groups[1].Value;
        var state = page.Locator("[data-state]");
        await Expect(state).ToHaveAttributeAsync("data-state", "in_review");
        await Expect(state).ToHaveTextAsync("Қаралуда");
        await Expect(page.Locator("main")).ToContainTextAsync("dkk-qorytyndy.pdf");
        await Shoot(page, "04-student-request-in-review");

        // 2. Nobody chose the officer: exactly one of the three has the case in their queue.
        var caseLink = $"a[href='/queue/{requestId}']";
        await using var officer = await TheOneWithTheCaseAsync(Officers, caseLink, "05-officer-queue");
        var desk = officer.Page;
        await desk.Locator(caseLink).ClickAsync();
        await Expect(desk.Locator("main .lead")).ToContainTextAsync(StudentName);
        const string reason = "Демалыстың аяқталу күнін ДКК қорытындысына сәйкес түзетіңіз: алты ай.";
        await desk.FillAsync("textarea[name=reason]", reason);
        await Shoot(desk, "06-officer-case-correction");
        await desk.Locator("button[name=decision][value=request_correction]").ClickAsync();
        await Expect(desk).ToHaveURLAsync(new Regex("/queue$"));
        await Expect(desk.Locator(caseLink)).ToHaveCountAsync(0);

        // 3. The student reads the reason, corrects the end date and sends it back.
        await page.GotoAsync($"/requests/{requestId}");
        await Expect(state).ToHaveAttributeAsync("data-state", "needs_correction");
        var correction = page.Locator("section.correction");
        await Expect(correction.Locator("blockquote")).ToHaveTextAsync(reason);
        await Expect(correction.Locator("input[name='f.endDate']")).ToHaveValueAsync(Iso(lastDay));
        await correction.Locator("input[name='f.endDate']").FillAsync(Iso(correctedLastDay));
        await Shoot(page, "07-student-correction");
        var resubmit = correction.GetByRole(AriaRole.Button, new() { Name = "Түзетуді жіберу" });
        await Expect(correction.Locator("form")).ToHaveAttributeAsync("action", new Regex("handler=resubmit"));
        await resubmit.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/requests/{requestId}$"));
        await Expect(state).ToHaveAttributeAsync("data-state", "in_review");
        await Expect(page.Locator("dl.facts")).ToContainTextAsync(Kazakh(correctedLastDay));
        await Shoot(page, "08-student-resubmitted");

        // 4. The same officer approves; then four eyes: one approver signs, the other countersigns.
        await desk.GotoAsync("/queue");
        await desk.Locator(caseLink).ClickAsync();
        await desk.Locator("button[name=decision][value=approve]").ClickAsync();
        await Expect(desk).ToHaveURLAsync(new Regex("/queue$"));
        await Shoot(desk, "09-officer-approved");

        await using (var first = await TheOneWithTheCaseAsync(Approvers, caseLink, "10-first-approver-queue"))
        {
            await first.Page.Locator(caseLink).ClickAsync();
            await Expect(first.Page.Locator("button[name=decision][value=approve]")).ToHaveTextAsync("Қол қою (бірінші қолтаңба)");
            await first.Page.Locator("button[name=decision][value=approve]").ClickAsync();
            await Expect(first.Page).ToHaveURLAsync(new Regex("/queue$"));
            await Expect(first.Page.Locator(caseLink)).ToHaveCountAsync(0);
            await Shoot(first.Page, "11-first-approver-signed");
        }
        await using (var second = await TheOneWithTheCaseAsync(Approvers, caseLink, "12-second-approver-queue"))
        {
            await Expect(second.Page.Locator("tr", new() { Has = second.Page.Locator(caseLink) })).ToContainTextAsync("екінші қолтаңба");
            await second.Page.Locator(caseLink).ClickAsync();
            await Expect(second.Page.Locator("button[name=decision][value=request_correction]")).ToHaveCountAsync(0);
            await second.Page.Locator("button[name=decision][value=approve]").ClickAsync();
            await Expect(second.Page).ToHaveURLAsync(new Regex("/queue$"));
            await Shoot(second.Page, "13-second-approver-countersigned");
        }

        await page.GotoAsync($"/requests/{requestId}");
        await Expect(state).ToHaveAttributeAsync("data-state", "issued");
        await Expect(state).ToHaveTextAsync("Берілді");
        var issuedLine = await page.Locator(".issued p").First.InnerTextAsync();
        var number = Regex.Match(issuedLine, @"№\s*(\S+)\s+құжат берілді").Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(number), $"No document number in «{issuedLine}».");
        await Expect(page.Locator($".issued a[href='/verify/{number}']")).ToHaveCountAsync(1);
        var issued = await Shoot(page, "14-student-request-issued");
        site.Screenshots.Document(issued, "student-request-issued-kk.png");

        // 5. The student downloads the PDF: a real PDF, in her name, with the corrected dates.
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("a[href*='handler=document']").ClickAsync());
        var pdf = site.Screenshots.Keep("15-issued-document.pdf", await File.ReadAllBytesAsync(await download.PathAsync()));
        var bytes = await File.ReadAllBytesAsync(pdf);
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(bytes, 0, 4));
        var text = Regex.Replace(await PdfReading.TextAsync(pdf), @"\s+", " ");
        Assert.Contains(StudentName, text, StringComparison.Ordinal);
        Assert.Contains(number, text, StringComparison.Ordinal);
        Assert.Contains(Kazakh(correctedLastDay), text, StringComparison.Ordinal);
        var firstPage = site.Screenshots.Keep("15-issued-document-page1.png", await PdfReading.FirstPageAsync(pdf));
        var qrCode = await PdfReading.QrCodeAsync(firstPage);
        Assert.Equal(new Uri(site.Address, $"/verify/{number}").ToString(), qrCode);
        Step("15-student-downloaded-pdf");

        // 6. Anyone, without an account, checks the number (where the QR code leads) and the file;
        // the same file with one byte changed is not genuine.
        await using var stranger = await Visitor.ArriveInKazakhAsync(site);
        var pub = stranger.Page;
        await pub.GotoAsync($"/verify/{number}");
        await Expect(pub.Locator("[data-genuine=true]")).ToContainTextAsync(StudentName);
        await Shoot(pub, "16-public-verifies-number");

        await pub.GotoAsync("/verify");
        await UploadAsync(pub, bytes);
        await Expect(pub.Locator("[data-genuine=true]")).ToContainTextAsync(number);
        await Shoot(pub, "17-public-verifies-file");

        var tampered = (byte[])bytes.Clone();
        tampered[tampered.Length / 2] ^= 0x01;
        await pub.GotoAsync("/verify");
        await UploadAsync(pub, tampered);
        await Expect(pub.Locator("[data-genuine=false]")).ToBeVisibleAsync();
        await Expect(pub.Locator("[data-genuine=true]")).ToHaveCountAsync(0);
        await Shoot(pub, "18-public-rejects-changed-file");
    }

    /// <summary>
    /// Signs each person in (a fresh browser each) and keeps the only one whose queue lists the case;
    /// the others are signed out by closing their browsers.
    /// </summary>
    private async Task<Visitor> TheOneWithTheCaseAsync(string[] candidates, string caseLink, string screenshot)
    {
        Visitor? holder = null;
        var holders = new List<string>();
        foreach (var email in candidates)
        {
            var visitor = await Visitor.SignedInAsync(site, email);
            await visitor.Page.GotoAsync("/queue");
            if (await visitor.Page.Locator(caseLink).CountAsync() == 1)
            {
                holders.Add(email);
                if (holder is null)
                {
                    holder = visitor;
                    continue;
                }
            }
            await visitor.DisposeAsync();
        }
        if (holders.Count != 1 && holder is not null) await holder.DisposeAsync();
        Assert.True(holders.Count == 1, $"Expected exactly one of {string.Join(", ", candidates)} to have the case, found: [{string.Join(", ", holders)}].");
        output.WriteLine($"{screenshot}: the case is with {holders[0]}");
        await Shoot(holder!.Page, screenshot);
        return holder;
    }

    private static async Task UploadAsync(IPage page, byte[] pdf)
    {
        var form = page.Locator("form.upload");
        await form.Locator("input[name=file]").SetInputFilesAsync(new FilePayload { Name = "document.pdf", MimeType = "application/pdf", Buffer = pdf });
        await form.Locator("button[type=submit]").ClickAsync();
    }

    private async Task<string> Shoot(IPage page, string name)
    {
        var file = await site.Screenshots.TakeAsync(page, name);
        Step(name);
        return file;
    }

    private void Step(string name) => output.WriteLine($"{_clock.Elapsed.TotalSeconds,6:0.0} s  {name}");

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>How pages and documents print a date for a Kazakh reader: "6 маусым 2027".</summary>
    private static string Kazakh(DateOnly date) => date.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("kk-KZ"));

    /// <summary>The smallest file the site's signature check takes for a PDF: the scan of the commission's conclusion.</summary>
    private static readonly byte[] MinimalPdf = System.Text.Encoding.ASCII.GetBytes(
        "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n" +
        "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n");
}
