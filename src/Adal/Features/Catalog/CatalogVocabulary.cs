namespace Adal.Features.Catalog;

/// <summary>The closed vocabularies a service definition may use; the loader refuses anything else.</summary>
public static class CatalogVocabulary
{
    public static readonly IReadOnlySet<string> StepRoles = new HashSet<string>
    {
        "officer", "approver", "registrar", "commissioner", "admin",
    };

    public static readonly IReadOnlySet<string> ContentTypes = new HashSet<string>
    {
        "application/pdf", "image/jpeg", "image/png",
    };

    public static readonly IReadOnlySet<string> DocumentTemplates = new HashSet<string>
    {
        "certificate", "letter", "decision", "contract", "receipt",
    };

    /// <summary>Placeholders every document body may use besides the service's own field names.</summary>
    public static readonly IReadOnlySet<string> DocumentPlaceholders = new HashSet<string>
    {
        "fullName", "studentNumber", "programme", "faculty", "year", "date", "documentNumber", "university", "iin",
    };

    public const int MaxAttachmentKb = 20 * 1024;
    public const int MaxSlaHours = 720;
}
