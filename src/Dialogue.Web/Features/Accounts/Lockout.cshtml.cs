using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Dialogue.Web.Features.Accounts;

public class LockoutModel(IOptions<IdentityOptions> identity) : PageModel
{
    public int Minutes { get; } = (int)Math.Ceiling(identity.Value.Lockout.DefaultLockoutTimeSpan.TotalMinutes);

    public void OnGet()
    {
    }
}
