using Adal.Platform.Identity;
using Adal.Platform.Persistence;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Adal.Features.Admin;

[Authorize(Roles = $"{Role.Admin},{Role.Auditor}")]
public sealed class QueuesModel(AdalDb db, TimeProvider clock) : PageModel
{
    public List<QueueSummary> Queues { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Queues = await QueueState.LoadAsync(db, clock.GetUtcNow().UtcDateTime, ct);
}
