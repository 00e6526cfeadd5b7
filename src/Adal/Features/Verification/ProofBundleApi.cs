using Adal.Platform;
using Adal.Platform.Localization;

namespace Adal.Features.Verification;

/// <summary>Public, no account: the proof an employer keeps beside the PDF and checks offline with `adal verify`.</summary>
public static class ProofBundleApi
{
    public static IEndpointRouteBuilder MapProofBundleApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/verify/{number}/proof", Proof).WithTags("Verification").AllowAnonymous()
            .WithSummary($"Offline proof bundle ({ProofBundle.CurrentFormat}): the ledger leaf, a signed tree head covering it, the audit path and the university's public keys")
            .Produces<ProofBundle>().ProducesProblem(404);
        return app;
    }

    private static async Task<IResult> Proof(string number, HttpContext http, ProofBundles bundles, CancellationToken ct)
    {
        var outcome = await bundles.ForDocumentAsync(number, Languages.Current, ct);
        if (outcome.Failure is { } failure)
        {
            return failure.ToResult();
        }
        var bundle = outcome.Value!;
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{bundle.DocumentNumber}.proof.json\"";
        return TypedResults.Ok(bundle);
    }
}
