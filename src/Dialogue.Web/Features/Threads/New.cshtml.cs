using System.ComponentModel.DataAnnotations;
using Dialogue.Data;
using Dialogue.Data.Sensitivity;
using Dialogue.Data.Spaces;
using Dialogue.Web.Features.Access;
using Dialogue.Web.Features.Moderation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Dialogue.Web.Features.Threads;

/// <summary>Start a thread in a space: title, a label no laxer than the space's, tags, the first post, and for RED its participants.</summary>
public class NewModel(DialogueDbContext db, CurrentViewer current, Posting posting, PostingRules rules, PostPreview preview,
    Privacy.EmbargoInput embargo, IStringLocalizer<Text> text) : PageModel
{
    public sealed record Candidate(string UserId, string DisplayName);

    /// <summary>
    /// Up to this many other members, RED participants are ticked in a list; a bigger space (thousands of members made
    /// a 600 KB page of checkboxes) takes their email addresses instead, each checked against the space's members.
    /// </summary>
    public const int CheckboxLimit = 100;

    [BindProperty] public Command Data { get; set; } = new();
    public long SpaceId { get; private set; }
    public string SpaceName { get; private set; } = "";
    public SensitivityLabel SpaceLabel { get; private set; }
    /// <summary>Every thread of the space is under the Chatham House Rule: the choice is made already.</summary>
    public bool SpaceChathamHouse { get; private set; }
    public IReadOnlyList<Candidate> Candidates { get; private set; } = [];
    public int CandidateCount { get; private set; }
    public bool PickByEmail => CandidateCount > CheckboxLimit;
    /// <summary>The draft rendered as it would be posted, after the Preview button; null otherwise.</summary>
    public string? PreviewHtml { get; private set; }

    public sealed class Command
    {
        [Required(ErrorMessage = "Enter a title.")]
        [StringLength(200, ErrorMessage = "The title can be at most 200 characters.")]
        [Display(Name = "Title")]
        public string Title { get; set; } = "";

        [Display(Name = "Label")]
        public SensitivityLabel? Label { get; set; }

        [StringLength(300, ErrorMessage = "Too many tags.")]
        [Display(Name = "Tags")]
        public string? Tags { get; set; }

        [Required(ErrorMessage = "Write the first post.")]
        [StringLength(20_000, ErrorMessage = "A post can be at most 20,000 characters.")]
        [Display(Name = "First post")]
        public string Body { get; set; } = "";

        /// <summary>The author opts the post out of glossary links (Features/Glossary/Linking).</summary>
        public bool NoGlossaryLinks { get; set; }

        public List<string> Participants { get; set; } = [];

        /// <summary>In a space of more than <see cref="CheckboxLimit"/> members: addresses, one per line or separated by commas.</summary>
        [StringLength(20_000, ErrorMessage = "Too many addresses.")]
        [Display(Name = "Participants' email addresses")]
        public string? ParticipantEmails { get; set; }

        [Display(Name = "Chatham House Rule")]
        public bool ChathamHouse { get; set; }

        /// <summary>Embargo: a datetime-local in the viewer's zone (Privacy/EmbargoInput); empty publishes at once.</summary>
        [StringLength(40)]
        public string? PublishAt { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(long spaceId, CancellationToken ct)
    {
        if (await LoadAsync(spaceId, ct) is { } refusal)
        {
            return refusal;
        }
        Data.Label ??= SpaceLabel;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long spaceId, CancellationToken ct)
    {
        if (await LoadAsync(spaceId, ct) is { } refusal)
        {
            return refusal;
        }
        var label = Data.Label ?? SpaceLabel;
        if (!AccessPolicy.IsAllowedLabel(label, SpaceLabel))
        {
            ModelState.AddModelError("Data.Label", text["A thread cannot be laxer than its space ({0}).", LabelTagHelper.Name(SpaceLabel)]);
        }
        var tags = ParseTags(Data.Tags);
        if (tags is null)
        {
            ModelState.AddModelError("Data.Tags", text["Use at most {0} tags of at most 40 characters each.", Posting.MaxTags]);
        }
        var viewer = await current.GetAsync(ct);
        var (participants, strangers) = label == SensitivityLabel.Red ? await ParticipantsAsync(viewer, ct) : ([], []);
        if (strangers.Count > 0)
        {
            ModelState.AddModelError(PickByEmail ? "Data.ParticipantEmails" : "Data.Participants", PickByEmail
                ? text["Not members of this space: {0}", string.Join(", ", strangers)]
                : text["Participants must be members of the space."]);
        }
        if (string.IsNullOrWhiteSpace(Data.Body))
        {
            ModelState.AddModelError("Data.Body", text["Write the first post."]);
        }
        var embargoUntil = embargo.Read(Data.PublishAt, ModelState);
        if (ModelState.IsValid && await rules.RefusalAsync(viewer, spaceId, null, ct) is { } notNow)
        {
            ModelState.AddModelError("Data.Body", notNow);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var thread = await posting.StartThreadAsync(
            new Posting.NewThread(spaceId, Data.Title, label, tags!, Data.Body, participants, Data.ChathamHouse, Data.NoGlossaryLinks, embargoUntil), viewer, ct);
        if (thread.Status == Dialogue.Data.Threads.PostStatus.Pending)
        {
            TempData["Status"] = (string)text["Thank you! A moderator reviews the first posts of new members; yours is marked “awaiting review” until then, and you will be told."];
        }
        return Redirect($"/Threads/{thread.Id}");
    }

    /// <summary>Shows the draft rendered above the form, as it would be posted (the label and participants decide who a mention may name); writes nothing.</summary>
    public async Task<IActionResult> OnPostPreviewAsync(long spaceId, CancellationToken ct)
    {
        if (await LoadAsync(spaceId, ct) is { } refusal)
        {
            return refusal;
        }
        if (PostPreview.DraftOf(ModelState, Data.Body, text["Write something to preview."]) is not { } draft)
        {
            return Page();
        }
        var viewer = await current.GetAsync(ct);
        var label = Data.Label is { } chosen && Enum.IsDefined(chosen) && AccessPolicy.IsAllowedLabel(chosen, SpaceLabel) ? chosen : SpaceLabel;
        var participants = label == SensitivityLabel.Red ? [.. (await ParticipantsAsync(viewer, ct)).Members, viewer.UserId!] : new List<string>();
        PreviewHtml = await preview.RenderAsync(draft, new ThreadFacts(spaceId, label, viewer.UserId!, participants), viewer, ct);
        return Page();
    }

    /// <summary>Comma-separated, trimmed, lower-case, distinct; null when there are too many or one is too long.</summary>
    public static IReadOnlyList<string>? ParseTags(string? input)
    {
        var tags = (input ?? "").Split([',', '，', '、'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(t => t.ToLowerInvariant()).Distinct(StringComparer.Ordinal).ToList();
        return tags.Count > Posting.MaxTags || tags.Any(t => t.Length > 40) ? null : tags;
    }

    private async Task<IActionResult?> LoadAsync(long spaceId, CancellationToken ct)
    {
        var viewer = await current.GetAsync(ct);
        var space = await db.Spaces.AsNoTracking().VisibleTo(viewer).Where(s => s.Id == spaceId)
            .Select(s => new { s.Id, s.Name, s.DefaultLabel, s.JoinPolicy, s.ChathamHouse }).SingleOrDefaultAsync(ct);
        if (space is null)
        {
            return NotFound();
        }
        if (!AccessPolicy.CanStartThread(viewer, new SpaceFacts(space.Id, space.DefaultLabel, space.JoinPolicy)))
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }
        (SpaceId, SpaceName, SpaceLabel, SpaceChathamHouse) = (space.Id, space.Name, space.DefaultLabel, space.ChathamHouse);
        // One more than the limit tells a big space from a small one without counting thousands.
        Candidates = await OtherMembers(viewer)
            .OrderBy(u => u.DisplayName)
            .Select(u => new Candidate(u.Id, u.DisplayName))
            .Take(CheckboxLimit + 1)
            .ToListAsync(ct);
        CandidateCount = Candidates.Count;
        if (PickByEmail)
        {
            Candidates = [];
        }
        return null;
    }

    private IQueryable<Dialogue.Data.Accounts.DialogueUser> OtherMembers(Viewer viewer) =>
        db.SpaceMembers.AsNoTracking()
            .Where(m => m.SpaceId == SpaceId && m.Status == SpaceMemberStatus.Active && m.UserId != viewer.UserId)
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => u);

    /// <summary>
    /// The chosen participants who are members of the space, and what was chosen but is not: ids from the list, or
    /// addresses typed in a big space. The author's own address is no stranger: they always take part.
    /// </summary>
    private async Task<(List<string> Members, List<string> Strangers)> ParticipantsAsync(Viewer viewer, CancellationToken ct)
    {
        if (!PickByEmail)
        {
            var allowed = Candidates.Select(c => c.UserId).ToHashSet(StringComparer.Ordinal);
            var chosen = Data.Participants.Distinct(StringComparer.Ordinal).ToList();
            return ([.. chosen.Where(allowed.Contains)], [.. chosen.Where(p => !allowed.Contains(p))]);
        }
        var typed = (Data.ParticipantEmails ?? "").Split([',', ';', '\n', '\r', ' ', '\t', '，', '；'], StringSplitOptions.RemoveEmptyEntries)
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var normalized = typed.Select(e => e.ToUpperInvariant()).ToList();
        var found = await OtherMembers(viewer).Where(u => normalized.Contains(u.NormalizedEmail!))
            .Select(u => new { u.Id, u.NormalizedEmail }).ToListAsync(ct);
        var own = viewer.UserId is null ? null : await db.Users.Where(u => u.Id == viewer.UserId).Select(u => u.NormalizedEmail).SingleOrDefaultAsync(ct);
        var strangers = typed.Where(e => !string.Equals(e, own, StringComparison.OrdinalIgnoreCase)
            && !found.Any(f => string.Equals(f.NormalizedEmail, e, StringComparison.OrdinalIgnoreCase))).ToList();
        return ([.. found.Select(f => f.Id)], strangers);
    }
}
