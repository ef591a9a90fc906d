using Dialogue.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dialogue.Web.Features.Digests;

/// <summary>"View in browser": a digest the signed-in member received. Anyone else's, or one that does not exist, is 404.</summary>
public class ViewModel(DigestPreviews previews) : PageModel
{
    public DigestPreview Digest { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(long ledgerId, CancellationToken ct)
    {
        if (User.UserId() is not { } userId || await previews.SentDigestAsync(ledgerId, userId, ct) is not { } digest)
        {
            return NotFound();
        }
        Digest = digest;
        return Page();
    }
}
