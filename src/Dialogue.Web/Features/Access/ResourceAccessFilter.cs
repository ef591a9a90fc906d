using Dialogue.Data;
using Dialogue.Web.Features.Threads;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.EntityFrameworkCore;

namespace Dialogue.Web.Features.Access;

/// <summary>
/// Enforces the read rule once for every page: a handler argument or route value named after a
/// resource id is checked through <see cref="Visible"/> (a thread through <see cref="AccessPolicy"/> on its remembered
/// facts, the same rule: PolicyAndQueryAgreeTests), and a resource the viewer may not read
/// answers 404, exactly like one that does not exist — whatever id is guessed, on every URL.
/// Pages still load their data through VisibleTo; this filter is the guard that cannot be forgotten.
/// A page parameter that names anything else (a person, a ledger row, a signed token) is listed in
/// <see cref="Declared"/> with the check its handler makes; a convention test fails on any id-like
/// page parameter that is neither guarded here nor declared.
/// </summary>
public sealed class ResourceAccessFilter(CurrentViewer current, DialogueDbContext db, ThreadHeads threads) : IAsyncPageFilter
{
    /// <summary>The argument names that carry a resource id; a page taking such an id uses one of these names.</summary>
    public static readonly IReadOnlyList<string> ThreadIds = ["threadId"];
    public static readonly IReadOnlyList<string> PostIds = ["postId", "quotePostId"];
    public static readonly IReadOnlyList<string> SpaceIds = ["spaceId", "targetSpaceId"];
    public static readonly IReadOnlyList<string> SpaceSlugs = ["slug"];
    public static readonly IReadOnlyList<string> WorkshopIds = ["workshopId"];

    /// <summary>
    /// Id-like page parameters this filter does not guard, by page (its view path) and parameter name (a bound form's
    /// field as the form names it), with the check the handler makes instead.
    /// </summary>
    public static readonly IReadOnlyDictionary<(string Page, string Parameter), string> Declared = new Dictionary<(string, string), string>
    {
        [("/Accounts/ConfirmEmail", "UserId")] = "Identity validates the token, signed for this user id",
        [("/Accounts/ConfirmEmailChange", "UserId")] = "Identity validates the token, signed for this user id and address",
        [("/Accounts/ResetPassword", "UserId")] = "Identity validates the reset token, signed for this user id",
        [("/Accounts/Setup", "Token")] = "compared in constant time with the first-admin setup token",
        [("/Admin/Audit", "TargetUserId")] = "admin-only folder; filters the audit list by person, shows no content",
        [("/Admin/Mail", "messageId")] = "admin-only folder; an outbox message to try again, whose content the page never shows",
        [("/Admin/Member", "id")] = "admin-only folder; an account, not content",
        [("/Calendars/Feed", "token")] = "a secret feed token, looked up by its SHA-256; the feed is built as its member through VisibleTo, else 404",
        [("/Digests/Confirm", "Token")] = "a signed, expiring subscription token validated by the handler",
        [("/Digests/Unsubscribe", "Token")] = "a signed unsubscribe token validated by the handler",
        [("/Digests/Settings", "Data.SpaceIds")] = "kept only where the member may still see the space (the handler intersects them)",
        [("/Digests/View", "ledgerId")] = "loads only a ledger row addressed to the signed-in member, else 404",
        [("/Glossary/Tbx/Export", "glossaryId")] = "loads the glossary's facts and answers 404 unless AccessPolicy.CanExportGlossary allows it",
        [("/Glossary/Tbx/Import", "Confirm.Version")] = "the glossary's version when the preview was shown, compared with its current one; the glossary itself is guarded by glossaryId",
        [("/Glossary/Tbx/Import", "glossaryId")] = "404 unless the viewer may read the glossary, 403 unless AccessPolicy.CanImportGlossary allows it",
        [("/Invitations/Index", "id")] = "revokes only the sender's own invitation (admins: any), else 404",
        [("/Members/Profile", "id")] = "a person, not content: only approved viewers see active members' profiles (else 404); their posts are listed through VisibleTo",
        [("/Moderation/Thread", "userId")] = "a person to silence; the thread itself is guarded here and moderation is checked",
        [("/Privacy/AccessLog", "Input.ThreadId")] = "only narrows the admin's log; a thread's title shows only when the admin may read it (AccessLogQuery)",
        [("/Privacy/SpaceAccessLog", "Input.ThreadId")] = "only narrows the log to threads of the spaces the reviewer moderates (AccessLogQuery)",
        [("/Privacy/AccessReviews/Review", "userId")] = "an item of the open review of the guarded space or thread, decided only by its reviewers (AccessPolicy.CanReviewAccess)",
        [("/Privacy/PersonalData", "memberId")] = "the member's own account only (AccessPolicy.CanManagePersonalData), else 404",
        [("/Privacy/Sessions", "memberId")] = "the member's own account only (AccessPolicy.CanManagePersonalData), else 404",
        [("/Privacy/Sessions", "sessionId")] = "ends only a session of the signed-in member's own account (the update is scoped to their id)",
        [("/Privacy/PersonalDataSubscriber", "Token")] = "a signed unsubscribe token naming the public subscriber and address, validated by the handler",
        [("/Search/Index", "Before")] = "a cursor, not a resource: only matches older than that post id are searched, each still through VisibleTo, and nothing of that post is shown",
        [("/Spaces/Edit", "Data.Slug")] = "admin-only page; the new address of the space being edited, checked for collisions",
        [("/Spaces/Members", "userId")] = "a person's membership row of the guarded space; managing it is checked",
        [("/Workshops/Agenda", "sessionId")] = "a session of the guarded workshop: loaded, changed or removed only together with that workshop's id, by its organisers",
        [("/Workshops/Agenda", "Data.SpeakerUserIds")] = "kept only when each is an active member of the workshop's space",
        [("/Workshops/Edit", "organiserUserId")] = "added only when an active member of the workshop's space (for RED, an invitee)",
        [("/Workshops/Registrants", "registrationId")] = "a registration of the guarded workshop, decided only together with that workshop's id, by its organisers",
        [("/Workshops/Registrants", "inviteUserIds")] = "invited only when each is an active member of the workshop's space",
        [("/Workshops/Series/Details", "seriesId")] = SeriesCheck,
        [("/Workshops/Series/Calendar", "seriesId")] = SeriesCheck,
        [("/Workshops/Polls/Details", "pollId")] = "loaded only through PollsVisible.VisibleTo (else 404); answering and deciding check AccessPolicy.CanAnswer/CanDecide",
        [("/Workshops/Polls/Details", "slotId")] = "a slot looked up among the guarded poll's own slots; deciding is checked",
        [("/Glossary/Edit", "glossaryId")] = GlossaryCheck,
        [("/Glossary/Edit", "Data.SpaceId")] = "kept only among the spaces the handler lists for this viewer (visible and theirs to create in)",
        [("/Glossary/Edit", "userId")] = "an editor row of the glossary the handler loaded through GlossaryAccess and may manage",
        [("/Glossary/Details", "glossaryId")] = GlossaryCheck,
        [("/Glossary/Concept", "conceptId")] = GlossaryCheck,
        [("/Glossary/Concept", "discussionSpaceId")] = "used only when the viewer is an active member of that space (Viewer.IsMemberOf)",
        [("/Glossary/History", "conceptId")] = GlossaryCheck,
        [("/Glossary/Diff", "conceptId")] = GlossaryCheck,
        [("/Glossary/Propose", "glossaryId")] = GlossaryCheck,
        [("/Glossary/Propose", "conceptId")] = "must be an entry of the glossary loaded through GlossaryAccess, else 404",
        [("/Glossary/Propose", "proposalId")] = "must be the viewer's own proposal in the glossary loaded through GlossaryAccess, else 404",
        [("/Glossary/Propose", "Data.RelatedConceptIds")] = "kept only among the glossary's own entries (EntryValidator, GlossaryEntries)",
        [("/Glossary/Proposals", "glossaryId")] = GlossaryCheck,
        [("/Glossary/Proposal", "proposalId")] = "GlossaryAccess loads the proposal's glossary through the policy; the proposer and curators only, else 404",
    };

    private const string SeriesCheck = "SeriesLoader loads the series and its facts through AccessPolicy.CanReadSeries, else 404";

    private const string GlossaryCheck = "GlossaryAccess loads the glossary (or the entry's) through GlossaryVisibility and the policy, else 404";

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (!await AllowedAsync(context, context.HttpContext.RequestAborted))
        {
            context.Result = new NotFoundResult();
            return;
        }
        await next();
    }

    private async Task<bool> AllowedAsync(PageHandlerExecutingContext context, CancellationToken ct)
    {
        var viewer = (Viewer?)null;
        foreach (var (name, kind) in Names)
        {
            var value = ValueOf(context, name);
            if (value is null)
            {
                continue;
            }
            viewer ??= await current.GetAsync(ct);
            if (kind == Kind.SpaceSlug)
            {
                var slug = value.ToString();
                if (!await db.Spaces.AsNoTracking().VisibleTo(viewer).AnyAsync(s => s.Slug == slug, ct))
                {
                    return false;
                }
                continue;
            }
            if (!TryGetId(value, out var id))
            {
                return false; // an id that is not a number names nothing
            }
            var visible = kind switch
            {
                // The thread's facts are remembered between writes and the page reads them again: no query on a re-read.
                Kind.Thread => await threads.GetAsync(id, ct) is { } head && AccessPolicy.Can(viewer, head.Facts, AccessAction.Read),
                Kind.Post => await db.Posts.AsNoTracking().VisibleTo(viewer).AnyAsync(p => p.Id == id, ct),
                Kind.Workshop => await db.Workshops.AsNoTracking().VisibleTo(viewer).AnyAsync(w => w.Id == id, ct),
                _ => await db.Spaces.AsNoTracking().VisibleTo(viewer).AnyAsync(s => s.Id == id, ct),
            };
            if (!visible)
            {
                return false;
            }
        }
        return true;
    }

    private enum Kind { Thread, Post, Space, SpaceSlug, Workshop }

    private static readonly (string Name, Kind Kind)[] Names =
    [
        .. ThreadIds.Select(n => (n, Kind.Thread)), .. PostIds.Select(n => (n, Kind.Post)),
        .. SpaceIds.Select(n => (n, Kind.Space)), .. SpaceSlugs.Select(n => (n, Kind.SpaceSlug)),
        .. WorkshopIds.Select(n => (n, Kind.Workshop)),
    ];

    /// <summary>The guarded name's value from the handler's arguments, the route or the query; null when absent or empty.</summary>
    private static object? ValueOf(PageHandlerExecutingContext context, string name)
    {
        object? value = null;
        foreach (var (key, argument) in context.HandlerArguments)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                value = argument;
            }
        }
        value ??= context.RouteData.Values.TryGetValue(name, out var routeValue) ? routeValue : null;
        value ??= context.HttpContext.Request.Query.TryGetValue(name, out var queryValue) ? queryValue.ToString() : null;
        return value is string { Length: 0 } ? null : value;
    }

    private static bool TryGetId(object value, out long id)
    {
        id = 0;
        return value switch
        {
            long l => (id = l) == l,
            int i => (id = i) == i,
            string text => long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out id),
            _ => false,
        };
    }
}
