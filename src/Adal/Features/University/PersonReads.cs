using Adal.Platform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Adal.Features.University;

/// <summary>A person as the university knows them: name, language, roles and, for a student, their study.</summary>
public sealed record Person(string FullName, string PreferredLanguage, IReadOnlySet<string> Roles, Student? Student, Programme? Programme, Faculty? Faculty);

/// <summary>
/// Reads people once per scope. A filing asked the database about its applicant three times — eligibility, the
/// certificate's holder, the language of the notification — a query each; now one query answers all three.
/// The reads are kept only for the scope (one HTTP request, one round of a background job), never across requests.
/// </summary>
public sealed class PersonReads(AdalDb db)
{
    private readonly Dictionary<Guid, Person?> _read = [];

    /// <summary>The person with account <paramref name="userId"/> at the scope's university; null when there is none.</summary>
    public async Task<Person?> FindAsync(Guid userId, CancellationToken ct)
    {
        if (_read.TryGetValue(userId, out var known)) return known;
        Person? person = null;
        var roles = new HashSet<string>();
        await foreach (var row in PersonOf.For(db)(db, userId).WithCancellation(ct))
        {
            person ??= new Person(row.FullName, row.PreferredLanguage, roles, row.Student, row.Programme, row.Faculty);
            if (row.Role is not null) roles.Add(row.Role);
        }
        _read[userId] = person;
        return person;
    }

    // Compiled once: every filing reads its applicant. A row per role of the person (one with no role if they have none),
    // their study beside it (null for staff).
    private static readonly CompiledPerEngine<Func<AdalDb, Guid, IAsyncEnumerable<Row>>> PersonOf = new(() =>
        EF.CompileAsyncQuery((AdalDb db, Guid userId) =>
            from user in db.Users.AsNoTracking()
            where user.Id == userId
            from role in db.UserRoles.AsNoTracking().Where(r => r.UserId == user.Id).DefaultIfEmpty()
            from student in db.Students.AsNoTracking().Where(s => s.UserId == user.Id).DefaultIfEmpty()
            select new Row(user.FullName, user.PreferredLanguage, role == null ? null : role.Role, student, student!.Programme, student!.Programme!.Faculty)));

    private sealed record Row(string FullName, string PreferredLanguage, string? Role, Student? Student, Programme? Programme, Faculty? Faculty);
}
