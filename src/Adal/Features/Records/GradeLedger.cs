using Adal.Features.Ledger;
using Adal.Ledger;

namespace Adal.Features.Records;

/// <summary>
/// The integrity-ledger entries of the record, appended in the same transaction as the grade. Course and period
/// are public facts and go in as text; the student, the scores, the people and the reason only as salted
/// commitments. The grade's id (a random identifier, not personal) links an entry to its later changes, so
/// anyone can count how often a grade was changed without learning whose it is or what it became.
/// </summary>
internal static class GradeLedger
{
    /// <summary>An event type of this slice; the ledger's existing types never change meaning, new ones may be added.</summary>
    public const string RecordsImported = "records.imported";

    public static void Entered(LedgerRecorder ledger, DateTime now, Grade grade, GradeContext context, Guid actor, string basis,
        Guid? approver = null, string? reason = null, GradeChange? change = null) =>
        ledger.Record(index =>
        {
            grade.LedgerIndex = index;
            if (change is not null) change.LedgerIndex = index;
            var draft = new LedgerDraft(LedgerEventTypes.GradeEntered, now)
                .Text("grade", grade.Id.ToString())
                .Text("course", context.CourseCode)
                .Text("period", context.PeriodCode)
                .Text("basis", basis)
                .Committed("student", context.StudentNumber)
                .Committed("score", grade.Score.ToString(System.Globalization.CultureInfo.InvariantCulture))
                .Committed("actor", actor.ToString());
            return WithApproval(draft, approver, reason);
        });

    public static void Changed(LedgerRecorder ledger, DateTime now, Grade grade, int oldScore, GradeContext context, GradeChange change, string basis, Guid? approver) =>
        ledger.Record(index =>
        {
            change.LedgerIndex = index;
            var draft = new LedgerDraft(LedgerEventTypes.GradeChanged, now)
                .Text("grade", grade.Id.ToString())
                .Text("course", context.CourseCode)
                .Text("period", context.PeriodCode)
                .Text("basis", basis)
                .Committed("student", context.StudentNumber)
                .Committed("old_score", oldScore.ToString(System.Globalization.CultureInfo.InvariantCulture))
                .Committed("new_score", grade.Score.ToString(System.Globalization.CultureInfo.InvariantCulture))
                .Committed("actor", change.RequestedById.ToString());
            return WithApproval(draft, approver, change.Reason);
        });

    /// <summary>One entry per real import: the file's SHA-256 proves every row it brought in.</summary>
    public static void Imported(LedgerRecorder ledger, DateTime now, RecordImport import, byte[] sha256, string source) =>
        ledger.Record(index =>
        {
            import.LedgerIndex = index;
            var draft = new LedgerDraft(RecordsImported, now)
                .Text("kind", import.Kind)
                .Integer("rows", import.Rows)
                .Bytes("sha256", sha256)
                .Text("source", source);
            if (import.ImportedById is { } by) draft.Committed("actor", by.ToString());
            return draft;
        });

    private static LedgerDraft WithApproval(LedgerDraft draft, Guid? approver, string? reason)
    {
        if (approver is { } a) draft.Committed("approver", a.ToString());
        if (!string.IsNullOrWhiteSpace(reason)) draft.Committed("reason", reason.Trim());
        return draft;
    }
}

/// <summary>The public facts of a grade (course and period codes) and the student number that is committed.</summary>
internal sealed record GradeContext(string CourseCode, string PeriodCode, string StudentNumber);
