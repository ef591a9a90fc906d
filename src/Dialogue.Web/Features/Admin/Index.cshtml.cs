using Dialogue.Data;
using Dialogue.Data.Accounts;
using Dialogue.Web.Infrastructure.Jobs;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dialogue.Web.Features.Admin;

public class IndexModel(DialogueDbContext db, IOptions<JobsOptions> jobs, TimeProvider clock) : PageModel
{
    public int PendingAccounts { get; private set; }
    public int SuspendedAccounts { get; private set; }
    public int PendingInvitations { get; private set; }
    public int RefusedMail { get; private set; }
    public string JobsDashboardPath => jobs.Value.DashboardPath;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        PendingAccounts = await db.Users.CountAsync(u => u.Status == AccountStatus.PendingApproval, ct);
        SuspendedAccounts = await db.Users.CountAsync(u => u.Status == AccountStatus.Suspended, ct);
        PendingInvitations = await db.Invitations.CountAsync(i => i.UsedAt == null && i.RevokedAt == null && i.ExpiresAt > now, ct);
        RefusedMail = await db.OutboxMessages.CountAsync(m => m.FailedAt != null && m.SentAt == null, ct);
    }
}
