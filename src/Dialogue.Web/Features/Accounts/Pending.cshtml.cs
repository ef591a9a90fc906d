using Dialogue.Data;
using Dialogue.Data.Accounts;
using Dialogue.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Dialogue.Web.Features.Accounts;

/// <summary>Where a member whose account still awaits an admin's approval lands after signing in.</summary>
public class PendingModel(DialogueDbContext db) : PageModel
{
    public bool IsPending { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var id = User.UserId();
        IsPending = await db.Users.AnyAsync(u => u.Id == id && u.Status == AccountStatus.PendingApproval, ct);
    }
}
