using Dialogue.Data.Accounts;
using Dialogue.Data.Admin;
using Dialogue.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dialogue.Tests.Features.Admin;

internal static class AdminTestHelpers
{
    public static async Task<HttpClient> AdminBrowserAsync(this DialogueFactory factory, bool followRedirects = true) =>
        await factory.CreateSignedInBrowserAsync(await factory.AdminAsync(), followRedirects);

    public static Task<DialogueUser> ReloadAsync(this DialogueFactory factory, string userId) =>
        factory.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == userId));

    public static Task<IList<string>> RolesOfAsync(this DialogueFactory factory, string userId) => factory.WithScopeAsync(async sp =>
    {
        var users = sp.GetRequiredService<UserManager<DialogueUser>>();
        return await users.GetRolesAsync((await users.FindByIdAsync(userId))!);
    });

    public static Task<List<AdminAuditEntry>> AuditAboutAsync(this DialogueFactory factory, string targetUserId) =>
        factory.WithDbAsync(db => db.AdminAuditEntries.AsNoTracking().Where(e => e.TargetUserId == targetUserId).OrderBy(e => e.Id).ToListAsync());

    /// <summary>A member who registered under approval-required mode and waits for an admin.</summary>
    public static async Task<DialogueUser> CreatePendingMemberAsync(this DialogueFactory factory, string? email = null, string? uiCulture = null)
    {
        var member = await factory.CreateMemberAsync(email);
        await factory.WithDbAsync(db => db.Users.Where(u => u.Id == member.Id).ExecuteUpdateAsync(s => s
            .SetProperty(u => u.Status, AccountStatus.PendingApproval)
            .SetProperty(u => u.ApprovedAt, (DateTimeOffset?)null)
            .SetProperty(u => u.UiCulture, uiCulture)));
        return await factory.ReloadAsync(member.Id);
    }

    /// <summary>
    /// Posts to <paramref name="actionUrl"/> with the antiforgery token of a page the client may open, as a
    /// hand-made request would: for actions the page deliberately offers no form for.
    /// </summary>
    public static async Task<HttpResponseMessage> PostWithTokenFromAsync(
        this HttpClient client, string pageUrl, string actionUrl, IReadOnlyDictionary<string, string> fields)
    {
        var page = await client.GetPageAsync(pageUrl);
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value");
        Assert.False(string.IsNullOrEmpty(token), $"No antiforgery token on {pageUrl}");
        return await client.PostAsync(actionUrl, new FormUrlEncodedContent([.. fields, new("__RequestVerificationToken", token!)]));
    }

    public static string Unique(string prefix) => $"{prefix}{Guid.NewGuid():N}"[..(prefix.Length + 12)];
}
