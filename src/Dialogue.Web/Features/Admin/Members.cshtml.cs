using Dialogue.Data;
using Dialogue.Data.Accounts;
using Dialogue.Web.Features.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Dialogue.Web.Features.Admin;

public class MembersModel(DialogueDbContext db) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Search { get; set; }

    [BindProperty(SupportsGet = true)]
    public AccountStatus? Status { get; set; }

    // "page" is the route value Razor Pages uses for the page's own path, so the page number is "p".
    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<Row> Members { get; private set; } = [];

    public bool HasNextPage { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        PageNumber = Math.Max(1, PageNumber);
        var users = db.Users.AsNoTracking();
        if (Status is { } status)
        {
            users = users.Where(u => u.Status == status);
        }
        users = users.MatchingNameOrEmail(Search);

        // One extra row tells whether there is a next page without counting the whole table.
        var page = await users
            .OrderByDescending(u => u.CreatedAt).ThenBy(u => u.Id)
            .Skip((PageNumber - 1) * PageSize)
            .Take(PageSize + 1)
            .Select(u => new { u.Id, u.DisplayName, u.Email, u.Status, u.CreatedAt })
            .ToListAsync(ct);
        HasNextPage = page.Count > PageSize;
        page = page.Take(PageSize).ToList();

        // The page's roles in one query, not one per member.
        var ids = page.Select(u => u.Id).ToList();
        var roles = (await (
                from userRole in db.UserRoles
                join role in db.Roles on userRole.RoleId equals role.Id
                where ids.Contains(userRole.UserId)
                select new { userRole.UserId, role.Name })
            .ToListAsync(ct))
            .ToLookup(r => r.UserId, r => r.Name!);

        Members = page
            .Select(u => new Row(u.Id, u.DisplayName, u.Email ?? "", u.Status, u.CreatedAt,
                [.. roles[u.Id].OrderBy(r => Roles.All.TakeWhile(known => known != r).Count())]))
            .ToList();
    }

    public sealed record Row(string Id, string DisplayName, string Email, AccountStatus Status, DateTimeOffset JoinedAt, IReadOnlyList<string> Roles);
}
