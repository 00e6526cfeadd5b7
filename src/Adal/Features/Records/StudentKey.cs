using Adal.Features.University;
using Adal.Platform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Adal.Features.Records;

/// <summary>
/// How a client names a student: the id the API hands out (the student's user id, as in <c>studentId</c>), the
/// student number printed on the card (2023-FIT-0001), or the 12-digit IIN. Clients that only have the issue
/// text use whichever they hold, so each one works where a student is named.
/// </summary>
public static class StudentKey
{
    /// <summary>The student, or null when no student of this university has that id, number or IIN.</summary>
    public static async Task<Student?> FindAsync(AdalDb db, string? key, CancellationToken ct)
    {
        var text = key?.Trim();
        if (string.IsNullOrEmpty(text)) return null;
        if (Guid.TryParse(text, out var id))
            return await db.Students.AsNoTracking().FirstOrDefaultAsync(s => s.UserId == id, ct);
        var byNumber = await db.Students.AsNoTracking().FirstOrDefaultAsync(s => s.StudentNumber == text, ct);
        if (byNumber is not null || text.Length != 12 || !text.All(char.IsAsciiDigit)) return byNumber;
        return await db.Students.AsNoTracking().FirstOrDefaultAsync(s => s.Iin == text, ct);
    }
}
