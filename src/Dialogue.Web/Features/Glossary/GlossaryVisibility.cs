using System.Linq.Expressions;
using Dialogue.Data.Glossary;
using Dialogue.Data.Sensitivity;
using Dialogue.Web.Features.Access;
using GlossaryEntity = Dialogue.Data.Glossary.Glossary;

namespace Dialogue.Web.Features.Glossary;

/// <summary>
/// <see cref="AccessPolicy.CanRead(Viewer, GlossaryFacts)"/> as queries: every glossary page, search and digest reads
/// glossaries, entries, terms and proposals through these. GlossaryPolicyAndQueryAgreeTests holds the two to each other.
/// </summary>
public static class GlossaryVisibility
{
    public static IQueryable<GlossaryEntity> VisibleTo(this IQueryable<GlossaryEntity> glossaries, Viewer viewer) =>
        glossaries.Where(Readable(viewer));

    /// <summary>Entries of readable glossaries, not removed.</summary>
    public static IQueryable<Concept> VisibleTo(this IQueryable<Concept> concepts, Viewer viewer) =>
        concepts.Where(c => !c.IsDeleted).Where(Compose<Concept>(c => c.Glossary!, Readable(viewer)));

    public static IQueryable<GlossaryProposal> VisibleTo(this IQueryable<GlossaryProposal> proposals, Viewer viewer) =>
        proposals.Where(Compose<GlossaryProposal>(p => p.Glossary!, Readable(viewer)));

    public static Expression<Func<GlossaryEntity, bool>> Readable(Viewer viewer)
    {
        if (!viewer.IsApproved)
        {
            return g => g.Label == SensitivityLabel.Clear;
        }
        var userId = viewer.UserId;
        var member = viewer.MemberSpaceIds();
        return g => g.Label == SensitivityLabel.Clear
            || g.Label == SensitivityLabel.Green
            || ((g.Label == SensitivityLabel.Amber || g.Label == SensitivityLabel.AmberStrict) && g.SpaceId != null && member.Contains(g.SpaceId.Value))
            || (g.Label == SensitivityLabel.Red && g.SpaceId != null && member.Contains(g.SpaceId.Value) && g.Editors.Any(e => e.UserId == userId));
    }

    private static Expression<Func<T, bool>> Compose<T>(Expression<Func<T, GlossaryEntity>> select, Expression<Func<GlossaryEntity, bool>> predicate)
    {
        var body = new Replace(predicate.Parameters[0], select.Body).Visit(predicate.Body)!;
        return Expression.Lambda<Func<T, bool>>(body, select.Parameters);
    }

    private sealed class Replace(Expression from, Expression to) : ExpressionVisitor
    {
        public override Expression? Visit(Expression? node) => node == from ? to : base.Visit(node);
    }
}
