namespace Adal.Ledger;

/// <summary>
/// The events Adal writes to its ledger. Each is a decision or document someone may later need to
/// prove happened, unchanged, at a given time. New types may be added; existing ones never change
/// meaning, because old leaves keep the name they were written with.
/// </summary>
public static class LedgerEventTypes
{
    /// <summary>A request filed (or filed again after a correction): when the university received it cannot be argued later.</summary>
    public const string RequestSubmitted = "request.submitted";
    public const string RequestDecided = "request.decided";
    public const string RequestRefused = "request.refused";
    public const string RequestSigned = "request.signed";
    public const string DocumentIssued = "document.issued";
    public const string DocumentRevoked = "document.revoked";
    public const string GradeEntered = "grade.entered";
    public const string GradeChanged = "grade.changed";
    public const string CatalogChanged = "catalog.changed";
    public const string RoleGranted = "role.granted";

    public static IReadOnlyList<string> All { get; } =
    [
        RequestSubmitted, RequestDecided, RequestRefused, RequestSigned, DocumentIssued, DocumentRevoked,
        GradeEntered, GradeChanged, CatalogChanged, RoleGranted,
    ];
}
