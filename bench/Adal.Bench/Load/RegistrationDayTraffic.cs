using System.Net;
using System.Text;
using System.Text.Json;

namespace Adal.Bench.Load;

/// <summary>A student at a keyboard: their token, the requests they know of, the language they read.</summary>
internal sealed class StudentSession
{
    public string Email { get; set; } = "";
    public string? Token { get; set; }
    public List<Guid> Requests { get; } = [];
    public string Language { get; set; } = "kk";
    public int Operations { get; set; }
}

internal sealed class StaffSession(string email, string role)
{
    public string Email => email;
    public string Role => role;
    public string? Token { get; set; }
}

/// <summary>
/// What people do on registration day, one HTTP call at a time: students sign in, search and read the catalogue,
/// apply (certificates of study, issued at once with a PDF; academic leave, some with a scanned PDF attached;
/// exam retakes, for the registrar), and come back to see how their requests stand; officers, approvers and
/// registrars open their queue, read a case and decide it — approve, or ask for a correction.
/// </summary>
internal sealed class RegistrationDayTraffic(LoadClient client, LoadAccounts accounts)
{
    public const string SubmitPrefix = "submit: ";
    public const string Status = "status";
    public const string Search = "catalogue search";
    public const string Ping = "ping (trivial endpoint)";

    private static readonly (string Query, string Language)[] Searches =
    [
        ("анықтама", "kk"), ("справка", "ru"), ("certificate", "en"), ("демалыс", "kk"), ("академический отпуск", "ru"), ("leave", "en"),
        ("жатақхана", "kk"), ("общежитие", "ru"), ("dormitory", "en"), ("стипендия", "ru"), ("scholarship", "en"), ("емтихан", "kk"),
        ("пересдача экзамена", "ru"), ("transcript", "en"), ("", "kk"), ("", "ru"),
    ];

    private static readonly string[] Pages = ["certificate-of-study", "academic-leave", "exam-retake", "transcript", "dormitory-place", "library-card"];
    private static readonly string[] LanguagesSpoken = ["kk", "kk", "ru", "ru", "en"];
    private static readonly string ScanBase64 = Convert.ToBase64String(SmallPdf());
    private int _nextStudent;

    public async Task SignInAsync(WorkerLog log, StudentSession session)
    {
        var index = (int)((uint)Interlocked.Increment(ref _nextStudent) % (uint)accounts.Students.Count);
        session.Email = accounts.Students[index];
        session.Language = LanguagesSpoken[Random.Shared.Next(LanguagesSpoken.Length)];
        session.Requests.Clear();
        session.Token = await LoginAsync(log, session.Email);
        if (session.Token is not null) await MineAsync(log, session);
    }

    public async Task SignInAsync(WorkerLog log, StaffSession session) => session.Token = await LoginAsync(log, session.Email);

    private async Task<string?> LoginAsync(WorkerLog log, string email)
    {
        using var token = await client.PostAsync(log, "sign-in", "/api/auth/login", null, new { email, password = RegistrationDaySeed.Password }, HttpStatusCode.OK);
        return token?.RootElement.GetProperty("accessToken").GetString();
    }

    /// <summary>The registration-day mix for one student: mostly checking on requests and searching, some applying.</summary>
    public async Task StudentStepAsync(WorkerLog log, StudentSession session)
    {
        // Students come and go: after a hundred clicks the worker becomes the next student, who signs in.
        if (session.Token is null || ++session.Operations % 100 == 0)
        {
            await SignInAsync(log, session);
            return;
        }
        var roll = Random.Shared.NextDouble();
        if (roll < 0.25) await SearchAsync(log, session);
        else if (roll < 0.30) await ServicePageAsync(log, session);
        else if (roll < 0.45) await SubmitAsync(log, session);
        else if (roll < 0.95 && session.Requests.Count > 0) await StatusAsync(log, session);
        else await MineAsync(log, session);
    }

    public async Task SearchAsync(WorkerLog log, StudentSession session)
    {
        var (query, language) = Searches[Random.Shared.Next(Searches.Length)];
        using var _ = await client.GetAsync(log, Search, $"/api/services?q={Uri.EscapeDataString(query)}&lang={language}", session.Token);
    }

    private async Task ServicePageAsync(WorkerLog log, StudentSession session)
    {
        using var _ = await client.GetAsync(log, "service page", $"/api/services/{Pages[Random.Shared.Next(Pages.Length)]}?lang={session.Language}", session.Token);
    }

    public async Task PingAsync(WorkerLog log, StudentSession session)
    {
        using var _ = await client.GetAsync(log, Ping, "/api/ping", session.Token);
    }

    public static readonly IReadOnlyList<string> SubmissionKinds = ["certificate of study (automatic)", "academic leave + PDF scan", "academic leave", "exam retake"];

    /// <summary>60% certificates of study (automatic: issued with its PDF and ledger entries before the answer), 25% academic leave, 15% exam retakes.</summary>
    public Task SubmitAsync(WorkerLog log, StudentSession session) => SubmitAsync(log, session, Random.Shared.NextDouble() switch
    {
        < 0.60 => SubmissionKinds[0],
        < 0.725 => SubmissionKinds[1],
        < 0.85 => SubmissionKinds[2],
        _ => SubmissionKinds[3],
    });

    public async Task SubmitAsync(WorkerLog log, StudentSession session, string kind)
    {
        object body = Array.IndexOf([.. SubmissionKinds], kind) switch
        {
            0 => new
            {
                serviceSlug = "certificate-of-study",
                fields = new Dictionary<string, object> { ["purpose"] = Pick("pension-fund", "military-office", "visa", "employer"), ["copies"] = 1 + Random.Shared.Next(3) },
            },
            1 => new
            {
                serviceSlug = "academic-leave",
                fields = LeaveFields("medical"),
                attachments = new[] { new { key = "medical-commission-conclusion", fileName = "vkk-qorytyndy.pdf", contentBase64 = ScanBase64 } },
            },
            2 => new { serviceSlug = "academic-leave", fields = LeaveFields(Pick("military-service", "childbirth-childcare")) },
            _ => new
            {
                serviceSlug = "exam-retake",
                fields = new Dictionary<string, object>
                {
                    ["courseCode"] = $"CSE-{200 + Random.Shared.Next(100)}", ["courseName"] = "Алгоритмдер және деректер құрылымы", ["semester"] = "autumn",
                    ["examDate"] = "2026-12-20", ["teacherName"] = "Жұмабаев Е. Қ.", ["examFormat"] = Pick("written", "computer-test", "oral"),
                },
            },
        };
        using var created = await client.PostAsync(log, SubmitPrefix + kind, "/api/requests", session.Token, body, HttpStatusCode.Created, session.Language);
        if (created is not null) session.Requests.Add(created.RootElement.GetProperty("id").GetGuid());
    }

    /// <summary>A student checks a request; one sent back for correction is resubmitted as it stands (the scan was fine after all).</summary>
    public async Task StatusAsync(WorkerLog log, StudentSession session)
    {
        var id = session.Requests[Random.Shared.Next(session.Requests.Count)];
        using var view = await client.GetAsync(log, Status, $"/api/requests/{id}", session.Token, session.Language);
        if (view?.RootElement.GetProperty("state").GetString() != "needs_correction") return;
        using var _ = await client.PostAsync(log, "resubmit", $"/api/requests/{id}/transitions", session.Token, new { action = "resubmit" }, HttpStatusCode.OK, session.Language);
    }

    private async Task MineAsync(WorkerLog log, StudentSession session)
    {
        using var mine = await client.GetAsync(log, "my requests", "/api/requests", session.Token, session.Language);
        if (mine is null) return;
        foreach (var item in mine.RootElement.EnumerateArray().Take(50))
        {
            var id = item.GetProperty("id").GetGuid();
            if (!session.Requests.Contains(id)) session.Requests.Add(id);
        }
    }

    /// <summary>An officer's turn: the queue, one case read in full, a decision (approve 85%, ask for a correction 15%).</summary>
    public async Task StaffStepAsync(WorkerLog log, StaffSession session)
    {
        if (session.Token is null)
        {
            await SignInAsync(log, session);
            return;
        }
        Guid id;
        using (var queue = await client.GetAsync(log, "queue", "/api/queue", session.Token, "ru"))
        {
            var cases = queue?.RootElement.EnumerateArray().Take(20).Select(c => c.GetProperty("id").GetGuid()).ToList() ?? [];
            if (cases.Count == 0)
            {
                await Task.Delay(200); // nothing assigned yet: an officer with an empty queue looks again a moment later
                return;
            }
            id = cases[Random.Shared.Next(cases.Count)];
        }
        bool mayAskForCorrection;
        using (var view = await client.GetAsync(log, "case", $"/api/requests/{id}", session.Token, "ru"))
        {
            if (view is null) return;
            var step = view.RootElement.GetProperty("currentStep");
            // After a first signature on a four-eyes step the case can only be countersigned (or rejected).
            mayAskForCorrection = step.ValueKind == JsonValueKind.Object && !step.GetProperty("awaitingSecondSignature").GetBoolean();
        }
        var correction = mayAskForCorrection && Random.Shared.NextDouble() < 0.15;
        object decision = correction
            ? new { action = "request_correction", reason = "Құжаттың көшірмесі анық емес, қайта жүктеңіз / Скан нечитаем, загрузите заново" }
            : new { action = "approve" };
        var name = correction ? "decide: request correction" : "decide: approve";
        using var _ = await client.PostAsync(log, name, $"/api/requests/{id}/transitions", session.Token, decision, HttpStatusCode.OK, "ru");
    }

    public async Task<int> QueueLengthAsync(WorkerLog log, StaffSession session)
    {
        using var queue = await client.GetAsync(log, "queue", "/api/queue", session.Token, "ru");
        return queue?.RootElement.GetArrayLength() ?? 0;
    }

    private static Dictionary<string, object> LeaveFields(string reason) => new()
    {
        ["leaveReason"] = reason, ["startDate"] = "2027-02-01", ["endDate"] = "2027-08-31",
        ["comment"] = "Дәрігерлік-консультациялық комиссияның қорытындысы бойынша",
    };

    private static string Pick(params string[] options) => options[Random.Shared.Next(options.Length)];

    /// <summary>A one-page PDF of about 2 KB: what a phone's scanner app sends for a small document.</summary>
    private static byte[] SmallPdf()
    {
        var text = new StringBuilder("%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [3 0 R] /Count 1>> endobj\n")
            .Append("3 0 obj <</Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]>> endobj\n");
        for (var i = 0; i < 40; i++) text.Append("% scanned page data ").Append(i.ToString("D4", System.Globalization.CultureInfo.InvariantCulture)).Append(" ..............................\n");
        text.Append("trailer <</Root 1 0 R>>\n%%EOF\n");
        return Encoding.ASCII.GetBytes(text.ToString());
    }
}
