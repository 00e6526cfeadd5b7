namespace Adal.Platform.Identity;

/// <summary>The roles of the platform, in one place; a user may hold several.</summary>
public static class Role
{
    public const string Student = "student";
    public const string Applicant = "applicant";
    public const string Officer = "officer";
    public const string Approver = "approver";
    public const string Registrar = "registrar";
    /// <summary>Teaches courses and enters their grades (academic records).</summary>
    public const string Teacher = "teacher";
    public const string Commissioner = "commissioner";
    public const string Auditor = "auditor";
    public const string Admin = "admin";

    public static readonly IReadOnlySet<string> All = new HashSet<string>
    {
        Student, Applicant, Officer, Approver, Registrar, Teacher, Commissioner, Auditor, Admin,
    };

    /// <summary>Everyone employed by the university: eligible for staff services.</summary>
    public static readonly IReadOnlySet<string> Staff = new HashSet<string>
    {
        Officer, Approver, Registrar, Teacher, Commissioner, Auditor, Admin,
    };

    /// <summary>Roles that may see any request of their university (read-only for auditors).</summary>
    public static readonly IReadOnlySet<string> CaseReaders = new HashSet<string>
    {
        Officer, Approver, Registrar, Commissioner, Auditor, Admin,
    };
}
