using Dialogue.Data;
using Dialogue.Data.Glossary;
using Dialogue.Data.Threads;
using Dialogue.Web.Features.Access;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Dialogue.Web.Features.Glossary;

/// <summary>
/// The sentences of glossary notifications (kinds 140-159) for the notifications page, read as the recipient: a
/// notification whose glossary the recipient can no longer read gets no sentence, and the page leaves it out.
/// </summary>
public sealed class GlossaryNotifications(DialogueDbContext db, IStringLocalizer<Text> text)
{
    public sealed record Line(string Sentence, string Link);

    public static bool IsGlossaryKind(NotificationKind kind) => (int)kind is >= 140 and <= 159;

    public async Task<IReadOnlyDictionary<long, Line>> DescribeAsync(IReadOnlyCollection<long> notificationIds, Viewer viewer, CancellationToken ct)
    {
        if (notificationIds.Count == 0 || viewer.UserId is not { } userId)
        {
            return new Dictionary<long, Line>();
        }
        var ids = notificationIds.ToList();
        var proposals = db.GlossaryProposals.AsNoTracking().VisibleTo(viewer);
        var rows = await db.Notifications.AsNoTracking()
            .Where(n => ids.Contains(n.Id) && n.RecipientId == userId)
            .Join(proposals, n => EF.Property<long?>(n, GlossaryNotificationConfiguration.ProposalId), p => p.Id, (n, p) => new
            {
                n.Id,
                n.Kind,
                ProposalId = p.Id,
                p.ConceptId,
                p.SnapshotJson,
                Glossary = p.Glossary!.Name,
                Actor = db.Users.Where(u => u.Id == n.ActorId).Select(u => u.DisplayName).FirstOrDefault(),
            })
            .ToListAsync(ct);
        return rows.ToDictionary(r => r.Id, r =>
        {
            var term = ConceptSnapshot.FromJson(r.SnapshotJson).Languages.SelectMany(l => l.Terms).Select(t => t.Text).FirstOrDefault() ?? "";
            var actor = r.Actor ?? "";
            return r.Kind switch
            {
                NotificationKind.GlossaryProposalAccepted => new Line(text["{0} accepted your proposal “{1}” in {2}", actor, term, r.Glossary],
                    r.ConceptId is { } conceptId ? $"/Glossary/Concept/{conceptId}" : $"/Glossary/Proposal/{r.ProposalId}"),
                NotificationKind.GlossaryProposalRejected => new Line(text["{0} rejected your proposal “{1}” in {2}", actor, term, r.Glossary], $"/Glossary/Proposal/{r.ProposalId}"),
                NotificationKind.GlossaryChangesRequested => new Line(text["{0} asks for changes to your proposal “{1}” in {2}", actor, term, r.Glossary], $"/Glossary/Proposal/{r.ProposalId}"),
                _ => new Line(text["{0} proposed “{1}” in {2}", actor, term, r.Glossary], $"/Glossary/Proposal/{r.ProposalId}"),
            };
        });
    }
}
