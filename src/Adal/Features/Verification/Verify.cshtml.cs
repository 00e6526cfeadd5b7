using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Adal.Features.Verification;

/// <summary>The page the QR code opens: public, no account, in kk/ru/en.</summary>
// Checking a file changes nothing and needs no account, so there is no session to forge a request from.
[IgnoreAntiforgeryToken]
[RequestSizeLimit(VerificationApi.MaxPdfBytes + 1024 * 1024)]
public sealed class VerifyModel(DocumentVerification verification) : PageModel
{
    public string? Number { get; private set; }
    public VerificationResult? Result { get; private set; }
    public bool Unknown { get; private set; }
    public bool CheckedFile { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? number, CancellationToken ct)
    {
        number ??= Request.Query["number"];
        if (!string.IsNullOrWhiteSpace(number))
        {
            Number = number.Trim();
            Result = await verification.ByNumberAsync(Number, ct);
            Unknown = Result is null;
            if (Unknown) Response.StatusCode = 404;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(IFormFile? file, CancellationToken ct)
    {
        CheckedFile = true;
        if (file is null || file.Length == 0 || file.Length > VerificationApi.MaxPdfBytes)
        {
            Unknown = true;
            Response.StatusCode = 400;
            return Page();
        }
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        Result = await verification.ByFileAsync(buffer.ToArray(), ct);
        Unknown = Result is null;
        return Page();
    }
}
