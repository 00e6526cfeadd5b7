namespace Adal.Features.Documents;

/// <summary>Everything printed on an issued document, already filled in and in one language.</summary>
/// <param name="Language">"kk", "ru" or "en": the language of the printed labels and of the issue date.</param>
/// <param name="Body">Paragraphs separated by a blank line ("\n\n"); a single "\n" breaks the line.</param>
/// <param name="VerificationUrl">Encoded in the QR code and printed under it.</param>
/// <param name="LedgerIndex">The document's entry in the integrity ledger, printed when known.</param>
public sealed record DocumentContent(
    string Language,
    string UniversityName,
    string Title,
    string Body,
    string HolderName,
    string DocumentNumber,
    DateTime IssuedAtUtc,
    string VerificationUrl,
    long? LedgerIndex)
{
    /// <summary>Printed after the body when set: the record behind a transcript or a diploma supplement.</summary>
    public DocumentTable? Table { get; init; }
}
