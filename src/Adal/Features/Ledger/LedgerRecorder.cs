namespace Adal.Features.Ledger;

/// <summary>
/// Collects the events of the current unit of work. AdalDb.SaveChangesAsync appends them to the log in the
/// same transaction as the rows they describe, so neither can exist without the other.
/// </summary>
public sealed class LedgerRecorder(TimeProvider clock)
{
    public DateTime Now => clock.GetUtcNow().UtcDateTime;

    private readonly List<PendingEntry> _pending = [];

    public bool HasPending => _pending.Count > 0;

    public void Record(Func<long, LedgerDraft> build) => _pending.Add(new PendingEntry(build));

    public void Record(LedgerDraft draft) => _pending.Add(new PendingEntry(draft));

    internal IReadOnlyList<PendingEntry> TakeAll()
    {
        var all = _pending.ToList();
        _pending.Clear();
        return all;
    }
}
