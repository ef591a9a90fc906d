using Dialogue.Data.Sensitivity;
using Dialogue.Data.Spaces;
using Dialogue.Data.Threads;
using Dialogue.Web.Features.Access;
using Policy = Dialogue.Web.Features.Access.AccessPolicy;

namespace Dialogue.Tests.Features.Access;

/// <summary>The pure decision over every label × kind of viewer, as shared/DESIGN.md's table says.</summary>
public sealed class AccessPolicyTests
{
    private const long SpaceId = 7;
    private const string Author = "author";

    public enum Kind
    {
        Stranger,
        PendingMember,
        MemberNotInSpace,
        SpaceMember,
        RedParticipant,
        SpaceModerator,
        Admin,
        SiteModerator,
        AdminInSpace,
    }

    private static Viewer ViewerOf(Kind kind) => kind switch
    {
        Kind.Stranger => Viewer.Anonymous,
        Kind.PendingMember => new Viewer { UserId = "pending", IsApproved = false, Spaces = Member() },
        Kind.MemberNotInSpace => new Viewer { UserId = "outsider", IsApproved = true },
        Kind.SpaceMember => new Viewer { UserId = "member", IsApproved = true, Spaces = Member() },
        Kind.RedParticipant => new Viewer { UserId = "participant", IsApproved = true, Spaces = Member() },
        Kind.SpaceModerator => new Viewer { UserId = "moderator", IsApproved = true, Spaces = Member(SpaceRole.Moderator) },
        Kind.Admin => new Viewer { UserId = "admin", IsApproved = true, IsAdmin = true },
        Kind.SiteModerator => new Viewer { UserId = "sitemod", IsApproved = true, IsSiteModerator = true },
        Kind.AdminInSpace => new Viewer { UserId = "admin2", IsApproved = true, IsAdmin = true, Spaces = Member() },
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private static Dictionary<long, SpaceRole> Member(SpaceRole role = SpaceRole.Member) => new() { [SpaceId] = role };

    private static ThreadFacts Thread(SensitivityLabel label) =>
        new(SpaceId, label, Author, label == SensitivityLabel.Red ? ["participant", Author] : []);

    // Columns: CLEAR, GREEN, AMBER, AMBER+STRICT, RED.
    public static TheoryData<Kind, bool[]> ReadMatrix => new()
    {
        { Kind.Stranger, [true, false, false, false, false] },
        { Kind.PendingMember, [true, false, false, false, false] },
        { Kind.MemberNotInSpace, [true, true, false, false, false] },
        { Kind.SpaceMember, [true, true, true, true, false] },
        { Kind.RedParticipant, [true, true, true, true, true] },
        { Kind.SpaceModerator, [true, true, true, true, false] },
        { Kind.Admin, [true, true, false, false, false] },
        { Kind.SiteModerator, [true, true, false, false, false] },
        { Kind.AdminInSpace, [true, true, true, true, false] },
    };

    public static TheoryData<Kind, bool[]> ReplyMatrix => new()
    {
        { Kind.Stranger, [false, false, false, false, false] },
        { Kind.PendingMember, [false, false, false, false, false] },
        { Kind.MemberNotInSpace, [true, true, false, false, false] },
        { Kind.SpaceMember, [true, true, true, true, false] },
        { Kind.RedParticipant, [true, true, true, true, true] },
        { Kind.SpaceModerator, [true, true, true, true, false] },
        { Kind.Admin, [true, true, false, false, false] },
        { Kind.SiteModerator, [true, true, false, false, false] },
        { Kind.AdminInSpace, [true, true, true, true, false] },
    };

    public static TheoryData<Kind, bool[]> ModerateMatrix => new()
    {
        { Kind.Stranger, [false, false, false, false, false] },
        { Kind.PendingMember, [false, false, false, false, false] },
        { Kind.MemberNotInSpace, [false, false, false, false, false] },
        { Kind.SpaceMember, [false, false, false, false, false] },
        { Kind.RedParticipant, [false, false, false, false, false] },
        { Kind.SpaceModerator, [true, true, true, true, false] },
        { Kind.Admin, [true, true, false, false, false] },
        { Kind.SiteModerator, [true, true, false, false, false] },
        { Kind.AdminInSpace, [true, true, true, true, false] },
    };

    [Theory]
    [MemberData(nameof(ReadMatrix))]
    public void Read_follows_the_sensitivity_table(Kind kind, bool[] expected) =>
        AssertRow(kind, AccessAction.Read, expected);

    [Theory]
    [MemberData(nameof(ReplyMatrix))]
    public void Reply_needs_an_approved_reader(Kind kind, bool[] expected) =>
        AssertRow(kind, AccessAction.Reply, expected);

    [Theory]
    [MemberData(nameof(ModerateMatrix))]
    public void Moderating_needs_reading_and_a_moderator_role(Kind kind, bool[] expected) =>
        AssertRow(kind, AccessAction.Moderate, expected);

    private static void AssertRow(Kind kind, AccessAction action, bool[] expected)
    {
        var viewer = ViewerOf(kind);
        var labels = Enum.GetValues<SensitivityLabel>();
        Assert.Equal(labels.Length, expected.Length);
        for (var i = 0; i < labels.Length; i++)
        {
            var thread = Thread(labels[i]);
            Assert.True(expected[i] == Policy.Can(viewer, thread, action), $"{kind} {action} {labels[i]}: expected {expected[i]}");
            var post = new PostFacts(thread, Author);
            Assert.True(expected[i] == Policy.Can(viewer, post, action), $"{kind} {action} post in {labels[i]}: expected {expected[i]}");
        }
    }

    [Fact]
    public void Red_participant_who_left_the_space_loses_access()
    {
        var formerMember = new Viewer { UserId = "participant", IsApproved = true };
        Assert.False(Policy.Can(formerMember, Thread(SensitivityLabel.Red), AccessAction.Read));
    }

    [Fact]
    public void Pending_post_is_seen_by_its_author_and_moderators_only()
    {
        var thread = Thread(SensitivityLabel.Green);
        var pending = new PostFacts(thread, "member", PostStatus.Pending);
        Assert.True(Policy.Can(ViewerOf(Kind.SpaceMember), pending, AccessAction.Read));
        Assert.True(Policy.Can(ViewerOf(Kind.SpaceModerator), pending, AccessAction.Read));
        Assert.False(Policy.Can(ViewerOf(Kind.MemberNotInSpace), pending, AccessAction.Read));
        Assert.False(Policy.Can(ViewerOf(Kind.Stranger), pending, AccessAction.Read));
    }

    [Fact]
    public void Removed_post_is_seen_by_moderators_only_even_by_its_author()
    {
        var removed = new PostFacts(Thread(SensitivityLabel.Green), "member", PostStatus.Deleted);
        Assert.False(Policy.Can(ViewerOf(Kind.SpaceMember), removed, AccessAction.Read));
        Assert.True(Policy.Can(ViewerOf(Kind.SpaceModerator), removed, AccessAction.Read));
    }

    [Fact]
    public void Locked_thread_takes_replies_from_moderators_only_and_closed_from_nobody()
    {
        var locked = Thread(SensitivityLabel.Green) with { IsLocked = true };
        Assert.False(Policy.Can(ViewerOf(Kind.SpaceMember), locked, AccessAction.Reply));
        Assert.True(Policy.Can(ViewerOf(Kind.SpaceModerator), locked, AccessAction.Reply));
        var closed = Thread(SensitivityLabel.Green) with { IsClosed = true };
        Assert.False(Policy.Can(ViewerOf(Kind.SpaceModerator), closed, AccessAction.Reply));
        Assert.True(Policy.Can(ViewerOf(Kind.SpaceMember), closed, AccessAction.Read));
    }

    [Fact]
    public void Only_the_author_edits_a_post()
    {
        var post = new PostFacts(Thread(SensitivityLabel.Green), "member");
        Assert.True(Policy.CanEdit(ViewerOf(Kind.SpaceMember), post));
        Assert.False(Policy.CanEdit(ViewerOf(Kind.SpaceModerator), post));
        Assert.False(Policy.CanEdit(ViewerOf(Kind.SpaceMember), post with { IsDeleted = true }));
    }

    [Theory]
    [InlineData(SensitivityLabel.Clear, SensitivityLabel.Clear, true)]
    [InlineData(SensitivityLabel.Red, SensitivityLabel.Clear, true)]
    [InlineData(SensitivityLabel.AmberStrict, SensitivityLabel.Amber, true)]
    [InlineData(SensitivityLabel.Amber, SensitivityLabel.AmberStrict, false)]
    [InlineData(SensitivityLabel.Green, SensitivityLabel.Amber, false)]
    [InlineData(SensitivityLabel.Clear, SensitivityLabel.Red, false)]
    [InlineData((SensitivityLabel)42, SensitivityLabel.Clear, false)]
    public void Thread_label_is_never_laxer_than_its_space(SensitivityLabel thread, SensitivityLabel space, bool allowed) =>
        Assert.Equal(allowed, Policy.IsAllowedLabel(thread, space));

    [Fact]
    public void Spaces_show_to_strangers_only_when_clear()
    {
        var clear = new SpaceFacts(SpaceId, SensitivityLabel.Clear, SpaceJoinPolicy.Open);
        var amber = new SpaceFacts(SpaceId, SensitivityLabel.Amber, SpaceJoinPolicy.Closed);
        Assert.True(Policy.CanSee(Viewer.Anonymous, clear));
        Assert.False(Policy.CanSee(Viewer.Anonymous, amber));
        Assert.True(Policy.CanSee(ViewerOf(Kind.MemberNotInSpace), amber));
        Assert.True(Policy.CanRequestToJoin(ViewerOf(Kind.MemberNotInSpace), amber));
        Assert.False(Policy.CanJoin(ViewerOf(Kind.MemberNotInSpace), amber));
        Assert.False(Policy.CanStartThread(ViewerOf(Kind.MemberNotInSpace), clear));
        Assert.True(Policy.CanStartThread(ViewerOf(Kind.SpaceMember), amber));
    }
}
