using Adal.Platform.Persistence;
using Adal.Platform.Tenancy;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Adal.Features.University;

/// <summary>A person as the university knows them: name, language, roles and, for a student, their study.</summary>
public sealed record Person(string FullName, string PreferredLanguage, IReadOnlySet<string> Roles, Student? Student, Programme? Programme, Faculty? Faculty);

/// <summary>
/// Reads people once per scope. A filing asked the database about its applicant three times — eligibility, the
/// certificate's holder, the language of the notification — a query each; now one query answers all three.
/// The reads are kept only for the scope (one HTTP request, one round of a background job), never across requests.
/// </summary>
public sealed class PersonReads(AdalDb db, TenantContext tenant)
{
    private readonly Dictionary<Guid, Person?> _read = [];

    /// <summary>The person with account <paramref name="userId"/> at the scope's university; null when there is none.</summary>
    public async Task<Person?> FindAsync(Guid userId, CancellationToken ct)
    {
        if (_read.TryGetValue(userId, out var known)) return known;
        Person? person = null;
        if (tenant.TenantId is { } tenantId)
            person = db.Database.GetDbConnection() is SqliteConnection ? await FindOnSqliteAsync(tenantId, userId, ct) : await FindWithEfCoreAsync(userId, ct);
        _read[userId] = person;
        return person;
    }

    /// <summary>The applicant's query through EF Core: PostgreSQL's way, and what the SQLite statement is held to.</summary>
    internal async Task<Person?> FindWithEfCoreAsync(Guid userId, CancellationToken ct)
    {
        Person? person = null;
        var roles = new HashSet<string>();
        await foreach (var row in PersonOf.For(db)(db, userId).WithCancellation(ct))
        {
            person ??= new Person(row.FullName, row.PreferredLanguage, roles, row.Student, row.Programme, row.Faculty);
            if (row.Role is not null) roles.Add(row.Role);
        }
        return person;
    }

    /// <summary>
    /// The same query on SQLite, with its statement kept prepared (<see cref="SqliteKeptStatements"/>): preparing it
    /// each time was the largest piece of SQLite's work in a filing. <c>PersonReadsTests</c> holds it to the query above.
    /// </summary>
    private async Task<Person?> FindOnSqliteAsync(Guid tenantId, Guid userId, CancellationToken ct)
    {
        Person? person = null;
        var roles = new HashSet<string>();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            SqliteKeptStatements.Query((SqliteConnection)db.Database.GetDbConnection(), PersonOnSqlite,
                [SqliteKeptStatements.GuidText(tenantId), SqliteKeptStatements.GuidText(userId)], row =>
                {
                    person ??= PersonFrom(row, tenantId, roles);
                    if (SqliteKeptStatements.Text(row, 2) is { } role) roles.Add(role);
                });
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
        return person;
    }

    private const string PersonOnSqlite = """
        SELECT u."FullName", u."PreferredLanguage", r."Role",
            s."UserId", s."StudentNumber", s."Iin", s."ProgrammeId", s."Year", s."Status", s."IsForeign",
            p."Id", p."FacultyId", p."Code", p."NameKk", p."NameRu", p."NameEn", p."Level", p."DurationYears",
            f."Id", f."Code", f."NameKk", f."NameRu", f."NameEn"
        FROM "Users" AS u
        LEFT JOIN "UserRoles" AS r ON r."UserId" = u."Id" AND r."TenantId" = u."TenantId"
        LEFT JOIN "Students" AS s ON s."UserId" = u."Id" AND s."TenantId" = u."TenantId"
        LEFT JOIN "Programmes" AS p ON p."Id" = s."ProgrammeId" AND p."TenantId" = u."TenantId"
        LEFT JOIN "Faculties" AS f ON f."Id" = p."FacultyId" AND f."TenantId" = u."TenantId"
        WHERE u."TenantId" = ?1 AND u."Id" = ?2
        """;

    private static Person PersonFrom(SQLitePCL.sqlite3_stmt row, Guid tenantId, HashSet<string> roles)
    {
        static string Text(SQLitePCL.sqlite3_stmt row, int column) => SqliteKeptStatements.Text(row, column)!;
        var student = SqliteKeptStatements.Guid(row, 3) is { } studentId
            ? new Student
            {
                UserId = studentId, TenantId = tenantId, StudentNumber = Text(row, 4), Iin = SqliteKeptStatements.Text(row, 5),
                ProgrammeId = SqliteKeptStatements.Guid(row, 6), Year = (int)SqliteKeptStatements.Integer(row, 7),
                Status = Enum.Parse<StudentStatus>(Text(row, 8)), IsForeign = SqliteKeptStatements.Integer(row, 9) != 0,
            }
            : null;
        var programme = SqliteKeptStatements.Guid(row, 10) is { } programmeId
            ? new Programme
            {
                Id = programmeId, TenantId = tenantId, FacultyId = SqliteKeptStatements.Guid(row, 11)!.Value, Code = Text(row, 12),
                NameKk = Text(row, 13), NameRu = Text(row, 14), NameEn = Text(row, 15), Level = Text(row, 16),
                DurationYears = (int)SqliteKeptStatements.Integer(row, 17),
            }
            : null;
        var faculty = SqliteKeptStatements.Guid(row, 18) is { } facultyId
            ? new Faculty { Id = facultyId, TenantId = tenantId, Code = Text(row, 19), NameKk = Text(row, 20), NameRu = Text(row, 21), NameEn = Text(row, 22) }
            : null;
        return new Person(Text(row, 0), Text(row, 1), roles, student, programme, faculty);
    }

    // Compiled once: every filing on PostgreSQL reads its applicant. A row per role of the person (one with no role if
    // they have none), their study beside it (null for staff). The model's query filters keep it to the scope's
    // university, as everywhere else; EF Core puts each joined table in a filtered subquery, which PostgreSQL's planner
    // flattens. (Joins naming the university in their ON clauses halved SQLite's cost of preparing it, which the kept
    // statement has made moot; on PostgreSQL they made no difference beyond the noise of alternated runs.)
    private static readonly CompiledPerEngine<Func<AdalDb, Guid, IAsyncEnumerable<Row>>> PersonOf = new(() =>
        EF.CompileAsyncQuery((AdalDb db, Guid userId) =>
            from user in db.Users.AsNoTracking()
            where user.Id == userId
            from role in db.UserRoles.AsNoTracking().Where(r => r.UserId == user.Id).DefaultIfEmpty()
            from student in db.Students.AsNoTracking().Where(s => s.UserId == user.Id).DefaultIfEmpty()
            select new Row(user.FullName, user.PreferredLanguage, role == null ? null : role.Role, student, student!.Programme, student!.Programme!.Faculty)));

    private sealed record Row(string FullName, string PreferredLanguage, string? Role, Student? Student, Programme? Programme, Faculty? Faculty);
}
