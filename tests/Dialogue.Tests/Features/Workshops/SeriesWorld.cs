using Dialogue.Data.Accounts;
using Dialogue.Data.Sensitivity;
using Dialogue.Data.Spaces;
using Dialogue.Data.Workshops;
using Dialogue.Tests.Infrastructure;
using Dialogue.Web.Features.Access;
using Dialogue.Web.Features.Workshops;
using Dialogue.Web.Features.Workshops.Series;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dialogue.Tests.Features.Workshops;

/// <summary>Series written through the app's own editors, as the New page writes them.</summary>
public static class SeriesWorld
{
    public static Task<WorkshopSeries> CreateSeriesAsync(
        this DialogueFactory factory, long spaceId, DialogueUser organiser, SensitivityLabel label, string title,
        string zone, string start, string end, SeriesForm repeat) =>
        factory.WithScopeAsync(async sp =>
        {
            var editor = sp.GetRequiredService<WorkshopEditor>();
            var series = sp.GetRequiredService<SeriesEditor>();
            var mode = label == SensitivityLabel.Red ? WorkshopRegistrationMode.InvitationOnly : WorkshopRegistrationMode.Open;
            var form = new WorkshopForm { Title = title, Description = $"About {title}", Label = label, TimeZone = zone, Start = start, End = end, Mode = mode, Venue = "Room 4" };
            var errors = new ModelStateDictionary();
            var input = editor.Check(form, label, null, errors);
            var plan = series.Check(repeat, input, errors);
            Assert.True(input is not null && plan is not null, string.Join("; ", errors.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage)));
            var viewer = new Viewer { UserId = organiser.Id, IsApproved = true, Spaces = new Dictionary<long, SpaceRole> { [spaceId] = SpaceRole.Member } };
            return await series.CreateAsync(spaceId, input!, plan!, viewer, CancellationToken.None);
        });

    public static SeriesForm Weekly(int count) => new() { Repeats = SeriesRepeat.Weekly, Ends = SeriesEnd.AfterCount, Count = count };

    /// <summary>The series' occurrences still on its rule, in order.</summary>
    public static Task<List<Workshop>> OccurrencesAsync(this DialogueFactory factory, long seriesId) =>
        factory.WithDbAsync(db => db.Workshops.AsNoTracking().Where(w => w.SeriesId == seriesId && w.OccurrenceIndex != null)
            .OrderBy(w => w.OccurrenceIndex).ToListAsync());
}
