using System.Net;
using Adal.Tests.Infrastructure;

namespace Adal.Tests.Verification;

/// <summary>A certificate of study as the student holds it: its number, the PDF, and (once a head covers it) its proof bundle.</summary>
public sealed record IssuedCertificate(string Number, byte[] Pdf, HttpClient Student);

public static class Certificates
{
    /// <summary>The enrolled demo student applies for a certificate of study, which is issued at once, and downloads the PDF.</summary>
    public static async Task<IssuedCertificate> IssueAsync(AdalApp app)
    {
        var student = await app.SignedInAsync("student@demo.local");
        var request = await Cases.ApplyAsync(student, new { serviceSlug = "certificate-of-study", fields = new { purpose = "employer", copies = 1 } });
        Assert.Equal("issued", request["state"]!.GetValue<string>());
        var number = request["documentNumber"]!.GetValue<string>();
        var pdf = await student.GetByteArrayAsync($"/api/documents/{number}/pdf");
        return new IssuedCertificate(number, pdf, student);
    }

    /// <summary>The proof bundle, anonymously, after the next tree head is due (heads are signed at most once a second).</summary>
    public static async Task<string> ProofAsync(AdalApp app, string number)
    {
        app.Clock.Advance(TimeSpan.FromSeconds(2));
        var response = await app.CreateClient().GetAsync($"/api/verify/{number}/proof");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"expected 200, got {(int)response.StatusCode}: {text}");
        return text;
    }
}
